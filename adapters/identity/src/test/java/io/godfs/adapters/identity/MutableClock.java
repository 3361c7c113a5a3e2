package io.godfs.adapters.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves: tokens expire and keys age without waiting. */
final class MutableClock implements InstantSource {
  private volatile Instant now;

  MutableClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  void advance(Duration by) {
    now = now.plus(by);
  }
}
