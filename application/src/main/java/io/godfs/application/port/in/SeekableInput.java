package io.godfs.application.port.in;

import java.io.IOException;
import java.io.InputStream;

/** An input stream over a goDFS file that can jump to any offset and knows the file's length. */
public abstract class SeekableInput extends InputStream {

  /** Moves to {@code position} (0 to length); the next read starts there. */
  public abstract void seek(long position) throws IOException;

  public abstract long position();

  /** The file's length when it was opened. */
  public abstract long length();

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    long target = Math.min(length(), position() + n);
    long skipped = target - position();
    seek(target);
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, length() - position());
  }
}
