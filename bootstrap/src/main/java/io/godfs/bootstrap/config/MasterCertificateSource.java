package io.godfs.bootstrap.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a master holding the embedded CA gets its first certificate, before its Raft starts (Raft
 * runs mutual TLS from its first byte, so the certificate cannot wait for the CA that Raft
 * replicates): the files of a CA made once for the new group ({@code GODFS_CA_KEY_FILE}, {@code
 * GODFS_CA_CERT_FILE}), or a one-time join token for the master role ({@code GODFS_JOIN_TOKEN}) to
 * join a group that runs. Neither is needed on a restart with a certificate or the CA in its Raft
 * directory, nor by a group of one master, which makes the CA itself.
 */
public record MasterCertificateSource(
    Optional<Path> authorityKey, Optional<Path> authorityCertificate, Optional<String> joinToken) {
  public static final MasterCertificateSource NONE =
      new MasterCertificateSource(Optional.empty(), Optional.empty(), Optional.empty());

  public MasterCertificateSource {
    Objects.requireNonNull(authorityKey, "authorityKey");
    Objects.requireNonNull(authorityCertificate, "authorityCertificate");
    Objects.requireNonNull(joinToken, "joinToken");
    if (authorityKey.isPresent() != authorityCertificate.isPresent()) {
      throw new IllegalArgumentException(
          "GODFS_CA_KEY_FILE and GODFS_CA_CERT_FILE go together: set both or neither");
    }
  }

  /** A CA made for the new group, in PEM files. */
  public static MasterCertificateSource authorityFiles(Path key, Path certificate) {
    return new MasterCertificateSource(
        Optional.of(key), Optional.of(certificate), Optional.empty());
  }

  /** A one-time join token of the master role. */
  public static MasterCertificateSource joinToken(String token) {
    return new MasterCertificateSource(Optional.empty(), Optional.empty(), Optional.of(token));
  }

  /** Never the token. */
  @Override
  public String toString() {
    return authorityCertificate.map(c -> "ca files " + c).orElse("")
        + (joinToken.isPresent()
            ? (authorityCertificate.isPresent() ? ", " : "") + "join token"
            : "")
        + (authorityCertificate.isEmpty() && joinToken.isEmpty() ? "-" : "");
  }
}
