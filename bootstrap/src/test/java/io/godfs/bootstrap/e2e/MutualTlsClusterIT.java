package io.godfs.bootstrap.e2e;

import static io.godfs.domain.access.Role.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.ClientConfig;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.config.Setting;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.file.DfsPath;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master, three chunkservers and a client configured by the seed's GODFS_TLS_* variables, with
 * TLS and mutual TLS on every gRPC connection: the master checks API keys, and the chunkservers,
 * which present no cluster key, are named by their certificates. (Refused clients:
 * TlsOverSocketsTest in the gRPC adapter.)
 */
class MutualTlsClusterIT {
  static final int CHUNK = 1 << 20;

  @TempDir Path dir;
  final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
  }

  Map<String, String> tlsEnv(Ca ca, Issued identity) {
    Map<String, String> env = new HashMap<>();
    env.put("GODFS_TLS_ENABLED", "1");
    env.put("GODFS_TLS_CA_FILE", ca.certificate().toString());
    if (identity != null) {
      env.put("GODFS_TLS_CERT_FILE", identity.chain().toString());
      env.put("GODFS_TLS_KEY_FILE", identity.key().toString());
    }
    return env;
  }

  @Test
  void aMultiChunkFileIsWrittenAndReadOverMutualTlsEverywhere() throws Exception {
    Ca ca = TestCertificates.newCa(dir.resolve("pki"), "cluster-ca");
    Path keys = dir.resolve("api-keys");
    String rootKey =
        ApiKeyFile.addKey(
            keys, Principal.user("root", Set.of(), Set.of(ADMIN)), new SecureRandom());

    Map<String, String> masterEnv = tlsEnv(ca, ca.issue("CN=m1,OU=master"));
    masterEnv.put("GODFS_API_KEYS_FILE", keys.toString());
    MasterSecurity security = new ConfigLoader(masterEnv).masterSecurity(Map.of());
    assertThat(security.transport()).hasValueSatisfying(t -> assertThat(t.verifiesClients()));
    MasterNode master =
        MasterNode.start(
            new MasterConfig(
                "127.0.0.1",
                0,
                CHUNK,
                3,
                Duration.ofSeconds(30),
                Duration.ofMillis(200),
                MasterConfig.DEFAULT_LEASE_TIMEOUT,
                HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO)),
            security);
    running.add(master);
    String masterAddress = "127.0.0.1:" + master.port();

    List<ChunkserverNode> chunkservers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Map<String, String> env = tlsEnv(ca, ca.issue("CN=chunk-" + i + ",OU=chunkserver"));
      ChunkserverNode node =
          ChunkserverNode.start(
              ChunkserverConfig.of(
                  masterAddress,
                  "127.0.0.1",
                  0,
                  dir.resolve("chunk-" + i),
                  "chunk-" + i,
                  null,
                  0,
                  Duration.ofMillis(200)),
              Optional.empty(),
              new ConfigLoader(env).tls(Role.CHUNKSERVER, Map.of()));
      running.add(node);
      chunkservers.add(node);
    }
    Waits.until(
        Duration.ofSeconds(20),
        "3 chunkservers to register over mutual TLS",
        () -> chunkservers.stream().allMatch(ChunkserverNode::isRegistered));

    Issued user = ca.issue("CN=root");
    Map<String, String> clientEnv = tlsEnv(ca, null);
    clientEnv.put("GODFS_TLS_CLIENT_CERT_FILE", user.chain().toString());
    clientEnv.put("GODFS_TLS_CLIENT_KEY_FILE", user.key().toString());
    clientEnv.put("GODFS_CLIENT_API_KEY", rootKey);
    ClientConfig config =
        new ConfigLoader(clientEnv).client(Role.CLIENT, Map.of(Setting.MASTER, masterAddress));
    assertThat(config.tls()).isPresent();
    // Reads over gRPC (not from the replica files beside it), so every byte crosses TLS.
    GodfsClient client =
        GodfsClient.connect(
            config.masterAddress(),
            ClientSettings.DEFAULTS.withLocalReads(false),
            config.apiKey(),
            config.tls());
    running.add(client);

    byte[] data = new byte[3 * CHUNK + 12_345];
    new Random(22).nextBytes(data);
    DfsPath path = DfsPath.of("/secure/multi-chunk.bin");
    client.mkdir(path.parent(), true);
    try (DfsOutput out = client.create(path, true)) {
      out.write(data);
    }
    try (SeekableInput in = client.open(path)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(client.stat(path).length()).isEqualTo(data.length);
  }
}
