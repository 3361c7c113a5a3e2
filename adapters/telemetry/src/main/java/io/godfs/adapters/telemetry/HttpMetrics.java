package io.godfs.adapters.telemetry;

import io.godfs.application.port.out.HttpMeter;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seed's REST families: {@code godfs_rest_http_requests_total{method,route,status}}, {@code
 * godfs_rest_http_request_duration_seconds{method,route}}, {@code
 * godfs_rest_http_requests_in_flight} and {@code
 * godfs_rest_http_response_bytes_total{method,route}}. Routes are patterns, so the label sets stay
 * as few as the gateway's routes.
 */
final class HttpMetrics implements HttpMeter {
  private final Counter requests;
  private final Histogram seconds;
  private final Gauge inFlight;
  private final Counter bytes;
  private final Map<String, PerRoute> routes = new ConcurrentHashMap<>();

  HttpMetrics(PrometheusRegistry registry) {
    requests =
        Counter.builder()
            .name("godfs_rest_http_requests_total")
            .help("REST requests answered, by method, route pattern and status")
            .labelNames("method", "route", "status")
            .register(registry);
    seconds =
        Histogram.builder()
            .name("godfs_rest_http_request_duration_seconds")
            .help("time from a REST request's arrival to the end of its answer")
            .labelNames("method", "route")
            .classicOnly()
            .classicUpperBounds(RpcMetrics.LATENCY_BUCKETS)
            .register(registry);
    inFlight =
        Gauge.builder()
            .name("godfs_rest_http_requests_in_flight")
            .help("REST requests being served now")
            .register(registry);
    bytes =
        Counter.builder()
            .name("godfs_rest_http_response_bytes")
            .help("bytes of REST answers' bodies, by method and route pattern")
            .labelNames("method", "route")
            .register(registry);
  }

  @Override
  public void started() {
    inFlight.inc();
  }

  @Override
  public void ended(String method, String route, int status, long nanos, long bytesSent) {
    inFlight.dec();
    PerRoute r = routes.computeIfAbsent(method + ' ' + route, k -> new PerRoute(method, route));
    r.status(status).inc();
    r.seconds.observe(nanos / 1e9);
    if (bytesSent > 0) {
      r.bytes.inc(bytesSent);
    }
  }

  /** Data points resolved once per route; the status counter once per status seen. */
  private final class PerRoute {
    private final String method;
    private final String route;
    private final DistributionDataPoint seconds;
    private final CounterDataPoint bytes;
    private final Map<Integer, CounterDataPoint> byStatus = new ConcurrentHashMap<>();

    PerRoute(String method, String route) {
      this.method = method;
      this.route = route;
      this.seconds = HttpMetrics.this.seconds.labelValues(method, route);
      this.bytes = HttpMetrics.this.bytes.labelValues(method, route);
    }

    CounterDataPoint status(int status) {
      return byStatus.computeIfAbsent(
          status, s -> requests.labelValues(method, route, Integer.toString(s)));
    }
  }
}
