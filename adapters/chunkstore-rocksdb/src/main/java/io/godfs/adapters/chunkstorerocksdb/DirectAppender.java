package io.godfs.adapters.chunkstorerocksdb;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends to a chunk file around the page cache (ADR 0034): each append's bytes are copied into an
 * aligned stage and written at once with O_DIRECT, all but a tail shorter than the file system's
 * block, which waits in the stage for the next append. On this kind of VM a fresh page-cache page
 * costs far more than the copy into it, and a replica's bytes are read again only after a drop or
 * by another process, so caching them bought nothing.
 *
 * <p>The stage always starts at an aligned offset of the file. Its bytes before the append point
 * are the file's own (read back when appending starts at an unaligned end), so a direct write of a
 * whole stage rewrites them unchanged. {@link #flush()} writes the aligned part directly and the
 * unaligned tail through the page cache; the next append starts the stage again from the file, so
 * whatever the writer did to the file in between is what the stage holds. The direct write that
 * later covers the tail's block makes the kernel write back and drop its cached page first, so the
 * file and the cache never disagree.
 *
 * <p>A staged tail exists only in memory until the next append or a flush, which the writer runs
 * before anything else reads, writes, forces, cuts or copies the file. A writer's uncommitted bytes
 * are never used after a crash of its process (the next open cuts the file to its committed
 * length), so the tail loses nothing that the page cache would have kept.
 */
final class DirectAppender implements AutoCloseable {
  private final DirectStages stages;
  private final FileChannel direct;
  private final FileChannel buffered;
  private final ByteBuffer stage;
  private final int alignment;
  private long stageStart;
  // True while the stage holds nothing the file does not: the next append starts it from the file.
  private boolean restart = true;

  private DirectAppender(
      DirectStages stages, FileChannel direct, FileChannel buffered, ByteBuffer stage) {
    this.stages = stages;
    this.direct = direct;
    this.buffered = buffered;
    this.stage = stage;
    this.alignment = stages.alignment();
  }

  /**
   * An appender on {@code file}, whose bytes the writer also reaches through {@code buffered}; or
   * null when the store has no stage to spare or the file system refuses O_DIRECT (the writer then
   * writes through the page cache).
   */
  static DirectAppender open(Path file, FileChannel buffered, DirectStages stages) {
    ByteBuffer stage = stages.borrow();
    if (stage == null) {
      return null;
    }
    try {
      FileChannel direct =
          FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
      return new DirectAppender(stages, direct, buffered, stage);
    } catch (IOException | UnsupportedOperationException e) {
      stages.giveBack(stage);
      stages.refuse(); // tmpfs on older kernels, some FUSE and network file systems
      return null;
    }
  }

  /**
   * Writes bytes that start at the file's end, {@code offset} (every byte before it in the file or
   * staged here), keeping back only an unaligned tail.
   */
  void append(ByteBuffer[] parts, long offset) throws IOException {
    if (restart) {
      startAt(offset);
    } else if (offset != stageStart + stage.position()) {
      throw new IllegalStateException(
          "append at " + offset + " (expected: at " + (stageStart + stage.position()) + ")");
    }
    for (ByteBuffer part : parts) {
      ByteBuffer from = part.duplicate();
      while (from.hasRemaining()) {
        int n = Math.min(from.remaining(), stage.remaining());
        stage.put(stage.position(), from, from.position(), n);
        stage.position(stage.position() + n);
        from.position(from.position() + n);
        if (!stage.hasRemaining()) {
          writeDirect(stage.duplicate().flip(), stageStart);
          stageStart += stage.capacity();
          stage.clear();
        }
      }
    }
    // Out now, not at the sync: a full disk fails the piece that does not fit, as a write through
    // the page cache does, and a write() that returned holds its bytes on disk. Only a tail below
    // the alignment waits for the next piece or the flush.
    int aligned = writeAlignedHead();
    if (aligned > 0) {
      int tail = stage.position() - aligned;
      stage.put(0, stage, aligned, tail); // tail < alignment <= aligned: no overlap
      stage.position(tail);
      stageStart += aligned;
    }
  }

  /**
   * Puts every staged byte in the file: the aligned part directly, the tail through the page cache.
   */
  void flush() throws IOException {
    if (restart) {
      return;
    }
    restart = true;
    int staged = stage.position();
    int aligned = writeAlignedHead();
    if (staged > aligned) {
      ByteBuffer tail = stage.duplicate().position(aligned).limit(staged);
      long position = stageStart + aligned;
      while (tail.hasRemaining()) {
        position += buffered.write(tail, position);
      }
    }
  }

  /** The stage from the aligned offset at or below the file's end, filled with the file's bytes. */
  private void startAt(long length) throws IOException {
    stageStart = length / alignment * alignment;
    stage.clear().limit((int) (length - stageStart));
    while (stage.hasRemaining()) {
      if (buffered.read(stage, stageStart + stage.position()) < 0) {
        throw new IOException(
            "file ends at "
                + (stageStart + stage.position())
                + " (expected: length "
                + length
                + ")");
      }
    }
    stage.limit(stage.capacity());
    restart = false;
  }

  /** Forgets staged bytes (an abandoned write) and gives the stage back. */
  @Override
  public void close() throws IOException {
    stage.clear();
    stages.giveBack(stage);
    direct.close();
  }

  /** Writes the staged bytes up to the last whole block directly; returns how many that was. */
  private int writeAlignedHead() throws IOException {
    int aligned = stage.position() / alignment * alignment;
    if (aligned > 0) {
      writeDirect(stage.duplicate().position(0).limit(aligned), stageStart);
    }
    return aligned;
  }

  private void writeDirect(ByteBuffer bytes, long position) throws IOException {
    long at = position;
    while (bytes.hasRemaining()) {
      at += direct.write(bytes, at);
    }
    stages.wroteDirectly(at - position);
  }
}
