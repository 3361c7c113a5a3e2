package io.godfs.domain.node;

/** What the master believes about a chunkserver, from its heartbeats. */
public enum NodeHealth {
  /** Heartbeat seen within the dead-after timeout: may be given new replicas and serve reads. */
  LIVE,
  /** No heartbeat within the timeout: never chosen for placement, never handed to readers. */
  DEAD
}
