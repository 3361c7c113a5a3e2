package io.godfs.application.shared;

import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkAccessToken;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bytes of a chunk access token and their HMAC-SHA256 (ADR 0022), shared by the master that
 * signs and the chunkservers that verify. Layout, big-endian: format (1 byte, 1), key id, chunk id,
 * lowest and highest version (8 bytes each), operations (1 byte, {@link ChunkOperation#toBits}),
 * expiry (epoch milliseconds, 8 bytes), principal (2-byte length, UTF-8), then the MAC of all that
 * (32 bytes). The claims are readable by anyone who holds the token; only the MAC is secret-bound.
 */
public final class ChunkTokenCodec {
  static final int FORMAT = 1;
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 32;
  private static final int FIXED_BYTES = 1 + 8 * 4 + 1 + 8 + 2;

  private ChunkTokenCodec() {}

  /** The token of {@code claims}, signed with {@code key} (whose id it must name). */
  public static SignedChunkToken sign(ChunkAccessToken claims, ChunkAccessKey key) {
    if (claims.keyId() != key.id()) {
      throw new IllegalArgumentException(
          "claims name key " + claims.keyId() + " (expected: the signing key " + key.id() + ")");
    }
    byte[] principal = claims.principal().getBytes(StandardCharsets.UTF_8);
    if (principal.length > ChunkAccessToken.MAX_PRINCIPAL_BYTES) {
      throw new IllegalArgumentException(
          "principal of "
              + principal.length
              + " bytes (expected: at most "
              + ChunkAccessToken.MAX_PRINCIPAL_BYTES
              + ")");
    }
    ByteBuffer b = ByteBuffer.allocate(FIXED_BYTES + principal.length + MAC_BYTES);
    b.put((byte) FORMAT)
        .putLong(claims.keyId())
        .putLong(claims.chunk().value())
        .putLong(claims.minVersion().value())
        .putLong(claims.maxVersion().value())
        .put((byte) ChunkOperation.toBits(claims.operations()))
        .putLong(claims.expires().toEpochMilli())
        .putShort((short) principal.length)
        .put(principal);
    byte[] out = b.array();
    byte[] mac = mac(key, out, out.length - MAC_BYTES);
    System.arraycopy(mac, 0, out, out.length - MAC_BYTES, MAC_BYTES);
    return SignedChunkToken.of(out);
  }

  /**
   * The claims of {@code token} once its MAC verifies under the key it names, looked up in {@code
   * keys}; UNAUTHENTICATED (saying what was wrong, never the bytes) for a missing, malformed,
   * unknown-key or tampered token. Whether the claims allow a call is {@link
   * ChunkAccessToken#allows}'s answer.
   */
  public static Outcome<ChunkAccessToken> verify(
      SignedChunkToken token, LongFunction<Optional<ChunkAccessKey>> keys) {
    if (!token.isPresent()) {
      return Outcome.rejected(ErrorCode.UNAUTHENTICATED, "no chunk access token");
    }
    byte[] bytes = token.bytes();
    ChunkAccessToken claims;
    try {
      claims = parse(bytes);
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      return Outcome.rejected(ErrorCode.UNAUTHENTICATED, "malformed chunk access token");
    }
    Optional<ChunkAccessKey> key = keys.apply(claims.keyId());
    if (key.isEmpty()) {
      return Outcome.rejected(
          ErrorCode.UNAUTHENTICATED,
          "chunk access token signed with key "
              + claims.keyId()
              + ", which this chunkserver does not hold (unknown, expired, or not received from"
              + " the master yet)");
    }
    byte[] expected = mac(key.get(), bytes, bytes.length - MAC_BYTES);
    byte[] actual = new byte[MAC_BYTES];
    System.arraycopy(bytes, bytes.length - MAC_BYTES, actual, 0, MAC_BYTES);
    if (!MessageDigest.isEqual(expected, actual)) {
      return Outcome.rejected(
          ErrorCode.UNAUTHENTICATED, "chunk access token signature does not verify");
    }
    return Outcome.ok(claims);
  }

  /**
   * When {@code token} expires, read without verifying it (a client deciding to fetch a fresh one);
   * empty for none or a malformed one.
   */
  public static Optional<Instant> expiry(SignedChunkToken token) {
    if (!token.isPresent()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(token.bytes()).expires());
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      return Optional.empty();
    }
  }

  private static ChunkAccessToken parse(byte[] bytes) {
    if (bytes.length < FIXED_BYTES + MAC_BYTES) {
      throw new IllegalArgumentException("short token");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 0, bytes.length - MAC_BYTES);
    if (b.get() != FORMAT) {
      throw new IllegalArgumentException("token format");
    }
    long keyId = b.getLong();
    ChunkId chunk = new ChunkId(b.getLong());
    ChunkVersion min = new ChunkVersion(b.getLong());
    ChunkVersion max = new ChunkVersion(b.getLong());
    var operations = ChunkOperation.fromBits(b.get() & 0xff);
    Instant expires = Instant.ofEpochMilli(b.getLong());
    int principalLength = b.getShort() & 0xffff;
    if (principalLength != b.remaining()) {
      throw new IllegalArgumentException("principal length");
    }
    byte[] principal = new byte[principalLength];
    b.get(principal);
    return new ChunkAccessToken(
        keyId, chunk, min, max, operations, new String(principal, StandardCharsets.UTF_8), expires);
  }

  private static byte[] mac(ChunkAccessKey key, byte[] bytes, int length) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key.secret(), ALGORITHM));
      mac.update(bytes, 0, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }
}
