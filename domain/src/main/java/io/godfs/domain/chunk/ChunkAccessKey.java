package io.godfs.domain.chunk;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * A key that signs chunk access tokens (HMAC-SHA256), kept in the replicated metadata. The master
 * leader signs with its newest key; chunkservers honour every key until it {@code expires}, which
 * is after the last token it may have signed expired.
 */
public record ChunkAccessKey(long id, byte[] secret, Instant created, Instant expires) {
  /** Bytes of a secret: HMAC-SHA256's block-sized key would be 64; 32 is its output size. */
  public static final int MIN_SECRET_BYTES = 32;

  public ChunkAccessKey {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expires, "expires");
    if (id < 1) {
      throw new IllegalArgumentException("key id : " + id + " (expected: >= 1)");
    }
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "key secret of " + secret.length + " bytes (expected: >= " + MIN_SECRET_BYTES + ")");
    }
    if (!expires.isAfter(created)) {
      throw new IllegalArgumentException(
          "key expires " + expires + " (expected: after its creation " + created + ")");
    }
    secret = secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  public boolean expiredAt(Instant at) {
    return !at.isBefore(expires);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChunkAccessKey k
        && id == k.id
        && MessageDigest.isEqual(secret, k.secret)
        && created.equals(k.created)
        && expires.equals(k.expires);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id);
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "chunk access key " + id + " (created " + created + ", expires " + expires + ")";
  }
}
