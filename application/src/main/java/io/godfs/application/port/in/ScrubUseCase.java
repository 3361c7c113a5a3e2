package io.godfs.application.port.in;

/**
 * A chunkserver's background check of its replicas against their CRC32Cs. The caller drives it at
 * the configured rate by calling {@link #scrub} with a byte budget (e.g. rate x period).
 */
public interface ScrubUseCase {

  /**
   * Verifies up to about {@code budgetBytes} more bytes, continuing the current pass; returns bytes
   * read.
   */
  long scrub(long budgetBytes);

  Stats stats();

  /** Completed or started passes over all replicas, and replicas found corrupt so far. */
  record Stats(long passes, long corruptFound) {}
}
