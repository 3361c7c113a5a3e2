package io.godfs.deployments.cluster;

import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.node.NodeLocation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ExecConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A container on the cluster's network, from the godfs image, that no one gave an identity: it
 * holds the masters' addresses, the cluster's CA certificate (public: every master presents it) and
 * {@link ChunkPortProbe}. It idles so that commands run in it with {@code docker exec}; closing
 * removes it.
 */
final class Intruder implements AutoCloseable {
  static final String CA = "/etc/godfs/ca.crt";
  private static final String PROBE_DIR = "/probe";
  private static final String CREDENTIAL = "/etc/godfs/credential";
  static final String KEY = CREDENTIAL + "/admin.key";
  private static final String TOKEN = CREDENTIAL + "/chunk.token";

  private final GenericContainer<?> container;

  private Intruder(GenericContainer<?> container) {
    this.container = container;
  }

  static Intruder start(ContainerCluster cluster) {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(GodfsImage.ensureBuilt()))
            .withNetwork(cluster.dockerNetwork())
            .withEnv("JAVA_TOOL_OPTIONS", ClusterLayout.JVM_OPTIONS)
            .withEnv("GODFS_MASTER", cluster.masterAddresses())
            .withLabel(ContainerCluster.LABEL, "intruder")
            .withCopyToContainer(
                ContainerCluster.readable(cluster.pki().authorityCertificate()), CA)
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.withEntrypoint(
                            "/opt/java/bin/java",
                            "-cp",
                            "/opt/godfs/godfs.jar:" + PROBE_DIR,
                            ChunkPortProbe.class.getName(),
                            "idle")
                        .withCmd(List.of())
                        .withIpv4Address(cluster.ipForExtra(50)))
            .waitingFor(Wait.forLogMessage(".*" + ChunkPortProbe.IDLE + ".*\\n", 1));
    for (Path classFile : probeClasses()) {
      container.withCopyToContainer(
          ContainerCluster.readable(classFile),
          PROBE_DIR
              + "/"
              + ChunkPortProbe.class.getPackageName().replace('.', '/')
              + "/"
              + classFile.getFileName());
    }
    try {
      container.start();
      return new Intruder(container);
    } catch (RuntimeException e) {
      container.stop();
      throw e;
    }
  }

  /** The TLS settings of a client that trusts the cluster's CA and presents nothing. */
  static Map<String, String> trustingTheCa() {
    return Map.of("GODFS_TLS_ENABLED", "1", "GODFS_TLS_CA_FILE", CA);
  }

  /** The client certificate of the cluster's credential, once {@link #receiveCredential} ran. */
  static Map<String, String> presentingTheCredential() {
    return Map.of(
        "GODFS_TLS_CLIENT_CERT_FILE", CREDENTIAL + "/" + CertificateFiles.CERTIFICATE,
        "GODFS_TLS_CLIENT_KEY_FILE", CREDENTIAL + "/" + CertificateFiles.KEY);
  }

  /** {@code godfs ARGS} in this container with {@code env} added. */
  ExecResult godfs(Map<String, String> env, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "/opt/java/bin/java",
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-jar",
                "/opt/godfs/godfs.jar"));
    command.addAll(List.of(args));
    return exec(command, env);
  }

  /** {@link ChunkPortProbe} against {@code address} (host:port) without any identity. */
  List<String> probe(String address, LocatedChunk chunk) {
    return probeLines(
        List.of(
            address,
            String.valueOf(chunk.chunkId().value()),
            String.valueOf(chunk.version().value()),
            String.valueOf(chunk.length())));
  }

  /**
   * {@link ChunkPortProbe} presenting the cluster's certificate, and the chunk's token if asked.
   */
  List<String> probeWithCredential(NodeLocation holder, LocatedChunk chunk, boolean withToken) {
    List<String> args =
        new ArrayList<>(
            List.of(
                holder.address().toString(),
                String.valueOf(chunk.chunkId().value()),
                String.valueOf(chunk.version().value()),
                String.valueOf(chunk.length()),
                CREDENTIAL + "/" + CertificateFiles.CERTIFICATE,
                CREDENTIAL + "/" + CertificateFiles.KEY,
                CA));
    if (withToken) {
      container.copyFileToContainer(Transferable.of(chunk.token().bytes(), 0444), TOKEN);
      args.add(TOKEN);
    }
    return probeLines(args);
  }

  /** Copies the administrator's key and certificate in: what the cluster's clients hold. */
  void receiveCredential(ClusterPki pki) {
    CertificateFiles admin = pki.adminCertificate();
    container.copyFileToContainer(ContainerCluster.readable(pki.adminKeyFile()), KEY);
    container.copyFileToContainer(
        ContainerCluster.readable(admin.certificate()),
        CREDENTIAL + "/" + CertificateFiles.CERTIFICATE);
    container.copyFileToContainer(
        ContainerCluster.readable(admin.key()), CREDENTIAL + "/" + CertificateFiles.KEY);
  }

  private List<String> probeLines(List<String> args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "/opt/java/bin/java",
                "-cp",
                "/opt/godfs/godfs.jar:" + PROBE_DIR,
                ChunkPortProbe.class.getName(),
                "probe"));
    command.addAll(args);
    ExecResult result = exec(command, Map.of());
    if (result.getExitCode() != 0) {
      throw new AssertionError(
          "the probe failed (" + result.getExitCode() + "): " + result.getStderr());
    }
    List<String> lines = result.getStdout().lines().filter(l -> l.contains(": ")).toList();
    System.out.println("probe " + args.getFirst() + ": " + lines);
    return lines;
  }

  private ExecResult exec(List<String> command, Map<String, String> env) {
    try {
      return container.execInContainer(
          ExecConfig.builder().command(command.toArray(String[]::new)).envVars(env).build());
    } catch (IOException e) {
      throw new IllegalStateException("cannot exec in the intruder: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted exec in the intruder", e);
    }
  }

  /** The compiled probe and its inner classes, from the test classes' directory. */
  private static List<Path> probeClasses() {
    try {
      Path dir =
          Path.of(ChunkPortProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .resolve(ChunkPortProbe.class.getPackageName().replace('.', '/'));
      String prefix = ChunkPortProbe.class.getSimpleName();
      try (Stream<Path> files = Files.list(dir)) {
        return files
            .filter(f -> f.getFileName().toString().startsWith(prefix))
            .filter(f -> f.getFileName().toString().endsWith(".class"))
            .toList();
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot find the probe's classes: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    container.stop();
  }
}
