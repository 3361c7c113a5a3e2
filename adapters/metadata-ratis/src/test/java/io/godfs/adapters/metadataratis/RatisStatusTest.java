package io.godfs.adapters.metadataratis;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.fake.RecordingMetadataMeter;
import io.godfs.application.port.out.RaftStatus;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceFigures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Ratis master reports of its log and group (ADR 0023), on a real group of three: the
 * applied index follows the mutations, a snapshot shows with its index and size, the group has
 * three voters; the commits are metered; and the namespace's counts survive a restart of every
 * master from a snapshot and the log after it.
 */
class RatisStatusTest {
  private static final Duration ELECTION = Duration.ofSeconds(20);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final LeaseHolder.Client W = LeaseHolder.client("w");
  @TempDir Path dir;
  private RatisGroup group;

  @AfterEach
  void closeGroup() {
    if (group != null) {
      group.close();
    }
  }

  private static DfsPath p(String s) {
    return DfsPath.of(s);
  }

  @Test
  void theStatusFollowsTheLogTheSnapshotAndTheGroup() {
    RecordingMetadataMeter meter = new RecordingMetadataMeter();
    group = new RatisGroup(3, dir, UnaryOperator.identity(), meter);
    int leader = group.awaitServingLeader(ELECTION);
    RatisMetadataStore store = group.store(leader);
    RaftStatus before = store.leadership().status();
    assertThat(before.voters()).isEqualTo(3);
    assertThat(before.servers()).isEqualTo(3);
    assertThat(before.snapshotIndex()).isZero();
    assertThat(before.snapshotBytes()).isZero();
    assertThat(before.logBytes()).as("the log holds at least the first configuration").isPositive();

    for (int i = 0; i < 10; i++) {
      store
          .execute(new NamespaceCommand.Mkdir(p("/d" + i), false, T0), Callers.ANONYMOUS)
          .orThrow();
    }
    RaftStatus after = store.leadership().status();
    assertThat(after.appliedIndex()).isGreaterThanOrEqualTo(before.appliedIndex() + 10);
    assertThat(after.commitIndex()).isGreaterThanOrEqualTo(after.appliedIndex());
    assertThat(meter.commits()).hasSize(10).allSatisfy(n -> assertThat(n).isPositive());
    assertThat(meter.batches().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);

    long snapshot = store.snapshotNow();
    RaftStatus snapshotted = store.leadership().status();
    assertThat(snapshotted.snapshotIndex()).isEqualTo(snapshot).isPositive();
    assertThat(snapshotted.snapshotBytes()).isPositive();
    for (int i = 0; i < 3; i++) {
      RatisMetadataStore master = group.store(i);
      RatisGroup.await(
          ELECTION,
          "master " + i + " applied the mutations",
          () -> master.leadership().status().appliedIndex() >= after.appliedIndex());
      assertThat(master.leadership().status().voters()).isEqualTo(3);
    }
  }

  @Test
  void theNamespaceCountsSurviveARestartFromASnapshotAndTheLogAfterIt() {
    group = new RatisGroup(3, dir, UnaryOperator.identity());
    int leader = group.awaitServingLeader(ELECTION);
    RatisMetadataStore store = group.store(leader);
    store.execute(new NamespaceCommand.Mkdir(p("/a/b"), true, T0), Callers.ANONYMOUS).orThrow();
    store
        .execute(
            new NamespaceCommand.CreateFile(
                p("/a/small"), false, 3, 1 << 20, LeaseHolder.NONE, new byte[300], T0),
            Callers.ANONYMOUS)
        .orThrow();
    FileId open =
        store
            .execute(
                new NamespaceCommand.CreateFile(p("/a/b/open"), false, 3, 1 << 20, W, T0),
                Callers.ANONYMOUS)
            .orThrow()
            .status()
            .fileId();
    store.snapshotNow();
    // After the snapshot, only in the log: a truncate, a delete, an inline write.
    store
        .execute(
            new NamespaceCommand.Truncate(p("/a/small"), 100, LeaseHolder.NONE, T0),
            Callers.ANONYMOUS)
        .orThrow();
    store.execute(new NamespaceCommand.Mkdir(p("/gone"), false, T0), Callers.ANONYMOUS).orThrow();
    store.execute(new NamespaceCommand.Delete(p("/gone"), false, T0), Callers.ANONYMOUS).orThrow();
    store
        .execute(
            new NamespaceCommand.StoreInline(p("/a/b/open"), open, 0, new byte[20], W, false, T0),
            Callers.ANONYMOUS)
        .orThrow();
    NamespaceFigures expected = new NamespaceFigures(2, 2, 120, 2, 120, 1);
    assertThat(store.namespaceFigures()).isEqualTo(expected);

    for (int i = 0; i < 3; i++) {
      group.stop(i);
    }
    for (int i = 0; i < 3; i++) {
      group.start(i);
    }
    int again = group.awaitServingLeader(ELECTION);
    // A write of the new term commits the old entries everywhere.
    group
        .store(again)
        .execute(new NamespaceCommand.Mkdir(p("/later"), false, T0), Callers.ANONYMOUS)
        .orThrow();
    NamespaceFigures later = new NamespaceFigures(2, 3, 120, 2, 120, 1);
    for (int i = 0; i < 3; i++) {
      RatisMetadataStore master = group.store(i);
      RatisGroup.await(
          ELECTION,
          "master " + i + " counts what the log and snapshot hold",
          () -> master.namespaceFigures().equals(later));
    }
  }
}
