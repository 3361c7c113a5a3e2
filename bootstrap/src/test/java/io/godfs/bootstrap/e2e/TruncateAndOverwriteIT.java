package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact overwrite and truncate on a real cluster: no stale tail, cut bytes never come back, holes
 * read as zeros.
 */
class TruncateAndOverwriteIT {
  static final int CHUNK = 1 << 20;
  @TempDir static Path dir;
  static TestCluster cluster;
  static GodfsClient fs;

  @BeforeAll
  static void start() {
    cluster = new TestCluster(dir, 3, CHUNK, 3, Duration.ofSeconds(30));
    fs = cluster.client();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void overwritingWithShorterContentLeavesNoTail() throws Exception {
    DfsPath path = DfsPath.of("/overwrite.bin");
    write(path, Payload.bytes(1, 3 * CHUNK + 100));
    byte[] shorter = Payload.bytes(2, CHUNK / 2);

    write(path, shorter);

    assertThat(fs.stat(path).length()).isEqualTo(shorter.length);
    assertThat(read(path)).isEqualTo(shorter);
  }

  @Test
  void shrinkingDropsBytesAndAppendingAfterwardsNeverResurrectsThem() throws Exception {
    DfsPath path = DfsPath.of("/shrink.bin");
    byte[] original = Payload.bytes(3, 2 * CHUNK + 5000);
    write(path, original);

    assertThat(fs.truncate(path, CHUNK + 300).length()).isEqualTo(CHUNK + 300);
    assertThat(fs.stat(path).chunkCount()).isEqualTo(2);
    assertThat(read(path)).isEqualTo(Arrays.copyOf(original, CHUNK + 300));

    // Write past the new end inside the cut chunk: the gap must read as zeros, not as the old
    // bytes.
    byte[] tail = Payload.bytes(4, 10);
    try (OutputStream out = fs.openForWriteAt(path, CHUNK + 1000)) {
      out.write(tail);
    }
    byte[] expected = Arrays.copyOf(original, CHUNK + 1010);
    Arrays.fill(expected, CHUNK + 300, CHUNK + 1000, (byte) 0);
    System.arraycopy(tail, 0, expected, CHUNK + 1000, 10);
    assertThat(read(path)).isEqualTo(expected);
  }

  @Test
  void growingAddsZerosAndShrinkingToZeroEmptiesTheFile() throws Exception {
    DfsPath path = DfsPath.of("/grow.bin");
    byte[] original = Payload.bytes(5, 700);
    write(path, original);

    fs.truncate(path, 2L * CHUNK + 3);
    assertThat(read(path)).isEqualTo(Arrays.copyOf(original, 2 * CHUNK + 3));

    fs.truncate(path, 0);
    assertThat(fs.stat(path).length()).isZero();
    assertThat(fs.stat(path).chunkCount()).isZero();
    assertThat(read(path)).isEmpty();
  }

  private static void write(DfsPath path, byte[] bytes) throws Exception {
    try (OutputStream out = fs.create(path, true)) {
      out.write(bytes);
    }
  }

  private static byte[] read(DfsPath path) throws Exception {
    try (SeekableInput in = fs.open(path)) {
      return in.readAllBytes();
    }
  }
}
