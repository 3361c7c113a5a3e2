package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single-writer leases on a real cluster: a second writer is refused, a dead writer's file is
 * recovered.
 */
class WriteLeaseIT {
  static final int CHUNK = 1 << 20;
  static final Duration LEASE = Duration.ofSeconds(2);
  @TempDir static Path dir;
  static TestCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new TestCluster(dir, 3, CHUNK, 3, Duration.ofSeconds(30), LEASE);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aSecondWriterIsRefusedWhileTheFirstWritesAndTheLeaseOutlivesTheTimeoutWhileRenewed()
      throws Exception {
    GodfsClient alice = cluster.client();
    GodfsClient bob = cluster.client();
    DfsPath path = DfsPath.of("/shared.log");
    byte[] first = Payload.bytes(1, 1000);
    try (DfsOutput out = alice.create(path, false)) {
      out.write(first);
      out.sync();

      assertThatThrownBy(() -> bob.openForWriteAt(path, 0))
          .isInstanceOfSatisfying(
              DfsException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BUSY);
                assertThat(e.getMessage())
                    .contains("/shared.log is being written by another client");
              });
      assertThatThrownBy(() -> bob.create(path, true))
          .isInstanceOfSatisfying(
              DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));
      assertThat(read(bob, path)).as("synced bytes are visible to readers").isEqualTo(first);

      // Renewals keep the lease through more than two timeouts of writing.
      long until = System.nanoTime() + 2 * LEASE.toNanos() + 500_000_000L;
      int round = 0;
      while (System.nanoTime() < until) {
        out.write(first, 0, 10);
        out.sync();
        round++;
        assertThatThrownBy(() -> bob.openForWriteAt(path, 0)).isInstanceOf(DfsException.class);
      }
      assertThat(round).isPositive();
    }
    try (DfsOutput out = bob.openForWriteAt(path, 0)) {
      out.write(new byte[] {42});
    }
    assertThat(read(bob, path)[0]).isEqualTo((byte) 42);
  }

  @Test
  void aDeadWritersFileIsRecoveredWithTheChunksItsReplicasFinished() throws Exception {
    GodfsClient doomed = cluster.client();
    DfsPath path = DfsPath.of("/abandoned.bin");
    byte[] data = Payload.bytes(2, 2 * CHUNK + 100);
    DfsOutput out = doomed.create(path, false);
    out.write(data); // two full chunks go to their replicas' fsync; the tail stays in the stream
    // Both full chunks are committed on every replica (the master has not been told yet).
    Waits.until(
        Duration.ofSeconds(20),
        "every replica to commit both full chunks",
        () ->
            cluster.chunkservers().stream()
                .allMatch(
                    node ->
                        node.store().list().stream().filter(c -> c.length() == CHUNK).count()
                            >= 2));
    assertThat(cluster.client().stat(path).length()).isZero();

    doomed.close(); // the writer dies: no close of the stream, no more renewals

    GodfsClient next = cluster.client();
    Waits.until(
        Duration.ofSeconds(20), "lease recovery to release " + path, () -> canOpen(next, path));
    assertThat(next.stat(path).length()).isEqualTo(2L * CHUNK);
    assertThat(read(next, path)).isEqualTo(Arrays.copyOf(data, 2 * CHUNK));
  }

  private static boolean canOpen(GodfsClient client, DfsPath path) {
    try {
      client.openForWriteAt(path, 0).close();
      return true;
    } catch (DfsException e) {
      if (e.code() != ErrorCode.BUSY) {
        throw e;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(GodfsClient client, DfsPath path) throws Exception {
    try (SeekableInput in = client.open(path)) {
      return in.readAllBytes();
    }
  }
}
