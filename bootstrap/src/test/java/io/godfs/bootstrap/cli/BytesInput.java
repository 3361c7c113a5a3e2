package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.DfsIOException;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import java.io.IOException;

/**
 * A file's bytes; with {@code failAfter} >= 0 it fails like a lost replica after that many bytes.
 */
final class BytesInput extends SeekableInput {
  private final byte[] bytes;
  private final long failAfter;
  private int position;

  BytesInput(byte[] bytes, long failAfter) {
    this.bytes = bytes;
    this.failAfter = failAfter;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (failAfter >= 0 && position >= failAfter) {
      throw new DfsIOException(
          DfsError.of(ErrorCode.UNAVAILABLE, "no readable replica of chunk 0"), null);
    }
    if (position >= bytes.length) {
      return -1;
    }
    int n = Math.min(len, bytes.length - position);
    if (failAfter >= 0) {
      n = (int) Math.max(1, Math.min(n, failAfter - position));
    }
    System.arraycopy(bytes, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public void seek(long newPosition) {
    position = (int) newPosition;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long length() {
    return bytes.length;
  }
}
