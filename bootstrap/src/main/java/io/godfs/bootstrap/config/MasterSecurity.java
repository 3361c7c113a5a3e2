package io.godfs.bootstrap.config;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.identity.JwtSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call a master, as configured: an API keys file, the seed's API keys (key to user), its
 * RBAC rules (JSON), the cluster key the chunkservers present, the JSON Web Tokens it accepts,
 * where the audit trail goes, and TLS on its gRPC server (with a CA file, mutual TLS: callers
 * present certificates, which name them). Callers must authenticate as soon as one credential
 * source is set (the seed's rule); with none, security is off.
 */
public record MasterSecurity(
    Optional<Path> apiKeysFile,
    Map<String, String> seedApiKeys,
    Optional<String> rbacJson,
    Optional<String> clusterKey,
    Optional<JwtSettings> jwt,
    AuditConfig audit,
    Optional<GrpcTls> transport,
    Optional<Duration> certificateAuthority,
    MasterCertificateSource certificateSource) {
  public static final MasterSecurity OFF =
      new MasterSecurity(Optional.empty(), Map.of(), Optional.empty(), Optional.empty());

  public MasterSecurity {
    Objects.requireNonNull(apiKeysFile, "apiKeysFile");
    seedApiKeys = Map.copyOf(seedApiKeys);
    Objects.requireNonNull(rbacJson, "rbacJson");
    Objects.requireNonNull(clusterKey, "clusterKey");
    Objects.requireNonNull(jwt, "jwt");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(certificateAuthority, "certificateAuthority");
    Objects.requireNonNull(certificateSource, "certificateSource");
  }

  /** No tokens, no audit trail, in plaintext: keys, rules and the cluster key only. */
  public MasterSecurity(
      Optional<Path> apiKeysFile,
      Map<String, String> seedApiKeys,
      Optional<String> rbacJson,
      Optional<String> clusterKey) {
    this(
        apiKeysFile,
        seedApiKeys,
        rbacJson,
        clusterKey,
        Optional.empty(),
        AuditConfig.OFF,
        Optional.empty(),
        Optional.empty(),
        MasterCertificateSource.NONE);
  }

  /** The same, accepting the tokens {@code settings} describe too. */
  public MasterSecurity withJwt(JwtSettings settings) {
    return new MasterSecurity(
        apiKeysFile,
        seedApiKeys,
        rbacJson,
        clusterKey,
        Optional.of(settings),
        audit,
        transport,
        certificateAuthority,
        certificateSource);
  }

  /** The same, keeping the audit trail {@code config} describes. */
  public MasterSecurity withAudit(AuditConfig config) {
    return new MasterSecurity(
        apiKeysFile,
        seedApiKeys,
        rbacJson,
        clusterKey,
        jwt,
        config,
        transport,
        certificateAuthority,
        certificateSource);
  }

  /** The same, serving over {@code tls}. */
  public MasterSecurity withTransport(GrpcTls tls) {
    return new MasterSecurity(
        apiKeysFile,
        seedApiKeys,
        rbacJson,
        clusterKey,
        jwt,
        audit,
        Optional.of(tls),
        certificateAuthority,
        certificateSource);
  }

  /**
   * The same, holding the embedded certificate authority (ADR 0022), which signs certificates valid
   * for {@code certificateLifetime}: the masters serve TLS with certificates from it and callers
   * must authenticate (a certificate it signed, or another credential).
   */
  public MasterSecurity withCertificateAuthority(Duration certificateLifetime) {
    return new MasterSecurity(
        apiKeysFile,
        seedApiKeys,
        rbacJson,
        clusterKey,
        jwt,
        audit,
        transport,
        Optional.of(certificateLifetime),
        certificateSource);
  }

  /**
   * The same, with where this master gets its first certificate before its Raft starts (ADR 0022,
   * "Raft over mutual TLS with the embedded CA").
   */
  public MasterSecurity withCertificateSource(MasterCertificateSource source) {
    return new MasterSecurity(
        apiKeysFile,
        seedApiKeys,
        rbacJson,
        clusterKey,
        jwt,
        audit,
        transport,
        certificateAuthority,
        source);
  }

  /** Whether callers must authenticate. */
  public boolean enforced() {
    return certificateAuthority.isPresent()
        || apiKeysFile.isPresent()
        || !seedApiKeys.isEmpty()
        || clusterKey.isPresent()
        || jwt.isPresent();
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
        + ", jwt="
        + jwt.map(JwtSettings::toString).orElse("-")
        + ", audit="
        + audit
        + ", tls="
        + transport.map(t -> t.verifiesClients() ? "mutual" : "on").orElse("off")
        + ", ca="
        + certificateAuthority.map(d -> "on (certificates for " + d + ")").orElse("off")
        + (certificateSource.equals(MasterCertificateSource.NONE)
            ? ""
            : ", first certificate from=" + certificateSource)
        + "]";
  }
}
