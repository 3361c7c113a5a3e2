package io.godfs.domain.authority;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The cluster's certificate authority: its private key (PKCS#8, DER) and self-signed root
 * certificate (DER), as the leader made them. Kept in the replicated metadata so that any leader
 * can sign (docs/adr/0022-security.md, "The embedded certificate authority").
 */
public record AuthorityKeys(byte[] privateKey, byte[] certificate, Instant created) {
  public AuthorityKeys {
    Objects.requireNonNull(created, "created");
    if (privateKey == null || privateKey.length == 0) {
      throw new IllegalArgumentException("privateKey : empty");
    }
    if (certificate == null || certificate.length == 0) {
      throw new IllegalArgumentException("certificate : empty");
    }
    privateKey = privateKey.clone();
    certificate = certificate.clone();
  }

  @Override
  public byte[] privateKey() {
    return privateKey.clone();
  }

  @Override
  public byte[] certificate() {
    return certificate.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthorityKeys k
        && Arrays.equals(privateKey, k.privateKey)
        && Arrays.equals(certificate, k.certificate)
        && created.equals(k.created);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(certificate), created);
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "AuthorityKeys[certificate=" + certificate.length + " bytes, created=" + created + "]";
  }
}
