package io.godfs.domain.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A chunkserver as the master sees it: soft state rebuilt from registrations and heartbeats. */
public record NodeState(
    NodeId id, NodeAddress address, long capacityBytes, long usedBytes, Instant lastHeartbeat) {
  public NodeState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("capacityBytes : " + capacityBytes + " (expected: >= 0)");
    }
    if (usedBytes < 0) {
      throw new IllegalArgumentException("usedBytes : " + usedBytes + " (expected: >= 0)");
    }
  }

  public NodeHealth health(Instant now, Duration deadAfter) {
    return lastHeartbeat.plus(deadAfter).isBefore(now) ? NodeHealth.DEAD : NodeHealth.LIVE;
  }

  public long freeBytes() {
    return Math.max(0, capacityBytes - usedBytes);
  }

  public NodeState heartbeat(long capacity, long used, Instant at) {
    return new NodeState(id, address, capacity, used, at);
  }
}
