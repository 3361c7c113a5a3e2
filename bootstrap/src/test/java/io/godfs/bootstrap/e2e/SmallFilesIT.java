package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.client.ClientSettings;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Namespace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small files kept inline in the namespace (ADR 0016) on a real cluster over gRPC: written in one
 * master call with no chunk, read back whole, and moved to chunks, bytes intact, as soon as a write
 * or a truncate takes them past the inline limit.
 */
class SmallFilesIT {
  static final int CHUNK = 1 << 20;
  static final int MAX = Namespace.MAX_INLINE_LENGTH;
  @TempDir static Path dir;
  static TestCluster cluster;
  static GodfsClient fs;

  @BeforeAll
  static void start() {
    cluster = new TestCluster(dir, 3, CHUNK, 3, Duration.ofSeconds(30));
    fs = cluster.networkClient();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aSmallFileIsKeptByTheMasterAndNoChunkserverStoresAnything() throws Exception {
    Set<Path> chunkFilesBefore = chunkFiles();
    DfsPath path = DfsPath.of("/small/one-kib.bin");
    fs.mkdir(path.parent(), true);
    byte[] content = Payload.bytes(1, 1024);

    write(path, content);

    FileStatus status = fs.stat(path);
    assertThat(status.inline()).isTrue();
    assertThat(status.length()).isEqualTo(1024);
    assertThat(status.chunkCount()).isZero();
    assertThat(read(path)).isEqualTo(content);
    // Other tests' replaced files may lose chunk files meanwhile; none may appear.
    assertThat(chunkFiles()).isSubsetOf(chunkFilesBefore);
    assertThat(cluster.locate(path)).isEmpty();
  }

  @Test
  void aFileOfExactlyTheLimitStaysInlineAndOneByteMoreGoesToAChunk() throws Exception {
    DfsPath atLimit = DfsPath.of("/at-limit.bin");
    DfsPath overLimit = DfsPath.of("/over-limit.bin");
    write(atLimit, Payload.bytes(2, MAX));
    write(overLimit, Payload.bytes(3, MAX + 1));

    assertThat(fs.stat(atLimit).inline()).isTrue();
    assertThat(fs.stat(overLimit).inline()).isFalse();
    assertThat(fs.stat(overLimit).chunkCount()).isEqualTo(1);
    assertThat(read(overLimit)).isEqualTo(Payload.bytes(3, MAX + 1));
  }

  @Test
  void appendingPastTheLimitMovesTheBytesToAChunkIntact() throws Exception {
    DfsPath path = DfsPath.of("/grows.log");
    byte[] head = Payload.bytes(4, 3000);
    write(path, head);
    byte[] tail = Payload.bytes(5, 2 * CHUNK + 77);

    try (DfsOutput out = fs.openForWriteAt(path, head.length)) {
      out.write(tail);
    }

    byte[] expected = concat(head, tail);
    assertThat(fs.stat(path).inline()).isFalse();
    assertThat(fs.stat(path).length()).isEqualTo(expected.length);
    assertThat(read(path)).isEqualTo(expected);
  }

  @Test
  void aSmallWriteIntoASmallFileOverlaysItsBytes() throws Exception {
    DfsPath path = DfsPath.of("/overlay.txt");
    write(path, "hello world".getBytes());

    try (DfsOutput out = fs.openForWriteAt(path, 6)) {
      out.write("WORLD!".getBytes());
    }

    assertThat(new String(read(path))).isEqualTo("hello WORLD!");
    assertThat(fs.stat(path).inline()).isTrue();
  }

  @Test
  void anFsyncedSmallWriteIsStoredAndLaterChunksCarryIt() throws Exception {
    DfsPath path = DfsPath.of("/synced.bin");
    byte[] first = Payload.bytes(6, 500);
    byte[] second = Payload.bytes(7, CHUNK + 10);
    try (DfsOutput out = fs.create(path, false)) {
      out.write(first);
      out.sync();
      assertThat(fs.stat(path).inline()).as("durable in the namespace after fsync").isTrue();
      assertThat(read(path)).isEqualTo(first);
      out.write(second);
    }

    assertThat(read(path)).isEqualTo(concat(first, second));
    assertThat(fs.stat(path).inline()).isFalse();
  }

  @Test
  void truncateCutsOrPadsASmallFileAndGrowingPastTheLimitMovesItToChunks() throws Exception {
    DfsPath path = DfsPath.of("/truncated.bin");
    byte[] content = Payload.bytes(8, 2000);
    write(path, content);

    fs.truncate(path, 1000);
    assertThat(read(path)).isEqualTo(Arrays.copyOf(content, 1000));
    fs.truncate(path, 3000);
    assertThat(read(path))
        .as("the cut bytes never come back")
        .isEqualTo(Arrays.copyOf(Arrays.copyOf(content, 1000), 3000));
    assertThat(fs.stat(path).inline()).isTrue();

    fs.truncate(path, 2L * CHUNK + 5);

    assertThat(fs.stat(path).inline()).isFalse();
    assertThat(read(path)).isEqualTo(Arrays.copyOf(Arrays.copyOf(content, 1000), 2 * CHUNK + 5));
  }

  @Test
  void overwritingASmallFileWithALargeOneAndBackLeavesNoStaleBytes() throws Exception {
    DfsPath path = DfsPath.of("/replaced.bin");
    write(path, Payload.bytes(9, 100));
    write(path, Payload.bytes(10, CHUNK + 1));
    assertThat(read(path)).isEqualTo(Payload.bytes(10, CHUNK + 1));

    write(path, Payload.bytes(11, 10));

    assertThat(read(path)).isEqualTo(Payload.bytes(11, 10));
    assertThat(fs.stat(path).inline()).isTrue();
  }

  @Test
  void aClientWithInlineFilesTurnedOffWritesChunks() throws Exception {
    GodfsClient chunksOnly = cluster.client(ClientSettings.DEFAULTS.withInlineMaxBytes(0));
    DfsPath path = DfsPath.of("/chunked-small.bin");

    try (DfsOutput out = chunksOnly.create(path, false)) {
      out.write(Payload.bytes(12, 100));
    }

    assertThat(fs.stat(path).inline()).isFalse();
    assertThat(fs.stat(path).chunkCount()).isEqualTo(1);
    assertThat(read(path)).isEqualTo(Payload.bytes(12, 100));
  }

  private static void write(DfsPath path, byte[] content) throws Exception {
    try (DfsOutput out = fs.create(path, true)) {
      out.write(content);
    }
  }

  private static byte[] read(DfsPath path) throws Exception {
    try (SeekableInput in = fs.open(path)) {
      return in.readAllBytes();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static Set<Path> chunkFiles() {
    return cluster.chunkservers().stream()
        .flatMap(n -> TestCluster.chunkFiles(n).stream())
        .collect(Collectors.toSet());
  }
}
