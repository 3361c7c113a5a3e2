package io.godfs.bootstrap.config;

import io.godfs.adapters.grpc.tls.GrpcTls;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call a master, as configured: an API keys file, the seed's API keys (key to user), its
 * RBAC rules (JSON), the cluster key the chunkservers present, and TLS on its gRPC server (with a
 * CA file, mutual TLS: callers present certificates, which name them). Callers must authenticate as
 * soon as one credential source is set (the seed's rule); with none, security is off.
 */
public record MasterSecurity(
    Optional<Path> apiKeysFile,
    Map<String, String> seedApiKeys,
    Optional<String> rbacJson,
    Optional<String> clusterKey,
    Optional<GrpcTls> transport) {
  public static final MasterSecurity OFF =
      new MasterSecurity(Optional.empty(), Map.of(), Optional.empty(), Optional.empty());

  /** In plaintext. */
  public MasterSecurity(
      Optional<Path> apiKeysFile,
      Map<String, String> seedApiKeys,
      Optional<String> rbacJson,
      Optional<String> clusterKey) {
    this(apiKeysFile, seedApiKeys, rbacJson, clusterKey, Optional.empty());
  }

  public MasterSecurity {
    Objects.requireNonNull(apiKeysFile, "apiKeysFile");
    seedApiKeys = Map.copyOf(seedApiKeys);
    Objects.requireNonNull(rbacJson, "rbacJson");
    Objects.requireNonNull(clusterKey, "clusterKey");
    Objects.requireNonNull(transport, "transport");
  }

  /** Whether callers must authenticate. */
  public boolean enforced() {
    return apiKeysFile.isPresent() || !seedApiKeys.isEmpty() || clusterKey.isPresent();
  }

  /** Never the secrets: what {@code godfs config print} and logs may show. */
  @Override
  public String toString() {
    return "MasterSecurity[apiKeysFile="
        + apiKeysFile.map(Path::toString).orElse("-")
        + ", seedApiKeys="
        + seedApiKeys.size()
        + ", rbacJson="
        + (rbacJson.isPresent() ? "set" : "-")
        + ", clusterKey="
        + (clusterKey.isPresent() ? "set" : "-")
        + ", tls="
        + transport.map(t -> t.verifiesClients() ? "mutual" : "on").orElse("off")
        + "]";
  }
}
