package io.godfs.adapters.metadataratis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;

/** Mutations queued while a batch is in flight share the next log entry, each getting its own result. */
class GroupCommitTest {
  private static LogEntry entry(long n) {
    return LogEntry.newBuilder().setRequest(RequestId.newBuilder().setClient("c").setSequence(n)).build();
  }

  /** Answers each entry with its own sequence number, so results can be matched to callers. */
  private static BatchResult echo(LogBatch batch) {
    BatchResult.Builder b = BatchResult.newBuilder();
    batch.getEntriesList().forEach(e -> b.addResults(CommandResult.newBuilder().setLongValue(e.getRequest().getSequence())));
    return b.build();
  }

  @Test
  void callersWaitingBehindAFullPipelineShareOneLogEntry() throws Exception {
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    try (GroupCommit commit = new GroupCommit("test", batch -> {
      batchSizes.add(batch.getEntriesCount());
      // Each batch takes 50 ms to "replicate": the pipeline fills and the rest queue up behind it.
      CompletableFuture<BatchResult> reply = new CompletableFuture<>();
      CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS))
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
    assertThat(batchSizes.stream().mapToInt(Integer::intValue).max().orElseThrow()).isGreaterThan(1);
  }

  @Test
  void aFailedBatchFailsEachOfItsCallers() {
    try (GroupCommit commit = new GroupCommit("test",
        batch -> CompletableFuture.failedFuture(new IllegalStateException("no quorum")))) {
      CompletableFuture<CommandResult> result = commit.add(entry(1));
      assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasMessageContaining("no quorum");
    }
  }
}
