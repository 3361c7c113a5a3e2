package io.godfs.application.master;

import io.godfs.application.port.in.RepairEvent;
import io.godfs.application.port.out.HealingMeter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The healing loop's recent actions, newest last, bounded: what an operator (or a test) can watch.
 */
final class RepairLog {
  private static final int CAPACITY = 10_000;
  private final ArrayDeque<RepairEvent> events = new ArrayDeque<>();
  private final HealingMeter meter;

  RepairLog() {
    this(HealingMeter.NONE);
  }

  /** Every order logged is also counted into {@code meter} (ADR 0023). */
  RepairLog(HealingMeter meter) {
    this.meter = meter;
  }

  synchronized void add(RepairEvent event) {
    HealingMeter.Action action =
        switch (event.kind()) {
          case COPY_ORDERED -> HealingMeter.Action.REPLICATE;
          case BALANCE_COPY_ORDERED -> HealingMeter.Action.MOVE;
          case EXCESS_DELETED -> HealingMeter.Action.TRIM;
          case STALE_DELETED -> HealingMeter.Action.DELETE_STALE;
          case CORRUPT_DELETED -> HealingMeter.Action.DELETE_CORRUPT;
          case ORPHAN_DELETED -> HealingMeter.Action.DELETE_ORPHAN;
          case DECOMMISSIONED -> HealingMeter.Action.DECOMMISSION;
          case NODE_PRUNED -> null; // the loop noticed a death: nothing was ordered
        };
    if (action != null) {
      meter.ordered(action);
    }
    if (events.size() == CAPACITY) {
      events.removeFirst();
    }
    events.addLast(event);
  }

  synchronized List<RepairEvent> recent() {
    return List.copyOf(events);
  }

  /** The {@code limit} most recent events, newest first. */
  synchronized List<RepairEvent> newest(int limit) {
    List<RepairEvent> out = new ArrayList<>(Math.min(limit, events.size()));
    Iterator<RepairEvent> it = events.descendingIterator();
    while (out.size() < limit && it.hasNext()) {
      out.add(it.next());
    }
    return List.copyOf(out);
  }
}
