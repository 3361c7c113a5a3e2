package io.godfs.adapters.telemetry;

import io.godfs.application.port.out.MountMeter;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A FUSE mount's families: {@code godfs_fuse_operations_total{op,result}}, {@code
 * godfs_fuse_operation_seconds{op}} (the gRPC latency buckets), and, read at scrape time from the
 * mount's figures, {@code godfs_fuse_dirty_bytes} and {@code godfs_fuse_open_files}. {@code op} is
 * the FUSE callback's name, {@code result} {@code ok} or an errno's name: both bounded sets.
 */
final class MountMetrics implements MountMeter {
  private final Counter operations;
  private final Histogram seconds;
  private final Map<String, PerOperation> byCallback = new ConcurrentHashMap<>();
  private volatile Supplier<Figures> figures;

  MountMetrics(PrometheusRegistry registry) {
    operations =
        Counter.builder()
            .name("godfs_fuse_operations_total")
            .help("FUSE callbacks answered, by callback and result (ok or the errno returned)")
            .labelNames("op", "result")
            .register(registry);
    seconds =
        Histogram.builder()
            .name("godfs_fuse_operation_seconds")
            .help("time a FUSE callback took, from its call to its answer")
            .labelNames("op")
            .classicOnly()
            .classicUpperBounds(RpcMetrics.LATENCY_BUCKETS)
            .register(registry);
    gauge(
        registry,
        "godfs_fuse_dirty_bytes",
        "bytes programs wrote that are buffered, not yet sent to goDFS",
        Figures::dirtyBytes);
    gauge(registry, "godfs_fuse_open_files", "file handles open in the mount", Figures::openFiles);
  }

  /** A gauge read from the figures at each scrape; none while no figures are watched. */
  private void gauge(
      PrometheusRegistry registry, String name, String help, ToLongFunction<Figures> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(
            callback -> {
              Supplier<Figures> source = figures;
              if (source != null) {
                callback.call(value.applyAsLong(source.get()));
              }
            })
        .register(registry);
  }

  @Override
  public OperationMeter operation(String callback) {
    return byCallback.computeIfAbsent(callback, PerOperation::new);
  }

  @Override
  public void watch(Supplier<Figures> source) {
    figures = Objects.requireNonNull(source, "source");
  }

  /** Data points resolved once per callback; the result's counter once per result seen. */
  private final class PerOperation implements OperationMeter {
    private final String op;
    private final CounterDataPoint ok;
    private final DistributionDataPoint time;
    private final Map<String, CounterDataPoint> failed = new ConcurrentHashMap<>();

    PerOperation(String op) {
      this.op = op;
      this.ok = operations.labelValues(op, OK);
      this.time = seconds.labelValues(op);
    }

    @Override
    public void ended(String result, long nanos) {
      (OK.equals(result) ? ok : failed.computeIfAbsent(result, r -> operations.labelValues(op, r)))
          .inc();
      time.observe(nanos / 1e9);
    }
  }
}
