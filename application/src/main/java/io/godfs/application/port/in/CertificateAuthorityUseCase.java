package io.godfs.application.port.in;

import io.godfs.domain.access.Caller;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded certificate authority (ADR 0022): one-time join tokens, and short-lived certificates
 * for the nodes and users that join with one and renew them with their current one.
 */
public interface CertificateAuthorityUseCase {

  /**
   * Makes the cluster's CA on the leader's first start; answers whether it holds one now (a
   * follower waits for the leader's).
   */
  boolean ensureAuthority();

  /**
   * Installs {@code made} as the cluster's CA when it has none and this master leads (a CA made
   * before Raft started, whose certificates the masters' Raft already uses); answers whether the
   * cluster holds a CA now. The first installed stays: a cluster with another CA answers true, and
   * {@link #authorityCertificate()} says which.
   */
  boolean installAuthority(AuthorityKeys made);

  /** A new one-time join token (admin only); its text is printed once and kept nowhere. */
  Outcome<NewJoinToken> createJoinToken(
      Caller caller, NodeRole role, Optional<String> name, Duration ttl);

  /**
   * Signs a certificate for a party that presents a join token (its only credential): the token is
   * used up; a used, expired, unknown or other-role token is refused (UNAUTHENTICATED, saying why).
   */
  Outcome<SignedCertificate> join(String token, NodeRole role, byte[] signingRequest);

  /**
   * Signs a new certificate with the same subject and names as {@code presented}, the caller's
   * current certificate (verified by the TLS handshake), for the key of {@code signingRequest}.
   */
  Outcome<SignedCertificate> renew(byte[] presented, byte[] signingRequest);

  /**
   * Signs a certificate in this process, without a token: a master's own, and the development
   * cluster's nodes. Never reachable over the network.
   */
  Outcome<SignedCertificate> issueLocally(
      NodeRole role, String name, List<String> altNames, byte[] signingRequest);

  /** The CA certificate (DER), once the cluster has a CA. */
  Optional<byte[]> authorityCertificate();

  /** A join token's text (a secret), when it expires, and the CA fingerprint it carries. */
  record NewJoinToken(String token, Instant expires, String caFingerprint) {
    public NewJoinToken {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(expires, "expires");
      Objects.requireNonNull(caFingerprint, "caFingerprint");
    }

    @Override
    public String toString() {
      return "NewJoinToken[expires=" + expires + ", caFingerprint=" + caFingerprint + "]";
    }
  }

  /** A signed certificate (DER), the CA certificate (DER) and when the certificate expires. */
  record SignedCertificate(byte[] certificate, byte[] authority, Instant notAfter) {
    public SignedCertificate {
      certificate = certificate.clone();
      authority = authority.clone();
      Objects.requireNonNull(notAfter, "notAfter");
    }

    @Override
    public byte[] certificate() {
      return certificate.clone();
    }

    @Override
    public byte[] authority() {
      return authority.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SignedCertificate s
          && Arrays.equals(certificate, s.certificate)
          && Arrays.equals(authority, s.authority)
          && notAfter.equals(s.notAfter);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(certificate);
    }

    @Override
    public String toString() {
      return "SignedCertificate[notAfter=" + notAfter + "]";
    }
  }
}
