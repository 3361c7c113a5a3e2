package io.godfs.adapters.chunkstorerocksdb;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import io.godfs.application.port.out.ChunkStoreException;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.StoredChunk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes one chunk file with positional writes and keeps the per-block CRC32Cs in memory (at most
 * 64 KiB of ints for the largest chunk) until {@link #commit()} puts them in the index. Only one 64
 * KiB scratch block is ever buffered, to recompute the CRC of a block written in part.
 *
 * <p>Appending past the committed length writes the file in place: readers never look past the
 * committed length. The first write below the committed length switches to copy-on-write: the file
 * is copied to a shadow, the live file is cut back to its committed bytes, and every further write
 * goes to the shadow, which {@link #commit()} renames over the live file atomically. So a reader
 * always sees committed bytes with their committed CRCs, and a failed or abandoned rewrite leaves
 * the acknowledged bytes exactly as they were.
 *
 * <p>The file is cut back to the committed length when the writer opens and again when it is
 * abandoned, so the file never holds bytes past the length this writer knows of: extending the file
 * with a positional write then leaves a gap of zeros, whose CRCs are therefore known.
 *
 * <p>Appends in place go around the page cache through a {@link DirectAppender} when the store has
 * one to lend (ADR 0034); its staged bytes are put in the file before anything reads, forces, cuts
 * or copies it.
 */
final class ChunkFileWriter implements ChunkWriter {
  private static final int BLOCK = ChunkLayout.BLOCK_SIZE;
  private static final int ZERO_BLOCK_CRC = ChunkLayout.crc(ByteBuffer.allocate(BLOCK));

  /** FAILED: an I/O error left the file or CRCs unknown; only close is allowed. */
  private enum State {
    OPEN,
    FAILED,
    COMMITTED,
    CLOSED
  }

  private final RocksDbChunkStore store;
  private final ChunkId id;
  private ChunkVersion version;
  private final Path file;
  private final Path shadow;
  private FileChannel channel;
  private DirectAppender appender;
  private boolean appenderTried;
  private boolean rewriting;
  private final IndexEntry previous;
  private final ByteBuffer scratch = ByteBuffer.allocate(BLOCK);
  private int[] crcs;
  private long length;
  private State state = State.OPEN;

  private ChunkFileWriter(
      RocksDbChunkStore store,
      ChunkId id,
      ChunkVersion version,
      Path file,
      FileChannel channel,
      IndexEntry previous) {
    this.store = store;
    this.id = id;
    this.version = version;
    this.file = file;
    this.shadow = file.resolveSibling(file.getFileName() + ChunkFileLayout.SHADOW_SUFFIX);
    this.channel = channel;
    this.previous = previous;
    this.crcs = previous == null ? new int[0] : previous.crcs().clone();
    this.length = previous == null ? 0 : previous.length();
  }

  /**
   * Opens the chunk file: created empty when {@code previous} (the committed entry) is null, else
   * cut to the committed length. The caller holds the chunk's writer claim.
   */
  static ChunkFileWriter open(
      RocksDbChunkStore store, ChunkId id, ChunkVersion version, Path file, IndexEntry previous) {
    FileChannel channel;
    try {
      channel =
          previous == null
              ? FileChannel.open(file, CREATE, TRUNCATE_EXISTING, READ, WRITE)
              : FileChannel.open(file, READ, WRITE);
    } catch (IOException e) {
      throw DiskErrors.wrap("open writer on " + id + " at " + file, e);
    }
    try {
      long size = channel.size();
      if (previous != null && size < previous.length()) {
        throw new IOException(
            "file size : " + size + " (expected: >= committed length " + previous.length() + ")");
      }
      if (previous != null) {
        channel.truncate(previous.length());
      }
    } catch (IOException e) {
      ChunkStoreException failure = DiskErrors.wrap("open writer on " + id + " at " + file, e);
      closeAfterFailure(channel, failure);
      throw failure;
    }
    return new ChunkFileWriter(store, id, version, file, channel, previous);
  }

  @Override
  public void write(ChunkPiece piece) {
    requireOpen("write");
    long offset = piece.offset();
    int n = piece.length();
    if (piece.end() > ChunkLayout.MAX_CHUNK_SIZE) {
      throw new IllegalArgumentException(
          "piece end : "
              + piece.end()
              + " of "
              + id
              + " (expected: <= "
              + ChunkLayout.MAX_CHUNK_SIZE
              + ")");
    }
    int expected = n == 0 ? 0 : (int) ((piece.end() - 1) / BLOCK - offset / BLOCK + 1);
    if (piece.crcs().length != expected) {
      throw new IllegalArgumentException(
          "piece crcs : "
              + piece.crcs().length
              + " (expected: "
              + expected
              + " for "
              + n
              + " bytes at offset "
              + offset
              + ")");
    }
    if (n == 0) {
      return;
    }
    state = State.FAILED; // until bytes and CRCs agree again
    try {
      if (previous != null && offset < previous.length() && !rewriting) {
        startRewrite();
      }
      store(piece.parts(), offset);
      long oldLength = length;
      length = Math.max(length, piece.end());
      int blocks = ChunkLayout.blockCount(length);
      if (crcs.length < blocks) {
        crcs = Arrays.copyOf(crcs, Math.max(blocks, 2 * crcs.length));
      }
      updateCrcs(piece, oldLength);
    } catch (IOException e) {
      throw DiskErrors.wrap(
          "write " + n + " bytes at offset " + offset + " of " + id + " to " + file, e);
    }
    state = State.OPEN;
  }

  /**
   * Cuts the chunk to {@code newLength}. Below the committed length this is a rewrite (copy-on-
   * write, so readers keep the committed bytes until commit); above it the appended tail is cut in
   * place. The file never holds bytes past {@code length}, so a later gap still reads as zeros.
   */
  @Override
  public void truncate(long newLength) {
    requireOpen("truncate");
    if (newLength < 0) {
      throw new IllegalArgumentException(
          "truncate length : " + newLength + " of " + id + " (expected: >= 0)");
    }
    if (newLength >= length) {
      return;
    }
    state = State.FAILED; // until bytes and CRCs agree again
    try {
      flushStaged();
      if (previous != null && newLength < previous.length() && !rewriting) {
        startRewrite();
      }
      channel.truncate(newLength);
      length = newLength;
      int blocks = ChunkLayout.blockCount(length);
      if (length % BLOCK != 0) {
        crcs[blocks - 1] = crcFromFile(blocks - 1);
      }
    } catch (IOException e) {
      throw DiskErrors.wrap(
          "truncate " + id + " to " + newLength + " at " + (rewriting ? shadow : file), e);
    }
    state = State.OPEN;
  }

  @Override
  public void reversion(ChunkVersion newVersion) {
    requireOpen("reversion");
    version = Objects.requireNonNull(newVersion, "version");
  }

  @Override
  public void sync() {
    requireOpen("sync");
    try {
      flushStaged();
      channel.force(true);
    } catch (IOException e) {
      state = State.FAILED;
      throw DiskErrors.wrap("fsync " + id + " at " + (rewriting ? shadow : file), e);
    }
  }

  @Override
  public StoredChunk commit() {
    requireOpen("commit");
    state = State.FAILED; // until the index holds the entry
    IndexEntry entry =
        new IndexEntry(version, length, Arrays.copyOf(crcs, ChunkLayout.blockCount(length)));
    try {
      flushStaged();
      channel.force(true);
      if (rewriting) {
        channel.close();
        // The shadow's name must be durable before the index entry names its bytes: else a power
        // cut after the entry could leave the entry with the old file (a replica that reads
        // corrupt).
        ChunkFileLayout.syncDirectory(shadow.getParent());
      } else if (previous == null) {
        ChunkFileLayout.syncDirectory(file.getParent());
      }
    } catch (IOException e) {
      throw DiskErrors.wrap("fsync " + id + " at " + (rewriting ? shadow : file), e);
    }
    if (!rewriting) {
      store.recordCommit(id, previous, entry);
      state = State.COMMITTED;
      return entry.toStored(id);
    }
    // The index entry is the commit point, then the synced shadow replaces the file. Readers open
    // entry and file under the same lock, so none pairs the new bytes with the old CRCs (or the
    // reverse); a crash between the two leaves a shadow that the next open renames (see the store).
    synchronized (store.publishLock(id)) {
      store.recordCommit(id, previous, entry);
      state = State.COMMITTED; // from here on the shadow holds committed bytes: never delete it
      try {
        Files.move(
            shadow, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        ChunkFileLayout.syncDirectory(file.getParent());
      } catch (IOException e) {
        throw DiskErrors.wrap("rename " + shadow + " over " + file + " (the next open retries)", e);
      }
    }
    return entry.toStored(id);
  }

  /**
   * Releases the chunk. Without a commit the write is abandoned: a new chunk's file is deleted, an
   * existing one is cut back to its committed length (bytes inside it may have changed). A writer
   * outliving its store only closes its file: the files may belong to a reopened store.
   */
  @Override
  public void close() {
    if (state == State.CLOSED) {
      return;
    }
    boolean abandoned = state != State.COMMITTED && !store.isClosed();
    state = State.CLOSED;
    try {
      IOException failure = null;
      try {
        closeAppender(); // an abandoned write's staged bytes are dropped with it
      } catch (IOException e) {
        failure = e;
      }
      try {
        if (abandoned && previous != null && !rewriting) {
          channel.truncate(previous.length());
        }
      } catch (IOException e) {
        failure = merge(failure, e);
      }
      try {
        if (channel.isOpen()) {
          channel.close();
        }
      } catch (IOException e) {
        failure = merge(failure, e);
      }
      try {
        if (abandoned && previous == null) {
          Files.deleteIfExists(file);
        }
        if (abandoned && rewriting) {
          Files.deleteIfExists(shadow); // the live file still holds exactly the committed bytes
        }
      } catch (IOException e) {
        failure = merge(failure, e);
      }
      if (failure != null) {
        throw DiskErrors.wrap("close writer on " + id + " at " + file, failure);
      }
    } finally {
      store.release(id);
    }
  }

  /**
   * After the piece's bytes are on file: blocks of the gap before the piece are zeros (or old bytes
   * plus zeros), blocks the piece covers up to the chunk's end take the piece's CRC, and every
   * block written in part is read back and recomputed.
   */
  private void updateCrcs(ChunkPiece piece, long oldLength) throws IOException {
    long firstBlock = piece.offset() / BLOCK;
    for (long b = oldLength / BLOCK; b < firstBlock; b++) {
      crcs[(int) b] = b * BLOCK < oldLength ? crcFromFile(b) : ZERO_BLOCK_CRC;
    }
    int[] pieceCrcs = piece.crcs();
    for (int i = 0; i < pieceCrcs.length; i++) {
      long block = firstBlock + i;
      long start = block * BLOCK;
      long end = Math.min(start + BLOCK, length);
      boolean covered = piece.offset() <= start && piece.end() >= end;
      crcs[(int) block] = covered ? pieceCrcs[i] : crcFromFile(block);
    }
  }

  private int crcFromFile(long block) throws IOException {
    flushStaged();
    long start = block * BLOCK;
    scratch.clear().limit((int) Math.min(BLOCK, length - start));
    while (scratch.hasRemaining()) {
      if (channel.read(scratch, start + scratch.position()) < 0) {
        throw new IOException(
            "file ends at " + (start + scratch.position()) + " (expected: length " + length + ")");
      }
    }
    return ChunkLayout.crc(scratch.flip());
  }

  /**
   * Copy-on-write: the shadow gets the live file's bytes (committed ones plus anything this writer
   * appended), the live file goes back to exactly its committed bytes, and writing continues in the
   * shadow. Costs one copy of the chunk per rewrite session.
   */
  private void startRewrite() throws IOException {
    flushStaged();
    closeAppender(); // the shadow is written through the page cache: rewrites are rare
    channel.force(false);
    Files.copy(file, shadow, StandardCopyOption.REPLACE_EXISTING);
    channel.truncate(previous.length());
    channel.close();
    channel = FileChannel.open(shadow, READ, WRITE);
    rewriting = true;
  }

  /**
   * An append in place at the end goes to the direct appender (opened on the first one, when the
   * store lends a stage); anything else is written through the page cache after the staged bytes.
   */
  private void store(ByteBuffer[] parts, long offset) throws IOException {
    if (!rewriting && offset == length) {
      if (appender == null && !appenderTried) {
        appenderTried = true;
        appender = DirectAppender.open(file, channel, store.directStages());
      }
      if (appender != null) {
        appender.append(parts, offset);
        return;
      }
    }
    flushStaged();
    writeFully(parts, offset);
  }

  private void flushStaged() throws IOException {
    if (appender != null) {
      appender.flush();
    }
  }

  private void closeAppender() throws IOException {
    if (appender != null) {
      DirectAppender closing = appender;
      appender = null;
      closing.close();
    }
  }

  /**
   * One gathering write for all the piece's parts where it can: a piece that arrived as network
   * buffers is stored from them directly, with one system call instead of one per buffer.
   */
  private void writeFully(ByteBuffer[] parts, long offset) throws IOException {
    if (parts.length == 1) {
      ByteBuffer data = parts[0].duplicate();
      long position = offset;
      while (data.hasRemaining()) {
        position += channel.write(data, position);
      }
      return;
    }
    ByteBuffer[] views = new ByteBuffer[parts.length];
    long left = 0;
    for (int i = 0; i < parts.length; i++) {
      views[i] = parts[i].duplicate();
      left += views[i].remaining();
    }
    channel.position(offset); // this writer is the file's only writer, and reads are positional
    while (left > 0) {
      left -= channel.write(views);
    }
  }

  private void requireOpen(String operation) {
    if (state != State.OPEN) {
      throw new IllegalStateException(
          operation
              + " on writer of "
              + id
              + " : "
              + state.name().toLowerCase(Locale.ROOT)
              + " (expected: open)");
    }
  }

  private static IOException merge(IOException first, IOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private static void closeAfterFailure(FileChannel channel, RuntimeException failure) {
    try {
      channel.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
