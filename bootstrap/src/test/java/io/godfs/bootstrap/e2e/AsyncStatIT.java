package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's statAsync against three Ratis masters: many stats in flight from one thread. */
class AsyncStatIT {
  private static final int FILES = 50;
  @TempDir static Path dir;
  static MasterGroup group;
  static GodfsClient client;

  @BeforeAll
  static void start() {
    group = new MasterGroup(dir, 3, 1, 8L << 20);
    client = group.client();
    client.mkdir(DfsPath.of("/async"), false);
    for (int i = 0; i < FILES; i++) {
      client.writeSmallFile(DfsPath.of("/async/f" + i), new byte[i], false);
    }
  }

  @AfterAll
  static void stop() {
    if (group != null) {
      group.close();
    }
  }

  @Test
  void oneThreadKeepsAThousandStatsInFlightAndEachGetsItsOwnFile() throws Exception {
    List<CompletableFuture<FileStatus>> pending = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < FILES; i++) {
        pending.add(client.statAsync(DfsPath.of("/async/f" + i)));
      }
    }
    for (int k = 0; k < pending.size(); k++) {
      FileStatus status = pending.get(k).get(30, TimeUnit.SECONDS);
      assertThat(status.path()).isEqualTo(DfsPath.of("/async/f" + k % FILES));
      assertThat(status.length()).isEqualTo(k % FILES);
      assertThat(status).isEqualTo(client.stat(status.path()));
    }
  }

  @Test
  void aStatAsyncSeesAMutationAcknowledgedBeforeIt() throws Exception {
    // Linearizable as stat: once a rename returned, a stat started after it sees the new name.
    client.writeSmallFile(DfsPath.of("/async/moving"), new byte[7], false);
    client.rename(DfsPath.of("/async/moving"), DfsPath.of("/async/moved"), false);
    assertThat(client.statAsync(DfsPath.of("/async/moved")).get(30, TimeUnit.SECONDS).length())
        .isEqualTo(7);
    assertNotFound(client.statAsync(DfsPath.of("/async/moving")));
  }

  @Test
  void aMissingPathFailsItsFutureWithNotFoundAndAClosedClientRefusesNewCalls() {
    assertNotFound(client.statAsync(DfsPath.of("/async/missing")));
    GodfsClient closed = GodfsClient.connect(group.addresses());
    closed.close();
    assertThatThrownBy(() -> closed.statAsync(DfsPath.of("/async/f1")).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  private static void assertNotFound(CompletableFuture<FileStatus> future) {
    assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }
}
