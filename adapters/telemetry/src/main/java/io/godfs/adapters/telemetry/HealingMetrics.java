package io.godfs.adapters.telemetry;

import io.godfs.application.port.out.HealingMeter;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a master's healing loop orders (ADR 0023): {@code godfs_maint_rebalance_actions_total{type}}
 * with one {@code type} per {@link HealingMeter.Action} ({@code replicate}, {@code move}, {@code
 * trim}, {@code delete_stale}, {@code delete_corrupt}, {@code delete_orphan}, {@code
 * decommission}), each present from the start at 0, and {@code godfs_heal_copied_bytes_total}, the
 * bytes of the ordered copies that arrived (its {@code rate()} is the repair rate).
 */
final class HealingMetrics implements HealingMeter {
  static final String ACTIONS = "godfs_maint_rebalance_actions_total";
  static final String COPIED_BYTES = "godfs_heal_copied_bytes_total";

  private final Map<Action, CounterDataPoint> actions = new EnumMap<>(Action.class);
  private final Counter copiedBytes;

  HealingMetrics(PrometheusRegistry registry) {
    Counter ordered =
        Counter.builder()
            .name(ACTIONS)
            .help("healing orders of the leader's healing loop, by type")
            .labelNames("type")
            .register(registry);
    for (Action action : Action.values()) {
      actions.put(action, ordered.labelValues(type(action)));
    }
    copiedBytes =
        Counter.builder()
            .name(COPIED_BYTES)
            .help("bytes of the replica copies the healing loop ordered that arrived")
            .register(registry);
  }

  /** The {@code type} label of an action: its name in lower case. */
  static String type(Action action) {
    return action.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void ordered(Action action) {
    actions.get(action).inc();
  }

  @Override
  public void copied(long bytes) {
    copiedBytes.inc(bytes);
  }
}
