package io.godfs.adapters.grpc;

import io.godfs.application.port.out.RpcMeter;
import io.grpc.ClientInterceptor;
import io.opentelemetry.api.OpenTelemetry;

/**
 * The client half of the gRPC telemetry interceptors, for {@code godfs bench-observability}'s
 * per-call microbenchmark only: {@link ChannelPool} builds them behind its Netty channels, where
 * their cost cannot be told from the transport's. This class lives in the benchmarks jar, in the
 * adapter's package so that the interceptors stay package-private in the server.
 */
public final class BenchInterceptors {
  private BenchInterceptors() {}

  /** What every {@link ChannelPool} channel records into {@code meter}. */
  public static ClientInterceptor clientMetering(RpcMeter meter) {
    return new RpcClientMetering(meter);
  }

  /** The span per call every {@link ChannelPool} channel starts ({@code noop}: tracing off). */
  public static ClientInterceptor clientTracing(OpenTelemetry tracing) {
    return new RpcClientTracing(tracing);
  }
}
