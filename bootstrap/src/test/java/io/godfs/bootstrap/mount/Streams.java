package io.godfs.bootstrap.mount;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Streaming comparison of large contents (AssertJ's stream diff holds both in memory as lines). */
final class Streams {
  private Streams() {}

  /** The first offset where the streams differ (or one ends first), or -1 when identical. */
  static long firstMismatch(InputStream a, InputStream b) throws IOException {
    byte[] x = new byte[1 << 20];
    byte[] y = new byte[1 << 20];
    long pos = 0;
    while (true) {
      int n = a.readNBytes(x, 0, x.length);
      int m = b.readNBytes(y, 0, y.length);
      int diff = Arrays.mismatch(x, 0, n, y, 0, m);
      if (diff >= 0) {
        return pos + diff;
      }
      if (n == 0) {
        return -1;
      }
      pos += n;
    }
  }
}
