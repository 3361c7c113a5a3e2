package io.godfs.adapters.telemetry;

import io.godfs.application.port.out.RpcMeter;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seed's gRPC families (go-grpc-prometheus' names): {@code grpc_server_started_total}, {@code
 * grpc_server_handled_total}, {@code grpc_server_msg_received_total}, {@code
 * grpc_server_msg_sent_total} and {@code grpc_server_handling_seconds}, and the same with {@code
 * grpc_client_}. Labels {@code grpc_service}, {@code grpc_method}, {@code grpc_type}, and {@code
 * grpc_code} on the handled count.
 */
final class RpcMetrics implements RpcMeter {
  /** Seconds; a stream of a 64 MiB chunk takes seconds, a lookup a fraction of a millisecond. */
  static final double[] LATENCY_BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
  };

  private final Map<Side, Families> families = new EnumMap<>(Side.class);

  RpcMetrics(PrometheusRegistry registry) {
    families.put(Side.SERVER, new Families("grpc_server_", registry));
    families.put(Side.CLIENT, new Families("grpc_client_", registry));
  }

  @Override
  public MethodMeter method(Side side, String service, String method, String kind) {
    return families.get(side).method(service, method, kind);
  }

  /** One side's families, and the meters made of them per method. */
  private static final class Families {
    private final Counter started;
    private final Counter handled;
    private final Counter received;
    private final Counter sent;
    private final Histogram seconds;
    private final Map<String, PerMethod> methods = new ConcurrentHashMap<>();

    Families(String prefix, PrometheusRegistry registry) {
      String[] labels = {"grpc_service", "grpc_method", "grpc_type"};
      String who = prefix.startsWith("grpc_server") ? "served" : "made";
      started =
          Counter.builder()
              .name(prefix + "started_total")
              .help("RPCs " + who + " that started")
              .labelNames(labels)
              .register(registry);
      handled =
          Counter.builder()
              .name(prefix + "handled_total")
              .help("RPCs " + who + " that ended, by status code")
              .labelNames("grpc_service", "grpc_method", "grpc_type", "grpc_code")
              .register(registry);
      received =
          Counter.builder()
              .name(prefix + "msg_received_total")
              .help("messages received in RPCs " + who)
              .labelNames(labels)
              .register(registry);
      sent =
          Counter.builder()
              .name(prefix + "msg_sent_total")
              .help("messages sent in RPCs " + who)
              .labelNames(labels)
              .register(registry);
      seconds =
          Histogram.builder()
              .name(prefix + "handling_seconds")
              .help("time from an RPC's start to its end (a stream's: the whole stream)")
              .labelNames(labels)
              .classicOnly()
              .classicUpperBounds(LATENCY_BUCKETS)
              .register(registry);
    }

    MethodMeter method(String service, String method, String kind) {
      return methods.computeIfAbsent(
          service + '/' + method + '/' + kind, k -> new PerMethod(this, service, method, kind));
    }
  }

  /** Data points resolved once per method; the code's counter once per code seen. */
  private static final class PerMethod implements MethodMeter {
    private final Families families;
    private final String[] labels;
    private final CounterDataPoint started;
    private final CounterDataPoint received;
    private final CounterDataPoint sent;
    private final DistributionDataPoint seconds;
    private final Map<String, CounterDataPoint> handled = new ConcurrentHashMap<>();

    PerMethod(Families families, String service, String method, String kind) {
      this.families = families;
      this.labels = new String[] {service, method, kind};
      this.started = families.started.labelValues(labels);
      this.received = families.received.labelValues(labels);
      this.sent = families.sent.labelValues(labels);
      this.seconds = families.seconds.labelValues(labels);
    }

    @Override
    public void started() {
      started.inc();
    }

    @Override
    public void received() {
      received.inc();
    }

    @Override
    public void sent() {
      sent.inc();
    }

    @Override
    public void ended(String code, long nanos) {
      handled
          .computeIfAbsent(
              code, c -> families.handled.labelValues(labels[0], labels[1], labels[2], c))
          .inc();
      seconds.observe(nanos / 1e9);
    }
  }
}
