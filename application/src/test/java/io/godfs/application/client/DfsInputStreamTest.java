package io.godfs.application.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.RecordingClientIoMeter;
import io.godfs.application.port.in.DfsIOException;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ClientIoMeter.Operation;
import io.godfs.application.port.out.MasterClient;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The client's reader over a fake master and fake replicas. */
class DfsInputStreamTest {
  static final long CHUNK_SIZE = 2L * ChunkLayout.BLOCK_SIZE;
  static final DfsPath PATH = DfsPath.of("/f");
  static final NodeLocation NODE =
      new NodeLocation(new NodeId("cs-1"), new NodeAddress("127.0.0.1", 8000));

  /** Serves each chunk's replica bytes the way a chunkserver does: whole blocks with their CRCs. */
  record Replicas(Map<ChunkId, byte[]> bytes) implements ChunkFetcher {
    @Override
    public PieceIterator fetch(
        NodeLocation node, ChunkId chunk, ChunkVersion version, long offset, long length) {
      byte[] data = bytes.get(chunk);
      long start = ChunkLayout.blockStart(offset);
      return new PieceIterator() {
        boolean sent;

        @Override
        public ChunkPiece next() {
          if (sent || start >= data.length) {
            return null;
          }
          sent = true;
          return ChunkPiece.of(
              start, ByteBuffer.wrap(data, (int) start, (int) (data.length - start)).slice());
        }

        @Override
        public void close() {}
      };
    }
  }

  static byte[] filled(int length, byte value) {
    byte[] b = new byte[length];
    Arrays.fill(b, value);
    return b;
  }

  @Test
  void bytesPastAChunksCommittedLengthReadAsZerosWhateverTheReadSize() throws Exception {
    // Chunk 0 was committed with 100 bytes, then a write into it reached its replica (a newer
    // version, 300 bytes) but was never committed on the master. Chunk 1 makes the file longer.
    ChunkId c0 = new ChunkId(1);
    ChunkId c1 = new ChunkId(2);
    byte[] replica0 = filled(300, (byte) 7);
    FileStatus status =
        new FileStatus(
            PATH,
            FileType.FILE,
            new FileId(1),
            CHUNK_SIZE + 10,
            Instant.EPOCH,
            Instant.EPOCH,
            CHUNK_SIZE,
            1,
            2);
    LocatedFile located =
        new LocatedFile(
            status,
            List.of(
                new LocatedChunk(0, c0, ChunkVersion.FIRST, 100, List.of(NODE)),
                new LocatedChunk(1, c1, ChunkVersion.FIRST, 10, List.of(NODE))));
    Replicas replicas = new Replicas(Map.of(c0, replica0, c1, filled(10, (byte) 9)));

    byte[] expected = new byte[(int) (CHUNK_SIZE + 10)];
    Arrays.fill(expected, 0, 100, (byte) 7);
    Arrays.fill(expected, (int) CHUNK_SIZE, expected.length, (byte) 9);
    try (DfsInputStream in = new DfsInputStream(new NoMaster(), replicas, PATH, located)) {
      assertThat(Arrays.mismatch(in.readAllBytes(), expected))
          .as("first wrong byte, read in large buffers")
          .isEqualTo(-1);
    }
    try (DfsInputStream in = new DfsInputStream(new NoMaster(), replicas, PATH, located)) {
      byte[] oneByOne = new byte[expected.length];
      for (int i = 0; i < oneByOne.length; i++) {
        oneByOne[i] = (byte) in.read();
      }
      assertThat(Arrays.mismatch(oneByOne, expected))
          .as("first wrong byte, read byte by byte")
          .isEqualTo(-1);
    }
  }

  @Test
  void everyChunkWhoseCachedReplicasAllFailGetsFreshLocationsOnce() throws Exception {
    // The cached locations name a replica that moved away, for both chunks; the master knows the
    // new one.
    ChunkId c0 = new ChunkId(1);
    ChunkId c1 = new ChunkId(2);
    NodeLocation gone = new NodeLocation(new NodeId("cs-gone"), new NodeAddress("127.0.0.1", 8009));
    FileStatus status =
        new FileStatus(
            PATH,
            FileType.FILE,
            new FileId(1),
            2 * CHUNK_SIZE,
            Instant.EPOCH,
            Instant.EPOCH,
            CHUNK_SIZE,
            1,
            2);
    LocatedFile stale =
        new LocatedFile(
            status,
            List.of(
                new LocatedChunk(0, c0, ChunkVersion.FIRST, CHUNK_SIZE, List.of(gone)),
                new LocatedChunk(1, c1, ChunkVersion.FIRST, CHUNK_SIZE, List.of(gone))));
    // The master's answer names the new replica only for the first chunk asked about (it moved the
    // others later), so each chunk needs its own refresh.
    IntFunction<LocatedFile> freshFrom =
        first ->
            new LocatedFile(
                status,
                List.of(
                    new LocatedChunk(
                        0, c0, ChunkVersion.FIRST, CHUNK_SIZE, List.of(first == 0 ? NODE : gone)),
                    new LocatedChunk(
                        1, c1, ChunkVersion.FIRST, CHUNK_SIZE, List.of(first == 1 ? NODE : gone))));
    Replicas good =
        new Replicas(
            Map.of(c0, filled((int) CHUNK_SIZE, (byte) 1), c1, filled((int) CHUNK_SIZE, (byte) 2)));
    ChunkFetcher onlyNode =
        (node, chunk, version, offset, length) -> {
          if (!node.equals(NODE)) {
            throw new DfsException(ErrorCode.UNAVAILABLE, "cannot reach " + node);
          }
          return good.fetch(node, chunk, version, offset, length);
        };
    int[] lookups = {0};
    MasterClient master =
        new NoMaster() {
          @Override
          public LocatedFile locate(DfsPath path, long offset, long length) {
            lookups[0]++;
            return freshFrom.apply((int) (offset / CHUNK_SIZE));
          }
        };
    try (DfsInputStream in = new DfsInputStream(master, onlyNode, PATH, stale)) {
      byte[] all = in.readAllBytes();
      assertThat(all).hasSize((int) (2 * CHUNK_SIZE));
      assertThat(all[0]).isEqualTo((byte) 1);
      assertThat(all[(int) CHUNK_SIZE]).isEqualTo((byte) 2);
    }
    assertThat(lookups[0]).as("one fresh lookup per chunk").isEqualTo(2);
  }

  @Test
  void whenEveryReplicaFailsItsChecksumTheReadFailsAsCorruptAndReturnsNoByteOfIt()
      throws Exception {
    // Both replicas serve chunk 1 with a flipped byte under the CRCs it was written with. Whether
    // the
    // master then hands the reported replicas out again (last) or not at all, the reader gives up
    // with CORRUPT (the data is bad, a retry will not help), never with the bytes.
    ChunkId c0 = new ChunkId(1);
    ChunkId c1 = new ChunkId(2);
    NodeLocation other = new NodeLocation(new NodeId("cs-2"), new NodeAddress("127.0.0.1", 8001));
    FileStatus status =
        new FileStatus(
            PATH,
            FileType.FILE,
            new FileId(1),
            2 * CHUNK_SIZE,
            Instant.EPOCH,
            Instant.EPOCH,
            CHUNK_SIZE,
            2,
            2);
    LocatedFile located =
        new LocatedFile(
            status,
            List.of(
                new LocatedChunk(0, c0, ChunkVersion.FIRST, CHUNK_SIZE, List.of(NODE, other)),
                new LocatedChunk(1, c1, ChunkVersion.FIRST, CHUNK_SIZE, List.of(NODE, other))));
    byte[] good = filled((int) CHUNK_SIZE, (byte) 3);
    ChunkFetcher rotten =
        (node, chunk, version, offset, length) -> {
          PieceIterator served =
              new Replicas(Map.of(c0, good, c1, good)).fetch(node, chunk, version, offset, length);
          if (!chunk.equals(c1)) {
            return served;
          }
          return new PieceIterator() {
            @Override
            public ChunkPiece next() {
              ChunkPiece p = served.next();
              return p == null ? null : flipped(p);
            }

            @Override
            public void close() {}
          };
        };
    for (boolean handedOutAgain : new boolean[] {true, false}) {
      List<String> reports = new ArrayList<>();
      MasterClient master =
          new NoMaster() {
            @Override
            public void reportBadReplica(ChunkId chunk, NodeId node, String reason) {
              reports.add(chunk + "@" + node);
            }

            @Override
            public LocatedFile locate(DfsPath path, long offset, long length) {
              return new LocatedFile(
                  status,
                  List.of(
                      new LocatedChunk(0, c0, ChunkVersion.FIRST, CHUNK_SIZE, List.of(NODE, other)),
                      new LocatedChunk(
                          1,
                          c1,
                          ChunkVersion.FIRST,
                          CHUNK_SIZE,
                          handedOutAgain ? List.of(other, NODE) : List.of())));
            }
          };
      try (DfsInputStream in = new DfsInputStream(master, rotten, PATH, located)) {
        byte[] head = new byte[(int) CHUNK_SIZE];
        assertThat(in.read(head, 0, head.length)).isEqualTo((int) CHUNK_SIZE);
        assertThat(head).isEqualTo(good);
        var failure =
            Assertions.catchThrowableOfType(
                DfsIOException.class, () -> in.read(new byte[10], 0, 10));
        assertThat(failure).as("handed out again: " + handedOutAgain).isNotNull();
        assertThat(failure.error().code()).isEqualTo(ErrorCode.CORRUPT);
        assertThat(failure.getMessage()).contains("chunk 1");
        assertThat(in.position()).isEqualTo(CHUNK_SIZE);
      }
      assertThat(reports).contains(c1 + "@cs-1", c1 + "@cs-2");
    }
  }

  /** A master these reads never need to call. */
  @Test
  void aReadWhoseTokenExpiredFetchesAFreshOneFromTheMasterRatherThanFail() throws Exception {
    // One replica only: were it marked failed, the read would fail. The chunkserver refuses the
    // cached token as expired; the master's fresh answer carries a new one (ADR 0022).
    ChunkId c0 = new ChunkId(1);
    SignedChunkToken expired = SignedChunkToken.of(new byte[] {1});
    SignedChunkToken fresh = SignedChunkToken.of(new byte[] {2});
    FileStatus status =
        new FileStatus(
            PATH,
            FileType.FILE,
            new FileId(1),
            CHUNK_SIZE,
            Instant.EPOCH,
            Instant.EPOCH,
            CHUNK_SIZE,
            1,
            1);
    LocatedChunk chunk = new LocatedChunk(0, c0, ChunkVersion.FIRST, CHUNK_SIZE, List.of(NODE));
    Replicas replicas = new Replicas(Map.of(c0, filled((int) CHUNK_SIZE, (byte) 5)));
    List<SignedChunkToken> presented = new ArrayList<>();
    ChunkFetcher checking =
        new ChunkFetcher() {
          @Override
          public PieceIterator fetch(
              NodeLocation node, ChunkId id, ChunkVersion version, long offset, long length) {
            throw new AssertionError("the reader presents its token");
          }

          @Override
          public PieceIterator fetch(
              NodeLocation node,
              ChunkId id,
              ChunkVersion version,
              long offset,
              long length,
              SignedChunkToken token) {
            presented.add(token);
            if (!token.equals(fresh)) {
              throw new DfsException(
                  ErrorCode.UNAUTHENTICATED, "chunk access token expired at 2026-12-05T10:00:00Z");
            }
            return replicas.fetch(node, id, version, offset, length);
          }
        };
    MasterClient master =
        new NoMaster() {
          @Override
          public LocatedFile locate(DfsPath path, long offset, long length) {
            return new LocatedFile(status, List.of(chunk.withToken(fresh)));
          }
        };
    LocatedFile cached = new LocatedFile(status, List.of(chunk.withToken(expired)));
    try (DfsInputStream in = new DfsInputStream(master, checking, PATH, cached)) {
      assertThat(in.readAllBytes()).hasSize((int) CHUNK_SIZE).containsOnly((byte) 5);
    }
    assertThat(presented).containsExactly(expired, fresh);
  }

  @Test
  void aChecksumFailureAndTheFailoverToTheNextReplicaAreCounted() throws Exception {
    // cs-1 serves the chunk with a flipped byte, cs-2 serves it intact: the read goes on from cs-2.
    ChunkId c0 = new ChunkId(1);
    NodeLocation other = new NodeLocation(new NodeId("cs-2"), new NodeAddress("127.0.0.1", 8001));
    FileStatus status =
        new FileStatus(
            PATH,
            FileType.FILE,
            new FileId(1),
            CHUNK_SIZE,
            Instant.EPOCH,
            Instant.EPOCH,
            CHUNK_SIZE,
            1,
            2);
    LocatedFile located =
        new LocatedFile(
            status,
            List.of(new LocatedChunk(0, c0, ChunkVersion.FIRST, CHUNK_SIZE, List.of(NODE, other))));
    byte[] good = filled((int) CHUNK_SIZE, (byte) 4);
    ChunkFetcher oneRotten =
        (node, chunk, version, offset, length) -> {
          PieceIterator served =
              new Replicas(Map.of(c0, good)).fetch(node, chunk, version, offset, length);
          if (!node.equals(NODE)) {
            return served;
          }
          return new PieceIterator() {
            @Override
            public ChunkPiece next() {
              ChunkPiece p = served.next();
              if (p == null) {
                return null;
              }
              byte[] bytes = new byte[p.length()];
              p.data().duplicate().get(bytes);
              bytes[7] ^= 1;
              return new ChunkPiece(p.offset(), ByteBuffer.wrap(bytes), p.crcs());
            }

            @Override
            public void close() {}
          };
        };
    RecordingClientIoMeter meter = new RecordingClientIoMeter();
    MasterClient master =
        new NoMaster() {
          @Override
          public void reportBadReplica(ChunkId chunk, NodeId node, String reason) {}
        };
    try (DfsInputStream in = new DfsInputStream(master, oneRotten, PATH, located, meter)) {
      assertThat(in.readAllBytes()).isEqualTo(good);
    }
    assertThat(meter.checksumFailures).hasValue(1);
    assertThat(meter.failovers).hasValue(1);
    assertThat(meter.read).hasValue(CHUNK_SIZE);
    assertThat(meter.outcomes(Operation.READ, "ok")).isEqualTo(1);
  }

  @Test
  void aReadThatFailsIsCountedOnceWithItsCode() throws Exception {
    ChunkId c0 = new ChunkId(1);
    FileStatus status =
        new FileStatus(
            PATH,
            FileType.FILE,
            new FileId(1),
            CHUNK_SIZE,
            Instant.EPOCH,
            Instant.EPOCH,
            CHUNK_SIZE,
            1,
            1);
    LocatedChunk chunk = new LocatedChunk(0, c0, ChunkVersion.FIRST, CHUNK_SIZE, List.of(NODE));
    ChunkFetcher down =
        (node, id, version, offset, length) -> {
          throw new DfsException(ErrorCode.UNAVAILABLE, "connection refused");
        };
    MasterClient master =
        new NoMaster() {
          @Override
          public LocatedFile locate(DfsPath path, long offset, long length) {
            return new LocatedFile(status, List.of(chunk));
          }
        };
    RecordingClientIoMeter meter = new RecordingClientIoMeter();
    try (DfsInputStream in =
        new DfsInputStream(master, down, PATH, new LocatedFile(status, List.of(chunk)), meter)) {
      Assertions.assertThatThrownBy(() -> in.read(new byte[10], 0, 10))
          .isInstanceOf(DfsIOException.class);
      Assertions.assertThatThrownBy(() -> in.read(new byte[10], 0, 10))
          .isInstanceOf(DfsIOException.class);
    }
    assertThat(meter.outcomes(Operation.READ, "unavailable")).isEqualTo(1);
    assertThat(meter.outcomes(Operation.READ, "ok")).isZero();
    assertThat(meter.read).hasValue(0);
  }

  /**
   * A short-circuit read can pair a rewrite's new bytes with the old CRCs. Its source reads such a
   * piece again through the chunkserver ({@link PieceIterator#reread}): when that matches, the read
   * goes on and the replica is not reported; when it fails too, the replica is reported once.
   */
  @Test
  void aPieceThatFailsItsChecksumIsReadAgainBeforeItsReplicaIsReported() throws Exception {
    ChunkId c0 = new ChunkId(1);
    LocatedFile located = oneChunkOnNode(c0);
    byte[] good = filled((int) CHUNK_SIZE, (byte) 5);
    for (boolean rereadMatches : new boolean[] {true, false}) {
      ChunkFetcher racing =
          (node, chunk, version, offset, length) -> {
            PieceIterator served =
                new Replicas(Map.of(c0, good)).fetch(node, chunk, version, offset, length);
            return new PieceIterator() {
              @Override
              public ChunkPiece next() {
                ChunkPiece p = served.next();
                return p == null ? null : flipped(p);
              }

              @Override
              public ChunkPiece reread(ChunkPiece failed) {
                ChunkPiece again =
                    new Replicas(Map.of(c0, good))
                        .fetch(node, chunk, version, failed.offset(), length)
                        .next();
                return rereadMatches ? again : flipped(again);
              }

              @Override
              public void close() {}
            };
          };
      List<String> reports = new ArrayList<>();
      MasterClient master =
          new NoMaster() {
            @Override
            public void reportBadReplica(ChunkId chunk, NodeId node, String reason) {
              reports.add(chunk + "@" + node);
            }

            @Override
            public LocatedFile locate(DfsPath path, long offset, long length) {
              return located;
            }
          };
      try (DfsInputStream in = new DfsInputStream(master, racing, PATH, located)) {
        if (rereadMatches) {
          assertThat(Arrays.mismatch(in.readAllBytes(), good)).isEqualTo(-1);
          assertThat(reports).as("a piece that reads clean again is no corruption").isEmpty();
        } else {
          Assertions.assertThatThrownBy(in::readAllBytes)
              .isInstanceOfSatisfying(
                  DfsIOException.class,
                  e -> assertThat(e.error().code()).isEqualTo(ErrorCode.CORRUPT));
          assertThat(reports).containsOnly(c0 + "@" + NODE.id());
        }
      }
    }
  }

  /**
   * A piece's buffer belongs to its source again once the next piece is asked for (a short-circuit
   * read refills it, a network read releases it), even when that call fails: a read that seeks back
   * into the piece afterwards must fetch its bytes again, not return what the buffer holds now.
   */
  @Test
  void aPieceIsNotServedAgainOnceTheNextOneWasAskedForEvenWhenThatFailed() throws Exception {
    ChunkId c0 = new ChunkId(1);
    LocatedFile located = oneChunkOnNode(c0);
    byte[] good = filled((int) CHUNK_SIZE, (byte) 6);
    int[] opened = {0};
    ChunkFetcher reusing =
        (node, chunk, version, offset, length) -> {
          opened[0]++;
          byte[] buffer = new byte[ChunkLayout.BLOCK_SIZE];
          return new PieceIterator() {
            long at = ChunkLayout.blockStart(offset);

            @Override
            public ChunkPiece next() {
              Arrays.fill(buffer, (byte) 0); // the source reuses its buffer for the next piece
              if (at > 0 && opened[0] == 1) {
                throw new IllegalStateException("the source broke");
              }
              if (at >= good.length) {
                return null;
              }
              System.arraycopy(good, (int) at, buffer, 0, buffer.length);
              ChunkPiece piece = ChunkPiece.of(at, ByteBuffer.wrap(buffer));
              at += buffer.length;
              return piece;
            }

            @Override
            public void close() {}
          };
        };
    try (DfsInputStream in = new DfsInputStream(new NoMaster(), reusing, PATH, located)) {
      byte[] first = new byte[10];
      assertThat(in.read(first, 0, first.length)).isEqualTo(10);
      in.seek(ChunkLayout.BLOCK_SIZE);
      Assertions.assertThatThrownBy(() -> in.read(new byte[10], 0, 10))
          .isInstanceOf(IllegalStateException.class);

      in.seek(0);
      byte[] again = new byte[10];
      assertThat(in.read(again, 0, again.length)).isEqualTo(10);

      assertThat(again).containsOnly((byte) 6);
    }
  }

  /** A file of one full chunk whose only replica is on {@link #NODE}. */
  private static LocatedFile oneChunkOnNode(ChunkId chunk) {
    FileStatus status =
        new FileStatus(
            PATH,
            FileType.FILE,
            new FileId(1),
            CHUNK_SIZE,
            Instant.EPOCH,
            Instant.EPOCH,
            CHUNK_SIZE,
            1,
            2);
    return new LocatedFile(
        status, List.of(new LocatedChunk(0, chunk, ChunkVersion.FIRST, CHUNK_SIZE, List.of(NODE))));
  }

  /** The piece with one byte flipped: it no longer matches its CRCs. */
  private static ChunkPiece flipped(ChunkPiece p) {
    byte[] bytes = new byte[p.length()];
    p.data().duplicate().get(bytes);
    bytes[100] ^= 1;
    return new ChunkPiece(p.offset(), ByteBuffer.wrap(bytes), p.crcs());
  }

  static class NoMaster extends UnusedMasterClient {}
}
