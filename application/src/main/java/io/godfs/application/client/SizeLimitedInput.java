package io.godfs.application.client;

import io.godfs.application.port.in.UploadException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a body through and refuses it (TOO_LARGE) once it goes past {@code limit} bytes, whatever
 * length it announced.
 */
final class SizeLimitedInput extends FilterInputStream {
  private final long limit;
  private long count;

  SizeLimitedInput(InputStream in, long limit) {
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
      throw new UploadException(
          UploadException.Reason.TOO_LARGE, "body too large (limit " + limit + " bytes)");
    }
  }
}
