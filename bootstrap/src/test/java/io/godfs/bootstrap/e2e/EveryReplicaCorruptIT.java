package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.application.port.in.ChunkReport;
import io.godfs.application.port.in.DfsIOException;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every replica of one chunk of a file is corrupt on disk (bit rot on all three): no reader may get
 * bytes of it, only an error, whether it reads the replicas' files (short-circuit) or over gRPC,
 * and fsck names the chunk and its corrupt replicas. The file's other chunks still read.
 */
class EveryReplicaCorruptIT {
  static final int CHUNK = 1 << 20;
  static final long SEED = 21;
  static final long LENGTH = 3L * CHUNK + 1234; // 4 chunks
  static final int BAD_CHUNK = 1;
  static final long BAD_OFFSET_IN_CHUNK = 300_000;
  static final long FIRST_BAD_BYTE =
      (long) BAD_CHUNK * CHUNK + ChunkLayout.blockStart(BAD_OFFSET_IN_CHUNK);
  static final Duration WAIT = Duration.ofSeconds(30);
  static final DfsPath PATH = DfsPath.of("/rot/data.bin");
  @TempDir Path dir;
  TestCluster cluster;
  LocatedChunk bad;

  @BeforeEach
  void writeAndCorrupt() throws IOException {
    cluster = new TestCluster(dir.resolve("cluster"), 3, CHUNK, 3);
    GodfsClient fs = cluster.client();
    fs.mkdir(PATH.parent(), true);
    try (OutputStream out = fs.create(PATH, false)) {
      Payload.write(out, SEED, LENGTH, 1 << 20);
    }
    bad = cluster.locate(PATH).get(BAD_CHUNK);
    ReplicaFiles.corruptEvery(dir.resolve("cluster"), bad.chunkId(), BAD_OFFSET_IN_CHUNK, 3);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aShortCircuitReaderGetsAnErrorNeverTheCorruptBytes() throws Exception {
    assertReadFailsAtTheCorruptChunk(cluster.client());
    assertRangedReadOfTheCorruptBlockFails(cluster.client());
    assertOtherChunksStillRead(cluster.client());
  }

  @Test
  void aReaderOverGrpcGetsAnErrorNeverTheCorruptBytes() throws Exception {
    assertReadFailsAtTheCorruptChunk(cluster.networkClient());
    assertRangedReadOfTheCorruptBlockFails(cluster.networkClient());
    assertOtherChunksStillRead(cluster.networkClient());
  }

  @Test
  void fsckReportsTheChunkMissingWithItsCorruptReplicasAndFails() throws Exception {
    // A reader finds the damage and reports it. The master may verify a report before believing it
    // (so wait, bounded); a replica reported corrupt is deleted only once three good copies exist
    // without it, so all three stay listed, and no good copy is left.
    assertReadFailsAtTheCorruptChunk(cluster.networkClient());
    try (ChannelPool channels = cluster.channels()) {
      GrpcAdminClient admin =
          new GrpcAdminClient(cluster.masterAddress(), channels, Duration.ofSeconds(10));
      Waits.until(
          WAIT,
          "fsck to see no good copy of " + bad.chunkId() + " and all three corrupt",
          () -> {
            ChunkReport c = admin.fsck(PATH).orThrow().files().getFirst().chunks().get(BAD_CHUNK);
            return c.good().isEmpty() && c.corrupt().size() == 3;
          });
    }
    Launcher.Run fsck =
        Launcher.run(
            dir, cluster.masterAddress(), cluster.clientEnvironment(), "admin", "fsck", "/");
    assertThat(fsck.code()).as(fsck.out() + fsck.err()).isEqualTo(1);
    assertThat(fsck.out())
        .contains(PATH + "  " + LENGTH + " bytes, 4 chunks, replication 3: PROBLEMS")
        .containsPattern(
            "chunk "
                + BAD_CHUNK
                + " "
                + bad.chunkId()
                + " .*: "
                + ChunkReport.Status.MISSING
                + ", 0 of 3 good \\[\\], corrupt on \\[chunk-1,chunk-2,chunk-3\\]")
        .contains("3 healthy")
        .contains("1 missing")
        .contains("Status: CORRUPT");
  }

  /**
   * Reads the whole file: the bytes before the damage are right, then an IOException; never a wrong
   * byte. The first reader to meet the damage tries every replica itself, so it knows the data is
   * corrupt (a later one may only hear from the master that no replica is left to read).
   */
  private static void assertReadFailsAtTheCorruptChunk(GodfsClient fs) {
    long pos = 0;
    IOException failure = null;
    byte[] buf = new byte[64 * 1024];
    try (SeekableInput in = fs.open(PATH)) {
      int n;
      while ((n = in.read(buf, 0, buf.length)) > 0) {
        for (int k = 0; k < n; k++) {
          if (buf[k] != Payload.at(SEED, pos + k)) {
            throw new AssertionError("wrong byte at offset " + (pos + k) + " of " + PATH);
          }
        }
        pos += n;
      }
    } catch (IOException e) {
      failure = e;
    }
    assertThat(failure)
        .as("reading %s past its corrupt chunk (read %d bytes)", PATH, pos)
        .isInstanceOfSatisfying(
            DfsIOException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.CORRUPT));
    assertThat(failure.getMessage()).contains("chunk " + BAD_CHUNK).contains(PATH.toString());
    assertThat(pos).as("bytes returned before the error").isLessThanOrEqualTo(FIRST_BAD_BYTE);
  }

  /** A read of a few bytes around the flipped one (a partial block read) fails too. */
  private static void assertRangedReadOfTheCorruptBlockFails(GodfsClient fs) throws IOException {
    long at = (long) BAD_CHUNK * CHUNK + BAD_OFFSET_IN_CHUNK - 10;
    try (SeekableInput in = fs.open(PATH)) {
      in.seek(at);
      byte[] buf = new byte[20];
      IOException failure = null;
      int n = 0;
      try {
        n = in.read(buf, 0, buf.length);
      } catch (IOException e) {
        failure = e;
      }
      assertThat(failure).as("a 20-byte read at %d returned %d bytes", at, n).isNotNull();
    }
  }

  private static void assertOtherChunksStillRead(GodfsClient fs) throws IOException {
    try (SeekableInput in = fs.open(PATH)) {
      for (int chunk : new int[] {0, 2, 3}) {
        long start = (long) chunk * CHUNK;
        in.seek(start);
        assertThat(
                Payload.firstMismatch(
                    new Bounded(in, Math.min(CHUNK, LENGTH - start)),
                    SEED,
                    start,
                    Math.min(CHUNK, LENGTH - start)))
            .as("chunk " + chunk)
            .isEqualTo(-1);
      }
    }
  }

  /** At most {@code left} bytes of {@code in}. */
  private static final class Bounded extends InputStream {
    private final SeekableInput in;
    private long left;

    Bounded(SeekableInput in, long left) {
      this.in = in;
      this.left = left;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
