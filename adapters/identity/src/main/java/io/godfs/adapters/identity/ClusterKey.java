package io.godfs.adapters.identity;

import io.godfs.application.port.out.CredentialVerifier;
import io.godfs.domain.access.Principal;
import java.security.MessageDigest;

/**
 * The seed's {@code GODFS_CLUSTER_KEY}: a secret the masters and chunkservers share. Its holder is
 * the {@code cluster} principal, which may register and heartbeat as any chunkserver and call
 * nothing else. Compared by digest in constant time.
 */
public final class ClusterKey implements CredentialVerifier {
  /** A shorter shared secret is guessable; the seed's deployments use long random strings. */
  public static final int MIN_LENGTH = 16;

  private final byte[] digest;

  private ClusterKey(byte[] digest) {
    this.digest = digest;
  }

  /** The key; an IllegalArgumentException (never showing the key) when it is too short. */
  public static ClusterKey of(String key) {
    String k = key.strip();
    if (k.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "GODFS_CLUSTER_KEY has "
              + k.length()
              + " characters (expected: at least "
              + MIN_LENGTH
              + ", e.g. openssl rand -hex 32)");
    }
    return new ClusterKey(ApiKey.sha256(k));
  }

  @Override
  public Verdict verify(String bearer) {
    return MessageDigest.isEqual(digest, ApiKey.sha256(bearer))
        ? new Verdict.Accepted(new Principal.Cluster())
        : new Verdict.NotMine();
  }

  @Override
  public String describe() {
    return "the cluster key";
  }
}
