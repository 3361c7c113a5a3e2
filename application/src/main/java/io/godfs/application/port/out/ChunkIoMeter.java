package io.godfs.application.port.out;

/**
 * Counts and times what a chunkserver does with chunk bytes (ADR 0023): the {@code
 * godfs_chunkserver_*}, {@code godfs_pipeline_hop_seconds}, {@code godfs_scrub_*} and {@code
 * godfs_shortcircuit_opens_total} families. Called on the data path, once per 1 MiB message at
 * most: an implementation costs a counter add per call and looks no label up (a hop's series is
 * found by index). Durations are measured by the caller with the monotonic source it was given.
 */
public interface ChunkIoMeter {
  /** Records nothing: a chunkserver that keeps no metrics (tests, no listener). */
  ChunkIoMeter NONE = new ChunkIoMeter() {};

  /** How a read or a write ended. */
  enum Result {
    /** Served to its end, or committed on this replica. */
    OK,
    /** Refused, failed or cut short. */
    ERROR
  }

  /** {@code bytes} of a replica went out to a reader (one message). */
  default void read(long bytes) {}

  /** {@code bytes} of a pipelined write were written to this replica (one message). */
  default void written(long bytes) {}

  /** A read of a replica ended. */
  default void readEnded(Result result) {}

  /** A pipelined write through this replica ended. */
  default void writeEnded(Result result) {}

  /**
   * A message of a pipelined write took {@code nanos} from its arrival at this node, {@code hop} (0
   * = the primary), to the ack this node sent up for it (its own write and every ack from below).
   */
  default void hop(int hop, long nanos) {}

  /** A replica's bytes were made durable in {@code nanos} (the fsync at a write's finish). */
  default void fsync(long nanos) {}

  /** The scrubber read and checked {@code bytes} against their CRC32Cs. */
  default void scrubbed(long bytes) {}

  /** The scrubber found a replica corrupt (or unreadable). */
  default void corruptFound() {}

  /**
   * The scrubber's place in its pass: {@code done} of the {@code total} replicas it began with are
   * checked.
   */
  default void scrubProgress(long done, long total) {}

  /** The scrubber finished a pass over every replica. */
  default void scrubPassEnded() {}

  /** A client on this machine was handed a replica's file to read directly (short-circuit). */
  default void shortCircuitOpened() {}
}
