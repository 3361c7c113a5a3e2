package io.godfs.adapters.telemetry;

import io.godfs.application.port.out.ChunkIoMeter;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A chunkserver's data-path families (ADR 0023): {@code godfs_chunkserver_read_bytes_total}, {@code
 * godfs_chunkserver_written_bytes_total}, {@code godfs_chunkserver_reads_total{result}}, {@code
 * godfs_chunkserver_writes_total{result}}, {@code godfs_pipeline_hop_seconds{hop}}, {@code
 * godfs_chunkserver_fsync_seconds}, {@code godfs_scrub_verified_bytes_total}, {@code
 * godfs_scrub_corrupt_found_total}, {@code godfs_scrub_pass_progress_ratio}, {@code
 * godfs_scrub_last_pass_end_timestamp_seconds} and {@code godfs_shortcircuit_opens_total}. Every
 * series is resolved once (a hop's on its first message, by index): a message costs one add.
 */
final class ChunkIoMetrics implements ChunkIoMeter {
  /** Hops with a series of their own; deeper ones (replication over 16) share the last. */
  static final int HOPS = 16;

  private final Counter readBytes;
  private final Counter writtenBytes;
  private final CounterDataPoint[] reads = new CounterDataPoint[Result.values().length];
  private final CounterDataPoint[] writes = new CounterDataPoint[Result.values().length];
  private final Histogram hopSeconds;
  private final AtomicReferenceArray<DistributionDataPoint> hops = new AtomicReferenceArray<>(HOPS);
  private final Histogram fsyncSeconds;
  private final Counter scrubbedBytes;
  private final Counter corruptFound;
  private final Gauge scrubProgress;
  private final Gauge scrubPassEnd;
  private final Counter shortCircuitOpens;

  ChunkIoMetrics(PrometheusRegistry registry) {
    readBytes =
        Counter.builder()
            .name("godfs_chunkserver_read_bytes_total")
            .help("chunk bytes this chunkserver sent to readers")
            .register(registry);
    writtenBytes =
        Counter.builder()
            .name("godfs_chunkserver_written_bytes_total")
            .help("chunk bytes of pipelined writes this chunkserver wrote to its replicas")
            .register(registry);
    Counter readCount =
        Counter.builder()
            .name("godfs_chunkserver_reads_total")
            .help("replica reads that ended, by result (ok: served to the end)")
            .labelNames("result")
            .register(registry);
    Counter writeCount =
        Counter.builder()
            .name("godfs_chunkserver_writes_total")
            .help("pipelined writes through this chunkserver that ended, by result (ok: committed)")
            .labelNames("result")
            .register(registry);
    for (Result r : Result.values()) {
      reads[r.ordinal()] = readCount.labelValues(label(r));
      writes[r.ordinal()] = writeCount.labelValues(label(r));
    }
    hopSeconds =
        Histogram.builder()
            .name("godfs_pipeline_hop_seconds")
            .help(
                "per pipelined message: from its arrival at this hop (0 = primary) to the ack this"
                    + " hop sent up for it")
            .labelNames("hop")
            .classicOnly()
            .classicUpperBounds(RpcMetrics.LATENCY_BUCKETS)
            .register(registry);
    fsyncSeconds =
        Histogram.builder()
            .name("godfs_chunkserver_fsync_seconds")
            .help("time to make a replica's written bytes durable at a write's finish")
            .classicOnly()
            .classicUpperBounds(RpcMetrics.LATENCY_BUCKETS)
            .register(registry);
    scrubbedBytes =
        Counter.builder()
            .name("godfs_scrub_verified_bytes_total")
            .help("replica bytes the scrubber read and checked against their CRC32Cs")
            .register(registry);
    corruptFound =
        Counter.builder()
            .name("godfs_scrub_corrupt_found_total")
            .help("replicas the scrubber found corrupt or unreadable")
            .register(registry);
    scrubProgress =
        Gauge.builder()
            .name("godfs_scrub_pass_progress_ratio")
            .help("share of the replicas of the scrubber's current pass already checked")
            .register(registry);
    scrubPassEnd =
        Gauge.builder()
            .name("godfs_scrub_last_pass_end_timestamp_seconds")
            .help("when the scrubber last finished a pass over every replica (0: never)")
            .register(registry);
    shortCircuitOpens =
        Counter.builder()
            .name("godfs_shortcircuit_opens_total")
            .help("replica files handed to a client on this machine to read directly")
            .register(registry);
  }

  private static String label(Result r) {
    return r == Result.OK ? "ok" : "error";
  }

  @Override
  public void read(long bytes) {
    readBytes.inc(bytes);
  }

  @Override
  public void written(long bytes) {
    writtenBytes.inc(bytes);
  }

  @Override
  public void readEnded(Result result) {
    reads[result.ordinal()].inc();
  }

  @Override
  public void writeEnded(Result result) {
    writes[result.ordinal()].inc();
  }

  @Override
  public void hop(int hop, long nanos) {
    int i = Math.clamp(hop, 0, HOPS - 1);
    DistributionDataPoint series = hops.get(i);
    if (series == null) {
      series = hopSeconds.labelValues(i == HOPS - 1 ? (HOPS - 1) + "+" : Integer.toString(i));
      hops.set(i, series); // a race resolves the same series twice: harmless
    }
    series.observe(nanos / 1e9);
  }

  @Override
  public void fsync(long nanos) {
    fsyncSeconds.observe(nanos / 1e9);
  }

  @Override
  public void scrubbed(long bytes) {
    scrubbedBytes.inc(bytes);
  }

  @Override
  public void corruptFound() {
    corruptFound.inc();
  }

  @Override
  public void scrubProgress(long done, long total) {
    scrubProgress.set(total <= 0 ? 1.0 : Math.min(1.0, (double) done / total));
  }

  @Override
  public void scrubPassEnded() {
    scrubProgress.set(1.0);
    scrubPassEnd.set(System.currentTimeMillis() / 1000.0);
  }

  @Override
  public void shortCircuitOpened() {
    shortCircuitOpens.inc();
  }
}
