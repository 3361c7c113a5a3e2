package io.godfs.application.fake;

import io.godfs.application.port.out.HealingMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link HealingMeter} that keeps what it was told, for tests. */
public final class RecordingHealingMeter implements HealingMeter {
  public final List<Action> ordered = new ArrayList<>();
  public final AtomicLong copiedBytes = new AtomicLong();

  @Override
  public synchronized void ordered(Action action) {
    ordered.add(action);
  }

  @Override
  public void copied(long bytes) {
    copiedBytes.addAndGet(bytes);
  }

  public synchronized List<Action> ordered() {
    return List.copyOf(ordered);
  }
}
