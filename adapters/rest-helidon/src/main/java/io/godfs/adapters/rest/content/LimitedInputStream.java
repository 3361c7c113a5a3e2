package io.godfs.adapters.rest.content;

import io.godfs.adapters.rest.http.ApiException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes a request body through and answers 413 once it goes past {@code limit} bytes (chunked bodies too). */
final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private long count;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  private void counted(long n) {
    count += n;
    if (count > limit) {
      throw ApiException.tooLarge("body too large (limit " + limit + " bytes)");
    }
  }
}
