package io.godfs.application.master;

import io.godfs.application.port.in.RepairEvent;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The healing loop's recent actions, newest last, bounded: what an operator (or a test) can watch.
 */
final class RepairLog {
  private static final int CAPACITY = 10_000;
  private final ArrayDeque<RepairEvent> events = new ArrayDeque<>();

  synchronized void add(RepairEvent event) {
    if (events.size() == CAPACITY) {
      events.removeFirst();
    }
    events.addLast(event);
  }

  synchronized List<RepairEvent> recent() {
    return List.copyOf(events);
  }
}
