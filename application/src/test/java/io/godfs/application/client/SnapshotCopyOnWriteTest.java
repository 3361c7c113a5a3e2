package io.godfs.application.client;

import static io.godfs.application.client.InProcessCluster.CHUNK;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.fake.DirectMasterClient;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.node.NodeLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's copy on write (ADR 0025) against a real master and chunkservers in this process: a
 * write to a chunk a snapshot holds gets a new chunk, which the writer fills from the held one
 * before and after its own bytes. Each case reads the live file and the snapshot's copy of it.
 */
class SnapshotCopyOnWriteTest {
  static final DfsPath DIR = DfsPath.of("/d");
  static final DfsPath FILE = DIR.child("f");
  static final DfsPath IN_SNAPSHOT = DfsPath.of("/d/.snapshot/s1/f");
  InProcessCluster cluster;
  FileSystemUseCase fs;
  byte[] original;

  @BeforeEach
  void start() throws IOException {
    cluster = new InProcessCluster(4096);
    fs = cluster.chunksOnlyClient("client-1");
    fs.mkdir(DIR, false);
    original = random((int) (2 * CHUNK + CHUNK / 2), 1); // the last chunk is half full
    try (OutputStream out = fs.create(FILE, false)) {
      out.write(original);
    }
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void anOverwriteInsideAHeldChunkKeepsTheBytesAroundItAndTheSnapshotKeepsTheOld()
      throws IOException {
    snapshot();
    byte[] patch = random(5000, 2);
    long at = CHUNK + 1000;
    writeAt(fs, at, patch);

    assertThat(read(FILE)).isEqualTo(overlay(original, at, patch));
    assertThat(read(IN_SNAPSHOT)).isEqualTo(original);
    assertThat(chunkIds(FILE)).element(1).isNotEqualTo(chunkIds(IN_SNAPSHOT).get(1));
    assertThat(chunkIds(FILE)).element(0).isEqualTo(chunkIds(IN_SNAPSHOT).get(0));
  }

  @Test
  void anAppendIntoTheHeldPartialLastChunkCopiesItsBytesFirst() throws IOException {
    snapshot();
    byte[] more = random((int) CHUNK, 3); // fills the last chunk and starts another
    writeAt(fs, original.length, more);

    assertThat(read(FILE)).isEqualTo(concat(original, more));
    assertThat(read(IN_SNAPSHOT)).isEqualTo(original);
  }

  @Test
  void aWriteAfterATruncateCopiesOnlyTheBytesKeptAndLeavesZerosInTheGap() throws IOException {
    snapshot();
    long kept = CHUNK + 100;
    fs.truncate(FILE, kept);
    byte[] patch = random(300, 4);
    long at = CHUNK + 5000; // past the bytes kept: zeros between
    writeAt(fs, at, patch);

    byte[] expected = new byte[(int) (at + patch.length)];
    System.arraycopy(original, 0, expected, 0, (int) kept);
    System.arraycopy(patch, 0, expected, (int) at, patch.length);
    assertThat(read(FILE)).isEqualTo(expected);
    assertThat(read(IN_SNAPSHOT)).isEqualTo(original);
  }

  @Test
  void aWriteSpanningTwoHeldChunksCopiesTheHeadOfTheFirstAndTheTailOfTheSecond()
      throws IOException {
    snapshot();
    byte[] patch = random((int) CHUNK, 5);
    long at = CHUNK / 2;
    writeAt(fs, at, patch);

    assertThat(read(FILE)).isEqualTo(overlay(original, at, patch));
    assertThat(read(IN_SNAPSHOT)).isEqualTo(original);
  }

  @Test
  void aSecondSnapshotAfterTheCopyHoldsTheCopyAndAThirdWriteCopiesItAgain() throws IOException {
    snapshot();
    byte[] first = random(700, 6);
    writeAt(fs, 10, first);
    byte[] afterFirst = overlay(original, 10, first);
    execute(new NamespaceCommand.CreateSnapshot(DIR, "s2", Instant.EPOCH));
    byte[] second = random(900, 7);
    writeAt(fs, 5000, second);

    assertThat(read(FILE)).isEqualTo(overlay(afterFirst, 5000, second));
    assertThat(read(DfsPath.of("/d/.snapshot/s2/f"))).isEqualTo(afterFirst);
    assertThat(read(IN_SNAPSHOT)).isEqualTo(original);
  }

  @Test
  void aCorruptReplicaOfTheHeldChunkIsSkippedAndTheCopyComesFromAnother() throws IOException {
    snapshot();
    AtomicInteger corrupted = new AtomicInteger();
    ChunkFetcher corrupting = new FirstReplicaCorrupt(cluster.transfer, corrupted);
    FileSystemUseCase writer =
        ClientServices.fileSystem(
            new DirectMasterClient(cluster.master),
            cluster.transfer,
            corrupting,
            ClientSettings.DEFAULTS.withLocalReads(false).withInlineMaxBytes(0),
            "client-2");
    try {
      byte[] patch = random(3000, 8);
      writeAt(writer, 2 * CHUNK + 10, patch);

      assertThat(corrupted.get()).isPositive();
      assertThat(read(FILE)).isEqualTo(overlay(original, 2 * CHUNK + 10, patch));
      assertThat(read(IN_SNAPSHOT)).isEqualTo(original);
    } finally {
      writer.close();
    }
  }

  // ---- helpers

  private void snapshot() {
    execute(new NamespaceCommand.SnapshotsAllowed(DIR, true, Instant.EPOCH));
    execute(new NamespaceCommand.CreateSnapshot(DIR, "s1", Instant.EPOCH));
  }

  private void execute(NamespaceCommand<?> command) {
    cluster.store.execute(command, Callers.ANONYMOUS).orThrow();
  }

  private List<ChunkId> chunkIds(DfsPath path) {
    List<ChunkId> ids = new ArrayList<>();
    cluster
        .store
        .query(new NamespaceQuery.Locate(path, 0, 0))
        .orThrow()
        .chunks()
        .forEach(c -> ids.add(c.chunk().id()));
    return ids;
  }

  private static void writeAt(FileSystemUseCase client, long at, byte[] bytes) throws IOException {
    try (OutputStream out = client.openForWriteAt(FILE, at)) {
      out.write(bytes);
    }
  }

  private byte[] read(DfsPath path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (SeekableInput in = fs.open(path)) {
      in.transferTo(out);
    }
    return out.toByteArray();
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] overlay(byte[] base, long at, byte[] patch) {
    byte[] out = Arrays.copyOf(base, (int) Math.max(base.length, at + patch.length));
    System.arraycopy(patch, 0, out, (int) at, patch.length);
    return out;
  }

  static byte[] concat(byte[] a, byte[] b) {
    return overlay(a, a.length, b);
  }

  /** Flips a byte in every piece the first replica it is asked for serves. */
  private static final class FirstReplicaCorrupt implements ChunkFetcher {
    private final ChunkFetcher real;
    private final AtomicInteger corrupted;
    private NodeLocation bad;

    FirstReplicaCorrupt(ChunkFetcher real, AtomicInteger corrupted) {
      this.real = real;
      this.corrupted = corrupted;
    }

    @Override
    public PieceIterator fetch(
        NodeLocation node, ChunkId chunk, ChunkVersion version, long offset, long length) {
      return fetch(node, chunk, version, offset, length, SignedChunkToken.NONE);
    }

    @Override
    public synchronized PieceIterator fetch(
        NodeLocation node,
        ChunkId chunk,
        ChunkVersion version,
        long offset,
        long length,
        SignedChunkToken token) {
      if (bad == null) {
        bad = node;
      }
      PieceIterator pieces = real.fetch(node, chunk, version, offset, length, token);
      if (!node.equals(bad)) {
        return pieces;
      }
      return new PieceIterator() {
        @Override
        public ChunkPiece next() {
          ChunkPiece p = pieces.next();
          if (p == null) {
            return null;
          }
          ByteBuffer flipped = ByteBuffer.allocate(p.length()).put(p.data().duplicate()).flip();
          flipped.put(0, (byte) (flipped.get(0) ^ 1));
          corrupted.incrementAndGet();
          return new ChunkPiece(p.offset(), flipped, p.crcs());
        }

        @Override
        public void close() {
          pieces.close();
        }
      };
    }
  }
}
