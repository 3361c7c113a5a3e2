package io.godfs.application.client;

import io.godfs.application.port.in.DfsIOException;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.ClientIoMeter.Operation;
import io.godfs.application.port.out.MasterClient;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.node.NodeLocation;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a goDFS file with seek. Chunk locations are fetched once at open and cached; bytes stream
 * from one replica per chunk, sequential reads reuse the stream (the transport keeps a few pieces
 * in flight: read-ahead). Every piece is verified against its block CRC32Cs; on a mismatch or error
 * the replica is reported to the master (when corrupt) and the read continues from the next one.
 * Holes and bytes past a chunk's length read as zeros. A small file stored inline (ADR 0016) came
 * whole with its location and reads from memory. Bytes read, checksum failures, failovers and the
 * stream's outcome (at close, or at its first failure) are counted in the {@link ClientIoMeter}.
 */
final class DfsInputStream extends SeekableInput {
  private final MasterClient master;
  private final ChunkFetcher fetcher;
  private final ClientIoMeter meter;

  /** The stream's outcome was counted (its first failure); close counts success otherwise. */
  private boolean outcomeCounted;

  /** A forward seek shorter than this reads through the open stream instead of reopening it. */
  private static final long FORWARD_SKIP_LIMIT = 4L * 1024 * 1024;

  private final DfsPath path;
  private final long length;
  private final long chunkSize;

  /** Chunk locations are fetched {@value #LOCATE_WINDOW} chunks at a time (HDFS prefetches too). */
  static final int LOCATE_WINDOW = 32;

  private Map<Integer, LocatedChunk> chunks;

  /** The chunk indexes [windowStart, windowEnd) whose locations are cached (absent = hole). */
  private long windowStart;

  private long windowEnd;

  /** Chunks whose locations were refreshed after every cached replica failed: once per chunk. */
  private final Set<Integer> refreshed = new HashSet<>();

  private long position;
  private PieceIterator stream;
  private int streamChunk = -1;
  private NodeLocation streamNode;
  private long streamNext = -1;
  private ChunkPiece piece;
  private int pieceChunk = -1;
  private final Map<Integer, Set<NodeLocation>> failed = new HashMap<>();

  /**
   * Per chunk: whether every replica that failed so far failed its checksum. When none is left the
   * data itself is bad (CORRUPT), not a node away (UNAVAILABLE, worth a retry). Kept across
   * relocations, like {@link #refreshed}: a master may stop handing out replicas reported corrupt.
   */
  private final Map<Integer, Boolean> onlyCorrupt = new HashMap<>();

  private boolean closed;

  /** Re-locations for a fresh chunk access token since the last piece read: a few, not a loop. */
  private static final int MAX_TOKEN_REFRESHES = 2;

  private int tokenRefreshes;

  /** The whole content of a file stored inline (ADR 0016), read from memory; else null. */
  private final byte[] inline;

  DfsInputStream(MasterClient master, ChunkFetcher fetcher, DfsPath path, LocatedFile located) {
    this(master, fetcher, path, located, ClientIoMeter.NONE);
  }

  DfsInputStream(
      MasterClient master,
      ChunkFetcher fetcher,
      DfsPath path,
      LocatedFile located,
      ClientIoMeter meter) {
    this.meter = meter;
    this.master = master;
    this.fetcher = fetcher;
    this.path = path;
    this.length = located.status().length();
    this.chunkSize = located.status().chunkSize();
    this.chunks = index(located);
    this.inline = located.inline();
    this.windowStart = 0;
    this.windowEnd = LOCATE_WINDOW;
  }

  /** The range to ask the master for when the stream opens: the first window of chunks. */
  static long firstWindowBytes(long chunkSize) {
    return LOCATE_WINDOW * chunkSize;
  }

  /** The located chunk at {@code index} (null for a hole), fetching its window when not cached. */
  private LocatedChunk chunkAt(int index) throws DfsIOException {
    if (index < windowStart || index >= windowEnd) {
      relocate(index);
    }
    return chunks.get(index);
  }

  private void relocate(int index) throws DfsIOException {
    try {
      chunks = index(master.locate(path, (long) index * chunkSize, LOCATE_WINDOW * chunkSize));
    } catch (DfsException e) {
      throw new DfsIOException(e);
    }
    windowStart = index;
    windowEnd = (long) index + LOCATE_WINDOW;
    failed.clear();
  }

  private static Map<Integer, LocatedChunk> index(LocatedFile located) {
    Map<Integer, LocatedChunk> out = new HashMap<>();
    located.chunks().forEach(c -> out.put(c.index(), c));
    return out;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("stream for " + path + " is closed");
    }
    if (len == 0) {
      return 0;
    }
    if (position >= length) {
      return -1;
    }
    int n;
    try {
      n = readSome(b, off, len);
    } catch (IOException | RuntimeException e) {
      if (!outcomeCounted) {
        outcomeCounted = true;
        meter.failed(Operation.READ, FileSystemService.codeOf(e));
      }
      throw e;
    }
    if (n > 0) {
      meter.read(n);
    }
    return n;
  }

  /** Reads up to {@code len} bytes at {@code position} (at least one: it is below the length). */
  private int readSome(byte[] b, int off, int len) throws IOException {
    if (inline != null) {
      int n = (int) Math.min(len, Math.min(length, inline.length) - position);
      if (n <= 0) {
        return -1;
      }
      System.arraycopy(inline, (int) position, b, off, n);
      position += n;
      return n;
    }
    int index = (int) (position / chunkSize);
    long inChunk = position - (long) index * chunkSize;
    LocatedChunk chunk = chunkAt(index);
    if (chunk == null || inChunk >= chunk.length()) {
      // A hole, or the tail of a chunk written shorter than the chunk size: zeros to the boundary.
      int n = (int) Math.min(len, Math.min(length - position, chunkSize - inChunk));
      Arrays.fill(b, off, off + n, (byte) 0);
      position += n;
      return n;
    }
    ChunkPiece p = pieceCovering(index, chunk, inChunk);
    int from = (int) (inChunk - p.offset());
    // A replica may hold bytes past the committed length (a newer, uncommitted write): not ours.
    int n =
        (int)
            Math.min(
                Math.min(len, p.length() - from),
                Math.min(length - position, chunk.length() - inChunk));
    p.get(from, b, off, n);
    position += n;
    return n;
  }

  private ChunkPiece pieceCovering(int index, LocatedChunk chunk, long inChunk) throws IOException {
    if (piece != null
        && pieceChunk == index
        && inChunk >= piece.offset()
        && inChunk < piece.end()) {
      return piece;
    }
    while (true) {
      try {
        if (stream == null
            || streamChunk != index
            || inChunk < streamNext
            || inChunk >= streamNext + FORWARD_SKIP_LIMIT) {
          openStream(index, chunks.get(index), inChunk);
        }
        piece = null; // its bytes may be reused or released by the next call, failed or not
        ChunkPiece next = stream.next();
        while (next != null && next.end() <= inChunk) {
          next = stream.next(); // skip forward within the chunk after a short seek
        }
        if (next == null) {
          throw new DfsException(ErrorCode.UNAVAILABLE, "replica ended before offset " + inChunk);
        }
        LocatedChunk reading = chunk;
        next =
            CheckedPieces.verified(
                stream,
                next,
                bad -> {
                  meter.checksumFailure();
                  master.reportBadReplica(
                      reading.chunkId(),
                      streamNode.id(),
                      "CRC32C mismatch at chunk offset " + bad.firstBadBlockOffset());
                });
        if (next == null) {
          throw new DfsException(
              ErrorCode.CORRUPT, "checksum mismatch in " + chunk.chunkId() + " on " + streamNode);
        }
        streamNext = next.end();
        tokenRefreshes = 0;
        piece = next;
        pieceChunk = index;
        return next;
      } catch (DfsException e) {
        failReplica(index, e);
        chunk = chunks.get(index);
      }
    }
  }

  private void openStream(int index, LocatedChunk chunk, long inChunk) throws DfsIOException {
    closeStream();
    Set<NodeLocation> bad = failed.computeIfAbsent(index, i -> new HashSet<>());
    for (NodeLocation node : chunk.replicas()) {
      if (!bad.contains(node)) {
        streamChunk = index;
        streamNode = node; // set first: a failing fetch must mark this node as tried
        streamNext = inChunk;
        stream =
            fetcher.fetch(
                node,
                chunk.chunkId(),
                chunk.version(),
                inChunk,
                chunk.length() - inChunk,
                chunk.token());
        return;
      }
    }
    if (!refreshed.contains(index)) {
      // Every cached replica failed: ask the master once for fresh locations (replicas may have
      // moved).
      refreshed.add(index);
      relocate(index);
      LocatedChunk fresh = chunks.get(index);
      if (fresh != null && !fresh.replicas().isEmpty()) {
        openStream(index, fresh, inChunk);
        return;
      }
    }
    if (onlyCorrupt.getOrDefault(index, false)) {
      throw new DfsIOException(
          DfsError.of(
              ErrorCode.CORRUPT,
              "every replica of chunk "
                  + index
                  + " ("
                  + chunk.chunkId()
                  + ") of "
                  + path
                  + " failed its checksum; tried "
                  + chunk.replicas()),
          null);
    }
    throw new DfsIOException(
        DfsError.of(
            ErrorCode.UNAVAILABLE,
            "no readable replica of chunk "
                + index
                + " ("
                + chunk.chunkId()
                + ") of "
                + path
                + "; tried "
                + chunk.replicas()),
        null);
  }

  private void failReplica(int index, DfsException cause) throws DfsIOException {
    if (cause.code() == ErrorCode.UNAUTHENTICATED && tokenRefreshes < MAX_TOKEN_REFRESHES) {
      // The chunk access token expired during a long read (or its key is not on the node yet):
      // the replica is fine; fresh locations bring a fresh token (ADR 0022).
      tokenRefreshes++;
      closeStream();
      relocate(index);
      return;
    }
    if (streamNode != null && streamChunk == index) {
      failed.computeIfAbsent(index, i -> new HashSet<>()).add(streamNode);
    }
    onlyCorrupt.merge(index, cause.code() == ErrorCode.CORRUPT, Boolean::logicalAnd);
    boolean replicaFailed = streamNode != null && streamChunk == index;
    closeStream();
    LocatedChunk chunk = chunks.get(index);
    boolean anyLeft =
        chunk != null
            && chunk.replicas().stream()
                .anyMatch(n -> !failed.getOrDefault(index, Set.of()).contains(n));
    if (!anyLeft && refreshed.contains(index)) {
      throw new DfsIOException(
          DfsError.of(
              cause.code(),
              "cannot read chunk "
                  + index
                  + " of "
                  + path
                  + " from any replica; last error: "
                  + cause.getMessage()),
          cause);
    }
    if (replicaFailed) {
      meter.replicaFailover(); // the read goes on with the next replica (or fresh locations)
    }
  }

  private void closeStream() {
    if (stream != null) {
      stream.close();
      stream = null;
    }
    piece = null;
    streamChunk = -1;
    streamNode = null;
  }

  @Override
  public void seek(long target) throws IOException {
    if (target < 0 || target > length) {
      throw new DfsIOException(
          DfsError.of(
              ErrorCode.INVALID_ARGUMENT,
              "seek offset : " + target + " (expected: 0-" + length + ")"),
          null);
    }
    position = target;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public void close() {
    if (!closed && !outcomeCounted) {
      outcomeCounted = true;
      meter.succeeded(Operation.READ);
    }
    closed = true;
    closeStream();
    piece = null;
  }
}
