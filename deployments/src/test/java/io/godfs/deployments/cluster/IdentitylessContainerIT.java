package io.godfs.deployments.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcMasterClient;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeLocation;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.Container.ExecResult;

/**
 * A container on the cluster's network, from the godfs image, with no credential and no certificate
 * (it knows the masters' addresses, the public CA certificate, and the id and version of a chunk
 * that exists): it can neither read nor write. Against the masters, through the CLI, the handshake
 * asks for a client certificate and the CLI says so (UNAUTHENTICATED); straight against each
 * chunkserver port, raw gRPC reads and writes of that chunk are refused, in plaintext and over TLS.
 * The control: the same commands in the same container, given the administrator's key and
 * certificate (and, on a chunkserver port, the master's read token), succeed, and the read token
 * still writes nothing.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class IdentitylessContainerIT {
  private static final String NOTES = "only for those the cluster knows\n";
  private static final int DATA = (3 << 20) / 2; // two chunks of 1 MiB

  @Test
  void aContainerWithoutAnIdentityCanNeitherReadNorWriteAndTheClustersCredentialCan()
      throws Exception {
    try (ContainerCluster cluster = ContainerCluster.start("identityless", 1, 3)) {
      GodfsClient client = cluster.client();
      client.mkdir(DfsPath.of("/private"), false);
      try (OutputStream out = client.create(DfsPath.of("/private/notes.txt"), false)) {
        out.write(NOTES.getBytes(StandardCharsets.UTF_8));
      }
      byte[] data = WriteModel.contentFor("/private/data.bin", DATA);
      try (OutputStream out = client.create(DfsPath.of("/private/data.bin"), false)) {
        out.write(data);
      }
      LocatedChunk chunk = firstChunk(cluster, "/private/data.bin");

      try (Intruder intruder = Intruder.start(cluster)) {
        // No TLS at all: the masters speak only TLS.
        assertRefused(intruder.godfs(Map.of(), "fs", "ls", "/private"), "ls in plaintext");
        // TLS, trusting the cluster's (public) CA, without a certificate or a key.
        Map<String, String> tls = Intruder.trustingTheCa();
        for (String[] command :
            List.of(
                new String[] {"fs", "ls", "/private"},
                new String[] {"fs", "cat", "/private/notes.txt"},
                new String[] {"fs", "mkdir", "/private/intruder"})) {
          ExecResult refused = intruder.godfs(tls, command);
          assertRefused(refused, String.join(" ", command));
          assertThat(refused.getStderr())
              .as("why `%s` was refused", String.join(" ", command))
              .contains("requires a client certificate and this client presented none");
        }
        // Straight to each chunkserver holding the chunk. (The alert's name is spelled as the
        // probe's TLS provider spells it: certificate_required by the JDK's, CERTIFICATE_REQUIRED
        // by BoringSSL's.)
        for (NodeLocation holder : chunk.replicas()) {
          List<String> lines = intruder.probe(holder.address().toString(), chunk);
          assertThat(lines)
              .as("raw gRPC calls to %s without an identity", holder)
              .hasSize(4)
              .allSatisfy(line -> assertThat(line).contains(": REFUSED "));
          assertThat(lines)
              .filteredOn(line -> line.startsWith("tls-without-certificate"))
              .allSatisfy(line -> assertThat(line).containsIgnoringCase("certificate_required"));
        }

        // Raft between masters: the same refusals (mutual TLS with the masters' certificates).
        List<String> raft = intruder.probe(cluster.ipOf("master-1") + ":9200", chunk);
        assertThat(raft)
            .as("raw gRPC to master-1's Raft port without an identity")
            .hasSize(4)
            .allSatisfy(line -> assertThat(line).contains(": REFUSED "));
        assertThat(raft)
            .filteredOn(line -> line.startsWith("tls-without-certificate"))
            .allSatisfy(line -> assertThat(line).containsIgnoringCase("certificate_required"));

        // The control: the same container and commands, with the cluster's credential.
        intruder.receiveCredential(cluster.pki());
        Map<String, String> credential = new HashMap<>(tls);
        credential.putAll(Intruder.presentingTheCredential());
        ExecResult ls =
            intruder.godfs(credential, "fs", "ls", "/private", "--api-key-file", Intruder.KEY);
        assertThat(ls.getExitCode()).as("ls with the credential: %s", ls.getStderr()).isZero();
        assertThat(ls.getStdout()).contains("notes.txt", "data.bin");
        ExecResult cat =
            intruder.godfs(
                credential, "fs", "cat", "/private/notes.txt", "--api-key-file", Intruder.KEY);
        assertThat(cat.getExitCode()).as("cat with the credential: %s", cat.getStderr()).isZero();
        assertThat(cat.getStdout()).isEqualTo(NOTES);
        ExecResult mkdir =
            intruder.godfs(
                credential, "fs", "mkdir", "/private/operator", "--api-key-file", Intruder.KEY);
        assertThat(mkdir.getExitCode())
            .as("mkdir with the credential: %s", mkdir.getStderr())
            .isZero();

        NodeLocation holder = chunk.replicas().getFirst();
        List<String> withToken = intruder.probeWithCredential(holder, chunk, true);
        assertThat(withToken.getFirst())
            .as("a read with the certificate and the master's read token")
            .isEqualTo("tls-with-certificate-and-token read: OK " + chunk.length());
        assertThat(withToken.get(1))
            .as("a write with a read token")
            .contains(": REFUSED PERMISSION_DENIED");
        assertThat(intruder.probeWithCredential(holder, chunk, false))
            .as("the certificate alone, without a chunk access token")
            .allSatisfy(line -> assertThat(line).contains(": REFUSED UNAUTHENTICATED"));
      }

      // Nothing the intruder tried changed anything.
      assertThat(client.list(DfsPath.of("/private"), null, 100).entries())
          .extracting(s -> s.path().name())
          .containsExactlyInAnyOrder("notes.txt", "data.bin", "operator");
      try (InputStream in = client.open(DfsPath.of("/private/data.bin"))) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
      // The master's audit trail names who changed what (the control's mkdir), never a key.
      String audit = cluster.readFile("master-1", ContainerCluster.DATA + "/audit.log");
      assertThat(audit.lines().filter(l -> l.contains("/private/operator")))
          .as("audit lines of the control's mkdir")
          .anySatisfy(l -> assertThat(l).contains("\"principal\":\"root\"", "\"result\":\"ok\""));
      assertThat(audit).doesNotContain(cluster.pki().adminKey());
    }
  }

  private static LocatedChunk firstChunk(ContainerCluster cluster, String path) {
    try (ChannelPool channels =
        new ChannelPool(
            Optional.of(cluster.pki().adminKey()), Optional.of(cluster.pki().adminTls()))) {
      List<LocatedChunk> chunks =
          new GrpcMasterClient(cluster.masterAddresses(), channels, Duration.ofSeconds(15))
              .locate(DfsPath.of(path), 0, 0)
              .chunks();
      assertThat(chunks).as("chunks of %s", path).isNotEmpty();
      LocatedChunk first = chunks.getFirst();
      assertThat(first.replicas()).as("replicas of the first chunk").hasSize(3);
      assertThat(first.token().isPresent()).as("a read token from the master").isTrue();
      return first;
    }
  }

  private static void assertRefused(ExecResult result, String what) {
    assertThat(result.getExitCode())
        .as(
            "`%s` without an identity (stdout: %s, stderr: %s)",
            what, result.getStdout(), result.getStderr())
        .isNotZero();
    assertThat(result.getStdout()).as("what `%s` printed", what).doesNotContain(NOTES.strip());
  }
}
