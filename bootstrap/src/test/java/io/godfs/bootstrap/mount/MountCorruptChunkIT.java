package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.bootstrap.e2e.ReplicaFiles;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file with a chunk corrupt on every replica, read through the mount: programs get EIO for the
 * corrupt part, never its bytes; what they got before the error is the file's real beginning, and
 * the intact chunks still read.
 */
class MountCorruptChunkIT {
  static final int CHUNK = 1 << 20;
  static final int SIZE = 3 * CHUNK + 999;
  static final int FLIPPED = 300_000; // offset in chunk 1 of the byte flipped on every replica
  static final long FIRST_BAD_BYTE = CHUNK + ChunkLayout.blockStart(FLIPPED);
  @TempDir Path dir;
  MountCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void readingAChunkCorruptOnEveryReplicaIsEioNeverItsBytes() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 3, CHUNK, 3);
    GodfsClient fs = cluster.client();
    DfsPath path = DfsPath.of("/m/rot.bin");
    fs.mkdir(path.parent(), true);
    byte[] data = new byte[SIZE];
    new Random(16).nextBytes(data);
    try (OutputStream out = fs.create(path, false)) {
      out.write(data);
    }
    ReplicaFiles.corruptEvery(
        dir.resolve("cluster"),
        ReplicaFiles.locate(cluster.channels(), cluster.masterAddress(), path).get(1).chunkId(),
        FLIPPED,
        3);
    Path mnt = cluster.mount("/m").mountpoint();

    // cat, as any program: it fails with EIO, and what it wrote out is a true prefix of the file.
    Path copy = dir.resolve("copy.bin");
    Shell.Result cat =
        Shell.run(
            mnt, Duration.ofSeconds(60), "cat rot.bin > " + copy + " || echo \"cat exit $?\"");
    assertThat(cat.out()).contains("Input/output error").contains("cat exit 1");
    byte[] copied = Files.readAllBytes(copy);
    assertThat(copied.length)
        .as("bytes cat got before the error")
        .isLessThanOrEqualTo((int) FIRST_BAD_BYTE);
    assertThat(copied).isEqualTo(Arrays.copyOf(data, copied.length));

    // Positional reads: inside the corrupt block, EIO; in the intact chunks, their bytes.
    try (FileChannel ch = FileChannel.open(mnt.resolve("rot.bin"), StandardOpenOption.READ)) {
      assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(100), CHUNK + FLIPPED - 50))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("Input/output error");
      for (int chunk : new int[] {0, 2, 3}) {
        int start = chunk * CHUNK;
        int end = Math.min(start + CHUNK, SIZE);
        assertThat(readAt(ch, start, end - start))
            .as("chunk " + chunk)
            .isEqualTo(Arrays.copyOfRange(data, start, end));
      }
    }
  }

  private static byte[] readAt(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (ch.read(buf, position + buf.position()) < 0) {
        break;
      }
    }
    return Arrays.copyOf(buf.array(), buf.position());
  }
}
