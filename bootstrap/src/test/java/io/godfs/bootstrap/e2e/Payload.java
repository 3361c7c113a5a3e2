package io.godfs.bootstrap.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.SplittableRandom;

/**
 * Deterministic test bytes: byte i of a payload is a pure function of (seed, i), so large files are
 * written and verified by streaming, never held in memory.
 */
final class Payload {
  private Payload() {}

  static byte at(long seed, long i) {
    long z = (i / 8) * 0x9E3779B97F4A7C15L + seed;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (byte) (z >>> ((i % 8) * 8));
  }

  /** A small payload held in memory: {@code length} bytes from offset 0. */
  static byte[] bytes(long seed, int length) {
    byte[] buf = new byte[length];
    fill(buf, seed, 0, length);
    return buf;
  }

  static void fill(byte[] buf, long seed, long offset, int len) {
    for (int k = 0; k < len; k++) {
      buf[k] = at(seed, offset + k);
    }
  }

  static void write(OutputStream out, long seed, long length, int bufferSize) throws IOException {
    byte[] buf = new byte[bufferSize];
    long pos = 0;
    SplittableRandom sizes = new SplittableRandom(seed);
    while (pos < length) {
      int n = (int) Math.min(length - pos, 1 + sizes.nextInt(bufferSize));
      fill(buf, seed, pos, n);
      out.write(buf, 0, n);
      pos += n;
    }
  }

  /** Reads the stream to its end and returns the first offset that differs, or -1 if identical. */
  static long firstMismatch(InputStream in, long seed, long offset, long expectedLength)
      throws IOException {
    byte[] buf = new byte[256 * 1024];
    long pos = offset;
    int n;
    while ((n = in.read(buf)) > 0) {
      for (int k = 0; k < n; k++) {
        if (pos + k >= offset + expectedLength || buf[k] != at(seed, pos + k)) {
          return pos + k;
        }
      }
      pos += n;
    }
    return pos == offset + expectedLength ? -1 : pos;
  }
}
