package io.godfs.adapters.metadataratis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.fake.RecordingMetadataMeter;
import io.godfs.metadata.v1.BatchResult;
import io.godfs.metadata.v1.CommandResult;
import io.godfs.metadata.v1.LogBatch;
import io.godfs.metadata.v1.LogEntry;
import io.godfs.metadata.v1.RequestId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Mutations queued while a batch is in flight share the next log entry, each getting its own
 * result.
 */
class GroupCommitTest {
  private static LogEntry entry(long n) {
    return LogEntry.newBuilder()
        .setRequest(RequestId.newBuilder().setClient("c").setSequence(n))
        .build();
  }

  /** Answers each entry with its own sequence number, so results can be matched to callers. */
  private static BatchResult echo(LogBatch batch) {
    BatchResult.Builder b = BatchResult.newBuilder();
    batch
        .getEntriesList()
        .forEach(
            e ->
                b.addResults(
                    CommandResult.newBuilder().setLongValue(e.getRequest().getSequence())));
    return b.build();
  }

  @Test
  void callersWaitingBehindAFullPipelineShareOneLogEntry() throws Exception {
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    try (GroupCommit commit =
        new GroupCommit(
            "test",
            batch -> {
              batchSizes.add(batch.getEntriesCount());
              // Each batch takes 50 ms to "replicate": the pipeline fills and the rest queue up
              // behind it.
              CompletableFuture<BatchResult> reply = new CompletableFuture<>();
              CompletableFuture.runAsync(
                      () -> {}, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS))
                  .thenRun(() -> reply.complete(echo(batch)));
              return reply;
            })) {
      List<CompletableFuture<CommandResult>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(commit.add(entry(i)));
      }
      for (int i = 0; i < 200; i++) {
        assertThat(results.get(i).get(10, TimeUnit.SECONDS).getLongValue()).isEqualTo(i);
      }
    }
    assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
    assertThat(batchSizes.size()).as("log entries for 200 queued mutations").isLessThan(200);
    assertThat(batchSizes.stream().mapToInt(Integer::intValue).max().orElseThrow())
        .isGreaterThan(1);
  }

  @Test
  void eachBatchSizeIsRecordedAsItGoesOut() throws Exception {
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    RecordingMetadataMeter meter = new RecordingMetadataMeter();
    try (GroupCommit commit =
        new GroupCommit(
            "test",
            batch -> {
              batchSizes.add(batch.getEntriesCount());
              CompletableFuture<BatchResult> reply = new CompletableFuture<>();
              CompletableFuture.runAsync(
                      () -> {}, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))
                  .thenRun(() -> reply.complete(echo(batch)));
              return reply;
            },
            meter)) {
      List<CompletableFuture<CommandResult>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        results.add(commit.add(entry(i)));
      }
      for (CompletableFuture<CommandResult> r : results) {
        r.get(10, TimeUnit.SECONDS);
      }
    }
    assertThat(meter.batches()).isEqualTo(batchSizes);
    assertThat(meter.batches().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
    assertThat(meter.batches()).anySatisfy(size -> assertThat(size).isGreaterThan(1));
  }

  /** Long enough that a test sees who waited for company: nothing else takes seconds here. */
  private static final long LONG_LINGER = TimeUnit.SECONDS.toNanos(20);

  @Test
  void underLoadTheBatchAfterABusyOneWaitsForCompanyUntilItIsFull() throws Exception {
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> firstSent = new CompletableFuture<>();
    CompletableFuture<Void> firstReplicated = new CompletableFuture<>();
    try (GroupCommit commit =
        new GroupCommit(
            "test",
            batch -> {
              batchSizes.add(batch.getEntriesCount());
              firstSent.complete(null);
              // The first batch waits for the test, so the next one is large: the store is busy.
              return batchSizes.size() == 1
                  ? firstReplicated.thenApply(v -> echo(batch))
                  : CompletableFuture.completedFuture(echo(batch));
            },
            LONG_LINGER)) {
      List<CompletableFuture<CommandResult>> busy = new ArrayList<>();
      busy.add(commit.add(entry(0)));
      firstSent.get(10, TimeUnit.SECONDS);
      for (int i = 1; i <= GroupCommit.BUSY; i++) {
        busy.add(commit.add(entry(i)));
      }
      firstReplicated.complete(null);
      for (CompletableFuture<CommandResult> r : busy) {
        r.get(10, TimeUnit.SECONDS);
      }
      assertThat(batchSizes).containsExactly(1, GroupCommit.BUSY);

      // The next caller is held for company rather than sent alone...
      CompletableFuture<CommandResult> early = commit.add(entry(100));
      assertThatThrownBy(() -> early.get(200, TimeUnit.MILLISECONDS))
          .isInstanceOf(TimeoutException.class);
      // ...and goes out with the others once the batch is full.
      List<CompletableFuture<CommandResult>> later = new ArrayList<>();
      for (int i = 101; i < 100 + GroupCommit.FULL; i++) {
        later.add(commit.add(entry(i)));
      }
      assertThat(early.get(10, TimeUnit.SECONDS).getLongValue()).isEqualTo(100);
      for (int i = 0; i < later.size(); i++) {
        assertThat(later.get(i).get(10, TimeUnit.SECONDS).getLongValue()).isEqualTo(101 + i);
      }
    }
    assertThat(batchSizes).containsExactly(1, GroupCommit.BUSY, GroupCommit.FULL);
  }

  @Test
  void aLoneCallerOrAFewNeverWaitForCompany() throws Exception {
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    try (GroupCommit commit =
        new GroupCommit(
            "test",
            batch -> {
              batchSizes.add(batch.getEntriesCount());
              return CompletableFuture.completedFuture(echo(batch));
            },
            LONG_LINGER)) {
      // Each would take the whole (20 s) wait if a small store waited for company.
      for (int i = 0; i < 50; i++) {
        assertThat(commit.add(entry(i)).get(10, TimeUnit.SECONDS).getLongValue()).isEqualTo(i);
      }
      List<CompletableFuture<CommandResult>> few = new ArrayList<>();
      for (int i = 0; i < GroupCommit.BUSY - 1; i++) {
        few.add(commit.add(entry(i)));
      }
      for (CompletableFuture<CommandResult> r : few) {
        r.get(10, TimeUnit.SECONDS);
      }
    }
    assertThat(batchSizes.stream().mapToInt(Integer::intValue).max().orElseThrow())
        .isLessThan(GroupCommit.BUSY);
  }

  @Test
  void aFailedBatchFailsEachOfItsCallers() {
    try (GroupCommit commit =
        new GroupCommit(
            "test",
            batch -> CompletableFuture.failedFuture(new IllegalStateException("no quorum")))) {
      CompletableFuture<CommandResult> result = commit.add(entry(1));
      assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("no quorum");
    }
  }
}
