package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.client.ClientSettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files through a real master + 3 chunkservers over gRPC on 127.0.0.1, with R=3 and small chunks.
 */
class ClusterRoundTripIT {
  static final long CHUNK = 4L * 1024 * 1024;
  @TempDir Path dir;
  TestCluster cluster;
  GodfsClient fs;

  @BeforeEach
  void start() {
    cluster = new TestCluster(dir, 3, CHUNK, 3);
    fs = cluster.client();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void a200MibFileRoundTripsByteIdenticalWithEveryChunkOnEveryReplica() throws Exception {
    long length =
        200L * 1024 * 1024 + 12345; // not a multiple of the chunk size: a short last chunk
    DfsPath path = DfsPath.of("/big/file.bin");
    fs.mkdir(path.parent(), true);
    try (OutputStream out = fs.create(path, false)) {
      Payload.write(out, 42, length, 1 << 20);
    }

    FileStatus status = fs.stat(path);
    assertThat(status.length()).isEqualTo(length);
    int chunks = (int) ((length + CHUNK - 1) / CHUNK);
    assertThat(status.chunkCount()).isEqualTo(chunks);
    try (SeekableInput in = fs.open(path)) {
      assertThat(Payload.firstMismatch(in, 42, 0, length))
          .as("short-circuit local read")
          .isEqualTo(-1);
    }
    try (SeekableInput in = cluster.networkClient().open(path)) {
      assertThat(Payload.firstMismatch(in, 42, 0, length)).as("read over gRPC").isEqualTo(-1);
    }
    Set<Long> ids = null;
    for (ChunkserverNode node : cluster.chunkservers()) {
      List<StoredChunk> stored = node.store().list();
      assertThat(stored).hasSize(chunks);
      Set<Long> here = new HashSet<>(stored.stream().map(c -> c.id().value()).toList());
      if (ids != null) {
        assertThat(here).as("every replica holds the same chunks").isEqualTo(ids);
      }
      ids = here;
      assertThat(stored.stream().mapToLong(StoredChunk::length).sum()).isEqualTo(length);
    }
  }

  @Test
  void rangedReadsAcrossChunkBoundariesReturnExactlyTheRange() throws Exception {
    long length = 3 * CHUNK + 777;
    DfsPath path = DfsPath.of("/ranges.bin");
    try (OutputStream out = fs.create(path, false)) {
      Payload.write(out, 7, length, 300_000);
    }
    long[][] ranges = {
      {CHUNK - 100, 300}, {0, 1}, {2 * CHUNK - 1, CHUNK + 2}, {length - 10, 10}, {65_535, 131_075}
    };
    try (SeekableInput in = fs.open(path)) {
      for (long[] r : ranges) {
        in.seek(r[0]);
        byte[] buf = in.readNBytes((int) r[1]);
        assertThat(buf).hasSize((int) r[1]);
        for (int k = 0; k < buf.length; k++) {
          assertThat(buf[k]).as("byte at %d", r[0] + k).isEqualTo(Payload.at(7, r[0] + k));
        }
      }
      in.seek(length);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void aCorruptedReplicaIsDetectedAndTheReadStillReturnsTheRightBytes() throws Exception {
    long length = 2 * CHUNK;
    DfsPath path = DfsPath.of("/corrupt.bin");
    try (OutputStream out = fs.create(path, false)) {
      Payload.write(out, 9, length, 1 << 20);
    }
    // Flip bytes in every chunk file of two of the three replicas: whichever replica the
    // reader picks first, at least one read must fail its CRC and move on.
    for (ChunkserverNode node : cluster.chunkservers().subList(0, 2)) {
      for (Path file : TestCluster.chunkFiles(node)) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
          raf.seek(100_000);
          int b = raf.read();
          raf.seek(100_000);
          raf.write(b ^ 0xff);
        }
      }
    }
    try (SeekableInput in = fs.open(path)) {
      assertThat(Payload.firstMismatch(in, 9, 0, length))
          .as("short-circuit local read")
          .isEqualTo(-1);
    }
    try (SeekableInput in = cluster.networkClient().open(path)) {
      assertThat(Payload.firstMismatch(in, 9, 0, length)).as("read over gRPC").isEqualTo(-1);
    }
  }

  @Test
  void readsStillWorkWithOneChunkserverStopped() throws Exception {
    long length = 5 * CHUNK + 3;
    DfsPath path = DfsPath.of("/survivor.bin");
    try (OutputStream out = fs.create(path, false)) {
      Payload.write(out, 11, length, 1 << 20);
    }
    cluster.chunkservers().getFirst().close();
    try (SeekableInput in = fs.open(path)) {
      assertThat(Payload.firstMismatch(in, 11, 0, length)).isEqualTo(-1);
    }
    try (SeekableInput in = cluster.networkClient().open(path)) {
      assertThat(Payload.firstMismatch(in, 11, 0, length)).as("read over gRPC").isEqualTo(-1);
    }
  }

  @Test
  void writeAtAnOffsetOverwritesInPlaceAndLeavesAHoleOfZerosPastTheEnd() throws Exception {
    DfsPath path = DfsPath.of("/patch.bin");
    try (OutputStream out = fs.create(path, false)) {
      Payload.write(out, 5, CHUNK + 10, 1 << 20);
    }
    byte[] patch = "PATCHED".getBytes();
    try (OutputStream out = fs.openForWriteAt(path, CHUNK - 3)) {
      out.write(patch);
    }
    try (OutputStream out = fs.openForWriteAt(path, 3 * CHUNK)) {
      out.write(patch);
    }
    assertThat(fs.stat(path).length()).isEqualTo(3 * CHUNK + patch.length);
    try (SeekableInput in = fs.open(path)) {
      in.seek(CHUNK - 4);
      byte[] around = in.readNBytes(patch.length + 2);
      assertThat(around[0]).isEqualTo(Payload.at(5, CHUNK - 4));
      assertThat(new String(around, 1, patch.length)).isEqualTo("PATCHED");
      assertThat(around[patch.length + 1]).isEqualTo(Payload.at(5, CHUNK + 4));
      in.seek(CHUNK + 10);
      byte[] hole = in.readNBytes((int) (2 * CHUNK - 10));
      assertThat(hole).containsOnly(0);
      assertThat(new String(in.readAllBytes())).isEqualTo("PATCHED");
    }
  }

  @Test
  void severalClientsWriteAndReadDifferentFilesAtTheSameTime() throws Exception {
    int writers = 4;
    long length = 3 * CHUNK + 999;
    var pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        long seed = 100 + w;
        GodfsClient client = cluster.client();
        results.add(
            pool.submit(
                () -> {
                  DfsPath path = DfsPath.of("/parallel/f" + seed);
                  client.mkdir(path.parent(), true);
                  try (OutputStream out = client.create(path, false)) {
                    Payload.write(out, seed, length, 200_000);
                  }
                  try (SeekableInput in = client.open(path)) {
                    return Payload.firstMismatch(in, seed, 0, length);
                  }
                }));
      }
      for (var r : results) {
        assertThat(r.get(120, TimeUnit.SECONDS)).isEqualTo(-1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fs.list(DfsPath.of("/parallel"), null, 0).entries()).hasSize(writers);
  }

  @Test
  void aRewriteThatFailsLeavesTheAcknowledgedBytesIntactAndADefaultClientGoesOnWithTheSurvivors()
      throws Exception {
    long length = 3 * CHUNK;
    DfsPath path = DfsPath.of("/precious.bin");
    try (OutputStream out = fs.create(path, false)) {
      Payload.write(out, 31, length, 1 << 20);
    }
    // A client that insists on every replica: losing one fails its rewrite.
    GodfsClient strict = cluster.client(ClientSettings.DEFAULTS.withMinWriteReplicas(3));
    OutputStream rewrite = strict.openForWriteAt(path, CHUNK + 1000);
    rewrite.write(new byte[300_000]); // buffered: reaches the replicas at close
    cluster.chunkservers().get(2).close(); // a replica of the pipeline dies before the bytes arrive
    assertThatThrownBy(rewrite::close)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("fewer than the minimum of 3");

    assertThat(fs.stat(path).length()).isEqualTo(length);
    try (SeekableInput in = fs.open(path)) {
      assertThat(Payload.firstMismatch(in, 31, 0, length))
          .as("short-circuit local read")
          .isEqualTo(-1);
    }
    try (SeekableInput in = cluster.networkClient().open(path)) {
      assertThat(Payload.firstMismatch(in, 31, 0, length)).as("read over gRPC").isEqualTo(-1);
    }

    // The default client (minimum 1 replica) rewrites on the two survivors.
    try (OutputStream again = fs.openForWriteAt(path, CHUNK + 1000)) {
      again.write(new byte[300_000]);
    }
    byte[] expected = Payload.bytes(31, (int) length);
    Arrays.fill(expected, (int) CHUNK + 1000, (int) CHUNK + 301_000, (byte) 0);
    try (SeekableInput in = cluster.networkClient().open(path)) {
      assertThat(in.readAllBytes()).isEqualTo(expected);
    }
  }

  @Test
  void namespaceErrorsComeBackWithTheirCodeAndMessage() {
    fs.mkdir(DfsPath.of("/a/b"), true);
    assertThatThrownBy(() -> fs.mkdir(DfsPath.of("/x/y"), false))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("/x");
    assertThatThrownBy(() -> fs.rename(DfsPath.of("/a"), DfsPath.of("/a/b/c"), false))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("own subtree");
    assertThatThrownBy(() -> fs.delete(DfsPath.of("/a"), false))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_EMPTY));
    assertThat(fs.delete(DfsPath.of("/a"), true)).isZero();
    assertThatThrownBy(() -> fs.stat(DfsPath.of("/a")))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void deletedFilesChunksAreRemovedFromEveryChunkserver() throws Exception {
    DfsPath path = DfsPath.of("/gone.bin");
    try (OutputStream out = fs.create(path, false)) {
      Payload.write(out, 3, 2 * CHUNK, 1 << 20);
    }
    assertThat(TestCluster.chunkFiles(cluster.chunkservers().get(1))).hasSize(2);
    fs.delete(path, false);
    Waits.until(
        Duration.ofSeconds(20),
        "chunk files to be deleted by heartbeat commands",
        () -> cluster.chunkservers().stream().allMatch(n -> n.store().list().isEmpty()));
    for (ChunkserverNode node : cluster.chunkservers()) {
      assertThat(TestCluster.chunkFiles(node)).isEmpty();
    }
  }
}
