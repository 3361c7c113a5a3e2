package io.godfs.adapters.telemetry;

import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.domain.error.ErrorCode;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The SDK's families in a process that keeps metrics (a gateway, a mount): {@code
 * godfs_client_written_bytes_total}, {@code godfs_client_read_bytes_total}, {@code
 * godfs_client_operations_total{op,result}} ({@code result}: {@code ok}, an error code's name in
 * lower case, or {@code error} for a failure without one), {@code
 * godfs_client_checksum_failures_total} and {@code godfs_client_replica_failovers_total}.
 */
final class ClientIoMetrics implements ClientIoMeter {
  private static final int OPERATIONS = Operation.values().length;

  /** Results per operation: ok, error (no code), then one per error code. */
  private static final int RESULTS = 2 + ErrorCode.values().length;

  private final Counter written;
  private final Counter read;
  private final Counter operations;
  private final Counter checksumFailures;
  private final Counter failovers;

  /** Data points resolved on first use, at {@code operation * RESULTS + result}. */
  private final AtomicReferenceArray<CounterDataPoint> outcomes =
      new AtomicReferenceArray<>(OPERATIONS * RESULTS);

  ClientIoMetrics(PrometheusRegistry registry) {
    written =
        Counter.builder()
            .name("godfs_client_written_bytes")
            .help("bytes of file content this process's clients sent to goDFS")
            .register(registry);
    read =
        Counter.builder()
            .name("godfs_client_read_bytes")
            .help("bytes of file content this process's clients read from goDFS")
            .register(registry);
    operations =
        Counter.builder()
            .name("godfs_client_operations_total")
            .help(
                "client operations (a stream counts as read or write at its end), by result: ok,"
                    + " a goDFS error code, or error")
            .labelNames("op", "result")
            .register(registry);
    checksumFailures =
        Counter.builder()
            .name("godfs_client_checksum_failures_total")
            .help("pieces a replica served whose bytes did not match their CRC32C")
            .register(registry);
    failovers =
        Counter.builder()
            .name("godfs_client_replica_failovers_total")
            .help("replicas a read or a write gave up on to go on with another or the survivors")
            .register(registry);
  }

  @Override
  public void written(long bytes) {
    written.inc(bytes);
  }

  @Override
  public void read(long bytes) {
    read.inc(bytes);
  }

  @Override
  public void succeeded(Operation operation) {
    outcome(operation, 0, "ok").inc();
  }

  @Override
  public void failed(Operation operation, Optional<ErrorCode> code) {
    if (code.isPresent()) {
      outcome(operation, 2 + code.get().ordinal(), code.get().name().toLowerCase(Locale.ROOT))
          .inc();
    } else {
      outcome(operation, 1, "error").inc();
    }
  }

  private CounterDataPoint outcome(Operation operation, int result, String label) {
    int slot = operation.ordinal() * RESULTS + result;
    CounterDataPoint point = outcomes.get(slot);
    if (point == null) {
      // The registry hands out one data point per label set: a race resolves the same one twice.
      point = operations.labelValues(operation.label(), label);
      outcomes.set(slot, point);
    }
    return point;
  }

  @Override
  public void checksumFailure() {
    checksumFailures.inc();
  }

  @Override
  public void replicaFailover() {
    failovers.inc();
  }
}
