package io.godfs.domain.chunk;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a chunk access token grants (ADR 0022): {@code operations} on chunk {@code chunk} at the
 * versions {@code minVersion} to {@code maxVersion}, to {@code principal} (named for the audit
 * trail), until {@code expires}; signed with the key {@code keyId}. The signature and its bytes are
 * the shared codec's business; this is what a chunkserver checks once it verified them.
 */
public record ChunkAccessToken(
    long keyId,
    ChunkId chunk,
    ChunkVersion minVersion,
    ChunkVersion maxVersion,
    Set<ChunkOperation> operations,
    String principal,
    Instant expires) {
  /** Most bytes of a principal's name in a token. */
  public static final int MAX_PRINCIPAL_BYTES = 1024;

  public ChunkAccessToken {
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(minVersion, "minVersion");
    Objects.requireNonNull(maxVersion, "maxVersion");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(expires, "expires");
    operations = Set.copyOf(operations);
    if (operations.isEmpty()) {
      throw new IllegalArgumentException("a token allows no operation (expected: at least one)");
    }
    if (minVersion.compareTo(maxVersion) > 0) {
      throw new IllegalArgumentException(
          "versions " + minVersion + "-" + maxVersion + " (expected: lowest first)");
    }
  }

  /** Every version of the chunk: for deletions, which drop whatever version a replica holds. */
  public static ChunkAccessToken anyVersion(
      long keyId,
      ChunkId chunk,
      Set<ChunkOperation> operations,
      String principal,
      Instant expires) {
    return new ChunkAccessToken(
        keyId,
        chunk,
        ChunkVersion.FIRST,
        new ChunkVersion(Long.MAX_VALUE),
        operations,
        principal,
        expires);
  }

  /**
   * Whether this (verified) token lets its holder do {@code op} on {@code target} at {@code
   * version} at {@code now}: UNAUTHENTICATED once expired, PERMISSION_DENIED for another chunk,
   * operation or version, each saying what was wrong.
   */
  public Outcome<Void> allows(
      ChunkId target, ChunkVersion version, ChunkOperation op, Instant now) {
    if (!now.isBefore(expires)) {
      return Outcome.rejected(
          ErrorCode.UNAUTHENTICATED, "chunk access token expired at " + expires);
    }
    if (!chunk.equals(target)) {
      return Outcome.rejected(
          ErrorCode.PERMISSION_DENIED,
          "chunk access token for " + chunk + " does not open " + target);
    }
    if (!operations.contains(op)) {
      return Outcome.rejected(
          ErrorCode.PERMISSION_DENIED,
          "chunk access token for "
              + chunk
              + " does not allow "
              + op.label()
              + " (allows: "
              + operations.stream().map(ChunkOperation::label).sorted().toList()
              + ")");
    }
    if (version.compareTo(minVersion) < 0 || version.compareTo(maxVersion) > 0) {
      return Outcome.rejected(
          ErrorCode.PERMISSION_DENIED,
          "chunk access token for "
              + chunk
              + " covers "
              + (minVersion.equals(maxVersion) ? minVersion : minVersion + "-" + maxVersion)
              + ", not "
              + version);
    }
    return Outcome.ok(null);
  }
}
