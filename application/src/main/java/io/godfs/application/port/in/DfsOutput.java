package io.godfs.application.port.in;

import io.godfs.domain.file.FileId;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A goDFS write stream. Besides {@link #close()} (durable on every replica, lease released), it can
 * {@link #sync()} in the middle of a write, as HDFS's hsync.
 */
public abstract class DfsOutput extends OutputStream {

  /**
   * Makes every byte written so far durable on every replica and visible to readers, then lets the
   * stream continue. Costs one fsync per replica; call it where durability matters (fsync, a log's
   * commit).
   */
  public abstract void sync() throws IOException;

  /** The file this stream writes: its inode number, as the mount reports it (ADR 0028). */
  public abstract FileId fileId();
}
