package io.godfs.application.master;

import io.godfs.application.port.in.ClusterFigures.Census;
import java.time.Instant;

/** The counts one healing round makes while it examines every chunk (not thread-safe). */
final class CensusTally {
  private long chunks;
  private long underReplicated;
  private long missing;
  private long corruptReplicas;
  private long staleReplicas;

  void chunk() {
    chunks++;
  }

  void underReplicated() {
    underReplicated++;
  }

  void missing() {
    missing++;
  }

  void corrupt(int replicas) {
    corruptReplicas += replicas;
  }

  void stale() {
    staleReplicas++;
  }

  Census at(Instant when) {
    return new Census(when, chunks, underReplicated, missing, corruptReplicas, staleReplicas);
  }
}
