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

  /**
   * The file's chunk size. Writing any byte of a chunk gives its replicas a new version, which a
   * reader can read only once the write is synced or closed: until then every byte of the chunk,
   * also those the stream did not touch, is out of a reader's reach.
   */
  public abstract long chunkSize();
}
