package io.godfs.application.client;

import io.godfs.application.port.in.DfsIOException;
import io.godfs.application.port.out.ChunkFetcher;
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
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * The bytes a new chunk takes from the chunk a snapshot holds in its slot (ADR 0025, copy on write
 * in the writer). They are read from the held chunk's replicas as any read is (every piece checked
 * against its stored CRC32Cs, a corrupt replica reported, the next replica tried) and sent down the
 * new chunk's pipeline as pieces of the write, whose CRCs the writer computes again and every
 * replica checks. One fetched piece is in hand at a time and each is sent before the next is read,
 * so memory stays bounded by the upload's window of unacknowledged pieces, not by the chunk.
 */
final class HeldChunkCopy {
  /** Fresh locations (a new token, moved replicas) asked for at most this often per copy. */
  private static final int MAX_RELOCATIONS = 3;

  private final MasterClient master;
  private final ChunkFetcher fetcher;
  private final DfsPath path;
  private final long chunkSize;
  private LocatedChunk source;
  private final Set<NodeLocation> failed = new HashSet<>();
  private boolean onlyCorrupt = true;
  private int relocations;

  HeldChunkCopy(
      MasterClient master,
      ChunkFetcher fetcher,
      DfsPath path,
      long chunkSize,
      LocatedChunk source) {
    this.master = master;
    this.fetcher = fetcher;
    this.path = path;
    this.chunkSize = chunkSize;
    this.source = source;
  }

  /** How many bytes of the held chunk the new chunk must start with. */
  long length() {
    return source.length();
  }

  /**
   * Sends the held chunk's bytes {@code [from, min(to, length()))} to {@code upload}, in order.
   *
   * @throws DfsIOException when no replica of the held chunk can be read (CORRUPT when every one
   *     failed its checksum), or when the upload fails
   */
  void copy(long from, long to, ChunkUpload upload) throws DfsIOException {
    long end = Math.min(to, source.length());
    long next = from;
    while (next < end) {
      NodeLocation node = nextReplica();
      try (PieceIterator pieces =
          fetcher.fetch(
              node, source.chunkId(), source.version(), next, end - next, source.token())) {
        next = send(pieces, node, next, end, upload);
        if (next < end) {
          throw new DfsException(
              ErrorCode.UNAVAILABLE, "replica on " + node + " ended before offset " + next);
        }
      } catch (DfsException e) {
        if (e.code() == ErrorCode.UNAUTHENTICATED && relocations < MAX_RELOCATIONS) {
          // The read token ran out during a long write (or its key is not on the node yet).
          relocate(e);
          continue;
        }
        failed.add(node);
        onlyCorrupt &= e.code() == ErrorCode.CORRUPT;
        if (source.replicas().stream().allMatch(failed::contains)) {
          relocate(e);
        }
      }
    }
  }

  /** Sends the pieces that cover {@code [next, end)}; returns where the copy got to. */
  private long send(
      PieceIterator pieces, NodeLocation node, long next, long end, ChunkUpload upload)
      throws DfsIOException {
    ChunkPiece piece;
    while (next < end && (piece = pieces.next()) != null) {
      piece =
          CheckedPieces.verified(
              pieces,
              piece,
              bad ->
                  master.reportBadReplica(
                      source.chunkId(),
                      node.id(),
                      "CRC32C mismatch at chunk offset " + bad.firstBadBlockOffset()));
      if (piece == null) {
        throw new DfsException(
            ErrorCode.CORRUPT, "checksum mismatch in " + source.chunkId() + " on " + node);
      }
      if (piece.end() <= next) {
        continue;
      }
      if (piece.offset() > next) {
        throw new DfsException(
            ErrorCode.UNAVAILABLE,
            "replica on " + node + " skipped from " + next + " to " + piece.offset());
      }
      int n = (int) (Math.min(piece.end(), end) - next);
      // A copy: the fetcher may reuse the piece's buffer, the upload keeps it until acknowledged.
      byte[] bytes = new byte[n];
      piece.get((int) (next - piece.offset()), bytes, 0, n);
      upload.send(ChunkPiece.of(next, ByteBuffer.wrap(bytes)));
      next += n;
    }
    return next;
  }

  private NodeLocation nextReplica() throws DfsIOException {
    for (NodeLocation node : source.replicas()) {
      if (!failed.contains(node)) {
        return node;
      }
    }
    throw new DfsIOException(
        DfsError.of(
            onlyCorrupt && !failed.isEmpty() ? ErrorCode.CORRUPT : ErrorCode.UNAVAILABLE,
            "cannot copy "
                + source.chunkId()
                + ", which a snapshot holds, into chunk "
                + source.index()
                + " of "
                + path
                + ": no readable replica; tried "
                + failed),
        null);
  }

  /**
   * Asks the master where the held chunk is now, with a fresh read token: until the copy commits,
   * the file's slot still names it. Anything else there (the path names another file now) ends the
   * copy.
   */
  private void relocate(DfsException cause) throws DfsIOException {
    if (relocations++ >= MAX_RELOCATIONS) {
      return; // nextReplica() reports what was tried
    }
    LocatedFile located;
    try {
      located = master.locate(path, source.index() * chunkSize, 1);
    } catch (DfsException e) {
      e.addSuppressed(cause);
      throw new DfsIOException(e);
    }
    for (LocatedChunk c : located.chunks()) {
      if (c.index() == source.index()
          && c.chunkId().equals(source.chunkId())
          && c.version().equals(source.version())) {
        source =
            new LocatedChunk(
                source.index(),
                source.chunkId(),
                source.version(),
                source.length(),
                c.replicas(),
                c.token());
        failed.clear();
        return;
      }
    }
  }
}
