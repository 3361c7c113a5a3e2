package io.godfs.domain.chunk;

import java.util.Arrays;

/**
 * A chunk access token as the master signed it: opaque bytes that clients carry from the master to
 * the chunkservers, which verify them (ADR 0022). {@link #NONE} when the master issued none.
 */
public final class SignedChunkToken {
  public static final SignedChunkToken NONE = new SignedChunkToken(new byte[0]);

  private final byte[] bytes;

  private SignedChunkToken(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The token of {@code bytes} (copied); empty bytes are {@link #NONE}. */
  public static SignedChunkToken of(byte[] bytes) {
    return bytes.length == 0 ? NONE : new SignedChunkToken(bytes.clone());
  }

  public boolean isPresent() {
    return bytes.length > 0;
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedChunkToken t && Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Never the bytes: a token is a credential. */
  @Override
  public String toString() {
    return isPresent() ? "token(" + bytes.length + " bytes)" : "no token";
  }
}
