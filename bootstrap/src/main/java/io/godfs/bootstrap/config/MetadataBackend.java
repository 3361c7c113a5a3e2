package io.godfs.bootstrap.config;

import java.util.Objects;

/**
 * Where a master keeps its namespace. The wiring chooses the store with an exhaustive {@code
 * switch}: a new backend is a compile error there, and nowhere else
 * (docs/adr/0019-one-configuration.md).
 */
public sealed interface MetadataBackend {
  /** In this process's memory: lost when it stops (the {@code dev} default). */
  record Memory() implements MetadataBackend {}

  /** Replicated by a Ratis group of masters, kept in its log and snapshots (docs/adr/0011). */
  record Ratis(RaftConfig raft) implements MetadataBackend {
    public Ratis {
      Objects.requireNonNull(raft, "raft");
    }
  }
}
