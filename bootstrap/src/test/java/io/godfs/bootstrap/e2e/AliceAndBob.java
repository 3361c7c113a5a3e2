package io.godfs.bootstrap.e2e;

import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.application.master.HealingSettings;
import io.godfs.bootstrap.config.AuditConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.file.DfsPath;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster whose master knows three users, for the tests of what each may do through the gateway:
 * root (admin), and alice and bob, each granted read, write and delete under {@code /data/<name>}
 * only (both folders made by root); chunkservers present the cluster key, and the master's audit
 * trail goes to {@link #audit}. The test closes {@link #cluster}.
 */
record AliceAndBob(
    TestCluster cluster, Path audit, String rootKey, String aliceKey, String bobKey) {
  static final String CLUSTER_KEY = "cluster-key-0123456789abcdef";
  static final String RULES =
      """
      [{"principal": "alice", "path_prefix": "/data/alice", "permissions": ["read", "write", "delete"]},
       {"principal": "bob", "path_prefix": "/data/bob", "permissions": ["read", "write", "delete"]}]
      """;

  static AliceAndBob start(Path dir) {
    SecureRandom random = new SecureRandom();
    Path keys = dir.resolve("conf/api-keys");
    String root =
        ApiKeyFile.addKey(keys, Principal.user("root", Set.of(), Set.of(Role.ADMIN)), random);
    String alice = ApiKeyFile.addKey(keys, Principal.user("alice", Set.of(), Set.of()), random);
    String bob = ApiKeyFile.addKey(keys, Principal.user("bob", Set.of(), Set.of()), random);
    MasterConfig config =
        new MasterConfig(
            "127.0.0.1",
            0,
            1 << 20,
            3,
            Duration.ofSeconds(30),
            Duration.ofMillis(200),
            MasterConfig.DEFAULT_LEASE_TIMEOUT,
            HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO));
    Path audit = dir.resolve("audit.log");
    MasterSecurity security =
        new MasterSecurity(
                Optional.of(keys), Map.of(), Optional.of(RULES), Optional.of(CLUSTER_KEY))
            .withAudit(new AuditConfig(true, Optional.of(audit), 1 << 20, 3));
    TestCluster cluster = new TestCluster(dir, 3, config, security, Optional.of(CLUSTER_KEY));
    try (GodfsClient admin = cluster.client(Optional.of(root))) {
      admin.mkdir(DfsPath.of("/data/alice"), true);
      admin.mkdir(DfsPath.of("/data/bob"), true);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return new AliceAndBob(cluster, audit, root, alice, bob);
  }
}
