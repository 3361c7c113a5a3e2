package io.godfs.application.client;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/**
 * Files read one after the other, each opened only when the previous one ends (a multipart
 * completion's body).
 */
final class ConcatenatedFiles extends InputStream {
  private final FileSystemUseCase fs;
  private final Iterator<DfsPath> files;
  private InputStream current;

  ConcatenatedFiles(FileSystemUseCase fs, List<DfsPath> files) {
    this.fs = fs;
    this.files = files.iterator();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (true) {
      if (current == null) {
        if (!files.hasNext()) {
          return -1;
        }
        current = fs.open(files.next());
      }
      int n = current.read(b, off, len);
      if (n >= 0) {
        return n;
      }
      current.close();
      current = null;
    }
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
    }
  }
}
