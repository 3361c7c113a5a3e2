package io.godfs.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Client-side knobs. {@code maxPiecesInFlight} bounds unacknowledged 1 MiB pieces per write
 * stream (memory and back-pressure); {@code ackTimeout} bounds every wait on a pipeline.
 */
public record ClientSettings(int maxPiecesInFlight, Duration ackTimeout) {
  public static final ClientSettings DEFAULTS = new ClientSettings(16, Duration.ofSeconds(60));

  public ClientSettings {
    if (maxPiecesInFlight < 1 || maxPiecesInFlight > 256) {
      throw new IllegalArgumentException("maxPiecesInFlight : " + maxPiecesInFlight + " (expected: 1-256)");
    }
    Objects.requireNonNull(ackTimeout, "ackTimeout");
  }
}
