package io.godfs.application.service;

import io.godfs.domain.chunk.ChunkLayout;
import java.time.Duration;
import java.util.Objects;

/** The master's policy knobs, already validated by bootstrap's config loading. */
public record MasterSettings(long defaultChunkSize, int defaultReplication, Duration deadAfter, Duration heartbeatInterval) {
  public MasterSettings {
    String problem = ChunkLayout.chunkSizeProblem(defaultChunkSize);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (defaultReplication < 1 || defaultReplication > 16) {
      throw new IllegalArgumentException("replication : " + defaultReplication + " (expected: 1-16)");
    }
    Objects.requireNonNull(deadAfter, "deadAfter");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    if (!deadAfter.isPositive() || !heartbeatInterval.isPositive()) {
      throw new IllegalArgumentException("deadAfter and heartbeatInterval must be > 0");
    }
  }
}
