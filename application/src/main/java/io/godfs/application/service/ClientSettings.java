package io.godfs.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Client-side knobs. {@code maxPiecesInFlight} bounds unacknowledged 1 MiB pieces per write
 * stream (memory and back-pressure); {@code ackTimeout} bounds every wait on a pipeline;
 * {@code localReads} lets a client read replicas on its own machine straight from their files
 * (short-circuit reads, verified by the same CRCs).
 */
public record ClientSettings(int maxPiecesInFlight, Duration ackTimeout, boolean localReads) {
  public static final ClientSettings DEFAULTS = new ClientSettings(16, Duration.ofSeconds(60), true);

  public ClientSettings {
    if (maxPiecesInFlight < 1 || maxPiecesInFlight > 256) {
      throw new IllegalArgumentException("maxPiecesInFlight : " + maxPiecesInFlight + " (expected: 1-256)");
    }
    Objects.requireNonNull(ackTimeout, "ackTimeout");
  }

  public ClientSettings withLocalReads(boolean enabled) {
    return new ClientSettings(maxPiecesInFlight, ackTimeout, enabled);
  }
}
