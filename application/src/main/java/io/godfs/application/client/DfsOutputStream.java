package io.godfs.application.client;

import io.godfs.application.port.in.DfsIOException;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.ClientIoMeter.Operation;
import io.godfs.application.port.out.MasterClient;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.ChunkRecoveryRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.InlineWriteRequest;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Streams a file into goDFS chunk by chunk: bytes are cut into pieces of at most 1 MiB that never
 * cross a chunk boundary; each chunk goes down its replica pipeline and is committed on the master
 * once every replica fsynced it. While chunks' replicas fsync, the next chunk already streams (at
 * most {@value #MAX_FINISHING} chunks wait for their fsync), and chunks are committed in order.
 * Memory stays bounded by the in-flight windows, whatever the file size.
 *
 * <p>A small file (ADR 0016): when everything a stream wrote is still in its buffer at close (or
 * fsync), fits within {@code inlineLimit} and the file has no chunks, the bytes go to the master in
 * one call and are kept in the namespace: no chunk, no pipeline. A stream that has to write chunks
 * to a file holding inline bytes first has them moved into chunk 0 ({@link InlineMover}).
 *
 * <p>A chunk a snapshot holds is never written in place (ADR 0025): the master grants a new chunk
 * that starts as a copy of it ({@link ChunkWriteTarget#copyOf()}): the upload sends the held
 * chunk's bytes before this stream's first piece and those past its last before the finish ({@link
 * HeldChunkCopy}), so the new chunk holds the old bytes under the new ones, and no fewer.
 */
final class DfsOutputStream extends DfsOutput {
  private final MasterClient master;
  private final ChunkPipeline pipeline;
  private final ClientSettings settings;

  private final DfsPath path;
  private final FileId fileId;
  private final long chunkSize;
  private final LeaseRenewer lease;
  private final ClientIoMeter meter;
  private long position;
  private ByteBuffer buffer;
  private long bufferStart;
  private int bufferLimit; // sent at this size: a message's worth, or the rest of its chunk
  private final StreamBuffers buffers;
  private boolean streaming; // a buffer filled up: the next start full size (StreamBuffers)
  private ChunkUpload upload;
  private int uploadIndex = -1;

  /** Reads the chunk a copy starts from (null: this stream cannot copy held chunks). */
  private final ChunkFetcher fetcher;

  /** The held chunk the current upload copies (null: none) and where its last piece ended. */
  private HeldChunkCopy copy;

  private long uploadEnd;

  /**
   * Chunks whose replicas fsync while later chunks stream: the disks flush one chunk while the next
   * arrives instead of the stream stopping at every chunk boundary. Committed oldest first.
   */
  static final int MAX_FINISHING = 3;

  private final ArrayDeque<Finishing> finishing = new ArrayDeque<>();

  /** Nodes that failed in this stream's pipelines: later chunks avoid them. */
  private final Set<NodeId> badNodes = new HashSet<>();

  private record Finishing(ChunkUpload upload, int index) {}

  private boolean closed;

  /** Longest file whose bytes may stay inline: 0 once this stream wrote chunks, or never did. */
  private int inlineLimit;

  /** Moves the file's inline bytes to chunk 0 (null: this stream never writes inline files). */
  private final InlineMover mover;

  /** The file may hold inline bytes that must move to chunk 0 before this stream writes a chunk. */
  private boolean mayHoldInline;

  /** Rewrites the file's inline bytes as chunk 0, so that this stream may write chunks. */
  @FunctionalInterface
  interface InlineMover {
    void moveToChunks() throws IOException;
  }

  /** The first failure: later writes and close fail too, so no hole is silently committed. */
  private IOException failure;

  /**
   * A stream over a file this client opened for writing; {@code lease} renews the file's lease
   * while the stream is open (the caller registered the file with it), and the close releases it.
   */
  DfsOutputStream(
      MasterClient master,
      ChunkPipeline pipeline,
      ClientSettings settings,
      DfsPath path,
      FileId fileId,
      long chunkSize,
      long startOffset,
      LeaseRenewer lease) {
    this(
        master,
        pipeline,
        null,
        settings,
        path,
        fileId,
        chunkSize,
        startOffset,
        lease,
        0,
        false,
        null,
        ClientIoMeter.NONE,
        new StreamBuffers(settings.maxPiecesInFlight() + 1));
  }

  /**
   * {@code inlineLimit}: the longest the file may grow while its bytes stay inline (0: never
   * inline); {@code holdsInline}: the file holds inline bytes now; {@code mover} moves them to
   * chunk 0 before this stream's first chunk (also bytes this stream itself stored inline at an
   * fsync). Bytes sent, the stream's outcome and rebuilt pipelines are counted in {@code meter}.
   * {@code fetcher} reads the chunks a snapshot holds when a write must copy one.
   */
  DfsOutputStream(
      MasterClient master,
      ChunkPipeline pipeline,
      ChunkFetcher fetcher,
      ClientSettings settings,
      DfsPath path,
      FileId fileId,
      long chunkSize,
      long startOffset,
      LeaseRenewer lease,
      int inlineLimit,
      boolean holdsInline,
      InlineMover mover,
      ClientIoMeter meter,
      StreamBuffers buffers) {
    this.meter = meter;
    this.buffers = buffers;
    this.fetcher = fetcher;
    this.inlineLimit = inlineLimit;
    this.mayHoldInline = holdsInline;
    this.mover = mover;
    this.master = master;
    this.lease = lease;
    this.pipeline = pipeline;
    this.settings = settings;
    this.path = path;
    this.fileId = fileId;
    this.chunkSize = chunkSize;
    this.position = startOffset;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, bytes.length);
    ensureOpen();
    try {
      append(bytes, off, len);
    } catch (IOException | RuntimeException e) {
      throw fail(e);
    }
  }

  private void append(byte[] bytes, int off, int len) throws IOException {
    while (len > 0) {
      if (buffer == null) {
        long roomInChunk = chunkSize - position % chunkSize;
        bufferLimit = (int) Math.min(ChunkLayout.MAX_MESSAGE_BYTES, roomInChunk);
        buffer = buffers.allocate(streaming, bufferLimit, len);
        bufferStart = position;
      }
      buffer = StreamBuffers.roomFor(buffer, len, bufferLimit);
      int n = Math.min(len, buffer.remaining());
      buffer.put(bytes, off, n);
      off += n;
      len -= n;
      position += n;
      if (buffer.position() == bufferLimit) {
        streaming = true;
        sendBuffer();
      }
    }
  }

  /**
   * Sends buffered bytes down the pipeline; durability comes at chunk ends and {@link #close()}.
   */
  @Override
  public void flush() throws IOException {
    ensureOpen();
    try {
      sendBuffer();
    } catch (IOException | RuntimeException e) {
      throw fail(e);
    }
  }

  /**
   * Sends what is buffered, waits for every chunk in flight to be fsynced by all replicas and
   * commits them.
   */
  @Override
  public void sync() throws IOException {
    ensureOpen();
    try {
      if (storedInline(false)) {
        return;
      }
      sendBuffer();
      endChunk(); // the next write continues this chunk with a new upload, appending in place
      while (!finishing.isEmpty()) {
        commitOldest(false);
      }
    } catch (IOException | RuntimeException e) {
      throw fail(e);
    }
  }

  /** Remembers the first failure, aborts what is in flight, and returns what to throw. */
  private IOException fail(Exception e) {
    if (failure == null) {
      meter.failed(Operation.WRITE, FileSystemService.codeOf(e));
      failure =
          e instanceof IOException io
              ? io
              : new IOException("write to " + path + " failed: " + e.getMessage(), e);
      if (upload != null) {
        upload.abort("client failed: " + e.getMessage());
      }
      finishing.forEach(f -> f.upload().abort("client failed: " + e.getMessage()));
    }
    return failure;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    // This client's last stream on the file gives the lease back, also after a failure: every
    // acknowledged byte is committed, so another writer may go on.
    boolean last = lease.closed(fileId);
    boolean released = false;
    try {
      if (failure != null) {
        throw new IOException(
            "write to " + path + " failed earlier; nothing after the failure was committed",
            failure);
      }
      try {
        if (storedInline(last)) {
          released = last;
          meter.succeeded(Operation.WRITE);
          return;
        }
        sendBuffer();
        endChunk();
        while (finishing.size() > 1) {
          commitOldest(false);
        }
        if (!finishing.isEmpty()) {
          commitOldest(last); // the lease goes with the last commit: one round trip, not two
          released = last;
        }
        meter.succeeded(Operation.WRITE);
      } catch (IOException | RuntimeException e) {
        meter.failed(Operation.WRITE, FileSystemService.codeOf(e));
        if (upload != null) {
          upload.abort("client failed: " + e.getMessage());
        }
        finishing.forEach(f -> f.upload().abort("client failed: " + e.getMessage()));
        throw e;
      }
    } finally {
      if (last && !released) {
        releaseLease();
      }
    }
  }

  /**
   * Stores what this stream buffered inline, when it may: it wrote no chunk, everything it wrote is
   * in the buffer, and the file stays within the inline limit. Returns false when the bytes must go
   * to chunks instead (also when the master refuses: the file got chunks, or is too long).
   */
  private boolean storedInline(boolean close) throws IOException {
    if (inlineLimit == 0
        || buffer == null
        || buffer.position() == 0
        || uploadIndex != -1
        || !finishing.isEmpty()
        || bufferStart + buffer.position() > inlineLimit) {
      return false;
    }
    byte[] data = Arrays.copyOf(buffer.array(), buffer.position());
    try {
      master.storeInline(
          new InlineWriteRequest(path, fileId, bufferStart, data, close), lease.writer());
    } catch (DfsException e) {
      if (e.code() != ErrorCode.CONFLICT && e.code() != ErrorCode.INVALID_ARGUMENT) {
        throw new DfsIOException(e);
      }
      inlineLimit = 0;
      mayHoldInline = true; // bytes an earlier fsync stored inline, say
      return false;
    }
    buffer = null;
    meter.written(data.length);
    mayHoldInline = true; // later chunks must first carry what is now inline
    return true;
  }

  /** Gives the lease back (a close with no commit to carry it, or after a failure). */
  private void releaseLease() throws DfsIOException {
    try {
      master.closeFile(fileId, lease.writer());
    } catch (DfsException e) {
      if (failure == null) {
        throw new DfsIOException(e);
      }
      failure.addSuppressed(e);
    }
  }

  private void sendBuffer() throws IOException {
    if (buffer == null || buffer.position() == 0) {
      return;
    }
    buffer.flip();
    int index = (int) (bufferStart / chunkSize);
    ChunkPiece piece = ChunkPiece.of(bufferStart - (long) index * chunkSize, buffer);
    buffer = null;
    if (index != uploadIndex) {
      endChunk();
      startUpload(index, piece.offset());
    }
    int length = piece.length();
    upload.send(piece);
    uploadEnd = piece.end();
    meter.written(length);
    if (piece.end() == chunkSize) {
      endChunk();
    }
  }

  /** Starts chunk {@code index}'s upload, whose first piece starts at {@code firstOffset}. */
  private void startUpload(int index, long firstOffset) throws IOException {
    inlineLimit = 0;
    if (mayHoldInline && mover != null) {
      mayHoldInline = false;
      mover.moveToChunks();
    }
    try {
      ChunkWriteTarget target =
          master.allocateChunk(
              new ChunkAllocationRequest(path, fileId, index, badNodes), lease.writer());
      requireMinimum(target);
      upload =
          new ChunkUpload(
              target,
              pipeline,
              settings,
              (failed, node, error, nothingAcked) ->
                  recover(index, failed, node, error, nothingAcked),
              buffers::reuse);
      uploadIndex = index;
      if (target.copyOf() != null) {
        if (fetcher == null) {
          throw new IllegalStateException(
              "a stream without a chunk fetcher was granted a copy of " + target.copyOf());
        }
        copy = new HeldChunkCopy(master, fetcher, path, chunkSize, target.copyOf());
        copy.copy(0, firstOffset, upload); // past the held bytes, a gap before it reads as zeros
      }
    } catch (DfsException e) {
      DfsIOException refused = new DfsIOException(e);
      keepFinished(refused);
      throw refused;
    }
  }

  /**
   * After a refused grant (a quota full, counting the chunks still in flight): the chunks written
   * before it are committed, so the file keeps everything up to the refusal.
   */
  private void keepFinished(DfsIOException refused) {
    try {
      while (!finishing.isEmpty()) {
        commitOldest(false);
      }
    } catch (DfsIOException | RuntimeException e) {
      refused.addSuppressed(e);
    }
  }

  /** Starts the current chunk's fsync; commits the oldest finishing chunks beyond the limit. */
  private void endChunk() throws DfsIOException {
    if (upload == null) {
      return;
    }
    if (copy != null) {
      HeldChunkCopy rest = copy;
      copy = null;
      rest.copy(uploadEnd, rest.length(), upload); // the held bytes past this stream's last
    }
    upload.requestFinish();
    finishing.addLast(new Finishing(upload, uploadIndex));
    upload = null;
    uploadIndex = -1;
    while (finishing.size() > MAX_FINISHING) {
      commitOldest(false);
    }
  }

  /**
   * Commits the oldest finishing chunk once fsynced; {@code closeFile}: and releases the lease with
   * it.
   */
  private void commitOldest(boolean closeFile) throws DfsIOException {
    Finishing oldest = finishing.peekFirst();
    long chunkLength = oldest.upload().awaitFinished();
    finishing.removeFirst();
    var target = oldest.upload().target();
    List<NodeId> replicas = target.pipeline().stream().map(NodeLocation::id).toList();
    var commit =
        new ChunkCommitRequest(
            path,
            fileId,
            oldest.index(),
            target.chunkId(),
            target.version(),
            chunkLength,
            replicas);
    try {
      if (closeFile) {
        master.commitChunkAndClose(commit, lease.writer());
      } else {
        master.commitChunk(commit, lease.writer());
      }
    } catch (DfsException e) {
      throw new DfsIOException(e);
    }
  }

  /**
   * Rebuilds the pipeline of chunk {@code index} after {@code failedNode} failed. A new chunk with
   * nothing acknowledged yet is simply placed again without the bad nodes (keeping its full
   * replication); otherwise the write continues on the surviving replicas under a new version, as
   * long as at least {@code minWriteReplicas} remain. Nodes that failed are avoided for the rest of
   * this stream.
   */
  private ChunkUpload.Recovered recover(
      int index,
      ChunkWriteTarget failed,
      NodeLocation failedNode,
      DfsError error,
      boolean nothingAcked)
      throws DfsIOException {
    if (failedNode == null) {
      throw new DfsIOException(
          DfsError.of(
              error.code(),
              "write of "
                  + failed.chunkId()
                  + " to "
                  + path
                  + " failed and no replica was named, so the pipeline cannot be rebuilt: "
                  + error.message()),
          null);
    }
    badNodes.add(failedNode.id());
    List<NodeLocation> survivors =
        failed.pipeline().stream().filter(n -> !badNodes.contains(n.id())).toList();
    try {
      if (nothingAcked && failed.committedLength() == 0) {
        try {
          ChunkWriteTarget placed =
              master.allocateChunk(
                  new ChunkAllocationRequest(path, fileId, index, badNodes), lease.writer());
          requireMinimum(placed);
          meter.replicaFailover();
          return new ChunkUpload.Recovered(placed, false);
        } catch (DfsException e) {
          if (e.code() != ErrorCode.NO_CAPACITY) {
            throw e;
          }
          // Not enough other nodes for a full placement: continue on the survivors instead.
        }
      }
      if (survivors.size() < settings.minWriteReplicas()) {
        throw new DfsIOException(
            DfsError.of(
                error.code(),
                "write of "
                    + failed.chunkId()
                    + " to "
                    + path
                    + (error.code() == ErrorCode.NO_CAPACITY ? " found no room on " : " lost ")
                    + failedNode.id()
                    + " ("
                    + error.message()
                    + ") and only "
                    + survivors.size()
                    + " replica(s) remain, fewer than the minimum of "
                    + settings.minWriteReplicas()),
            null);
      }
      ChunkUpload.Recovered recovered =
          new ChunkUpload.Recovered(
              master.recoverChunk(
                  new ChunkRecoveryRequest(
                      path,
                      fileId,
                      index,
                      failed.chunkId(),
                      failed.version(),
                      survivors.stream().map(NodeLocation::id).toList()),
                  lease.writer()),
              true);
      meter.replicaFailover();
      return recovered;
    } catch (DfsException e) {
      throw new DfsIOException(e);
    }
  }

  /**
   * A chunk placed on fewer nodes than this client insists on (the others failed it) is not
   * written.
   */
  private void requireMinimum(ChunkWriteTarget target) throws DfsIOException {
    if (target.pipeline().size() < settings.minWriteReplicas()) {
      throw new DfsIOException(
          DfsError.of(
              ErrorCode.NO_CAPACITY,
              "write to "
                  + path
                  + " can reach only "
                  + target.pipeline().size()
                  + " replica(s) for "
                  + target.chunkId()
                  + " (avoiding failed nodes "
                  + badNodes
                  + "), fewer than the minimum of "
                  + settings.minWriteReplicas()),
          null);
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream for " + path + " is closed");
    }
    if (failure != null) {
      throw new IOException(
          "write to " + path + " failed earlier: " + failure.getMessage(), failure);
    }
  }

  @Override
  public long chunkSize() {
    return chunkSize;
  }

  @Override
  public FileId fileId() {
    return fileId;
  }
}
