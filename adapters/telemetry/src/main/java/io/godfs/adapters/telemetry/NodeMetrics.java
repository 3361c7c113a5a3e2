package io.godfs.adapters.telemetry;

import com.sun.net.httpserver.HttpHandler;
import io.godfs.application.port.in.ChunkserverFiguresUseCase;
import io.godfs.application.port.in.ClusterFiguresUseCase;
import io.godfs.application.port.out.ChunkIoMeter;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.HealingMeter;
import io.godfs.application.port.out.HttpMeter;
import io.godfs.application.port.out.Leadership;
import io.godfs.application.port.out.MetadataMeter;
import io.godfs.application.port.out.MountMeter;
import io.godfs.application.port.out.RpcMeter;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Objects;

/**
 * One node's metrics: its own registry (never the client library's process-wide default, because a
 * test JVM or {@code godfs dev} runs several nodes), the standard JVM and process families ({@code
 * jvm_*}, {@code process_*}, the names community JVM dashboards expect) and {@code
 * godfs_build_info}. {@link #handler()} answers {@code /metrics} in the Prometheus text format or
 * OpenMetrics, whichever the scraper's {@code Accept} asks for, gzipped when asked.
 */
public final class NodeMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final MetricsHandler handler = new MetricsHandler(registry);
  private final RpcMetrics rpc = new RpcMetrics(registry);
  private HttpMetrics http;
  private ChunkIoMetrics chunkIo;
  private MetadataMetrics metadata;
  private HealingMetrics healing;
  private MountMetrics mount;
  private ClientIoMetrics clientIo;

  private NodeMetrics(String version, String role, String node) {
    JvmMetrics.builder().register(registry);
    Info build =
        Info.builder()
            .name("godfs_build")
            .help("goDFS version and the role of this node; always 1")
            .labelNames("version", "role", "node")
            .register(registry);
    build.addLabelValues(version, role, node);
  }

  /**
   * The metrics of a node of {@code role} ({@code master}, {@code chunkserver}, {@code gateway},
   * {@code mount}) named {@code node}, running goDFS {@code version}.
   */
  public static NodeMetrics of(String version, String role, String node) {
    return new NodeMetrics(
        Objects.requireNonNull(version, "version"),
        Objects.requireNonNull(role, "role"),
        Objects.requireNonNull(node, "node"));
  }

  /** Where this node's gRPC server and clients record their calls. */
  public RpcMeter rpc() {
    return rpc;
  }

  /**
   * Where a gateway records the requests it serves; the REST families are registered on the first
   * call, so nodes that serve no REST do not show them.
   */
  public synchronized HttpMeter http() {
    if (http == null) {
      http = new HttpMetrics(registry);
    }
    return http;
  }

  /**
   * Where a mount records its FUSE callbacks and reads its figures; the {@code godfs_fuse_*}
   * families are registered on the first call.
   */
  public synchronized MountMeter mount() {
    if (mount == null) {
      mount = new MountMetrics(registry);
    }
    return mount;
  }

  /**
   * Where the SDK clients of this process (a gateway's, a mount's) record bytes and operations; the
   * {@code godfs_client_*} families are registered on the first call.
   */
  public synchronized ClientIoMeter clientIo() {
    if (clientIo == null) {
      clientIo = new ClientIoMetrics(registry);
    }
    return clientIo;
  }

  /**
   * Where a chunkserver records its chunk reads, writes, fsyncs, pipeline hops, scrubbing and
   * short-circuit opens; the families are registered on the first call, so other roles do not show
   * them.
   */
  public synchronized ChunkIoMeter chunkIo() {
    if (chunkIo == null) {
      chunkIo = new ChunkIoMetrics(registry);
    }
    return chunkIo;
  }

  /**
   * Exports a chunkserver's own figures from {@code source} at each scrape ({@link
   * ChunkserverCollector}: space, replicas, disk, RocksDB estimates).
   */
  public void watchChunkserver(ChunkserverFiguresUseCase source) {
    registry.register(new ChunkserverCollector(source));
  }

  /**
   * Exports the cluster's figures from {@code source} at each scrape (a master's: empty while it
   * follows, so only the leader's families appear).
   */
  public void watchCluster(ClusterFiguresUseCase source) {
    registry.register(new ClusterCollector(source));
  }

  /**
   * Exports the leader's namespace counts from {@code source} at each scrape ({@link
   * NamespaceCollector}; none while it follows).
   */
  public void watchNamespace(ClusterFiguresUseCase source) {
    registry.register(new NamespaceCollector(source));
  }

  /**
   * Where a master's metadata store records its group commits; registered on the first call, so
   * nodes without replicated metadata do not show them.
   */
  public synchronized MetadataMeter metadata() {
    if (metadata == null) {
      metadata = new MetadataMetrics(registry);
    }
    return metadata;
  }

  /**
   * Where a master's healing loop records its orders and copied bytes (registered on first call).
   */
  public synchronized HealingMeter healing() {
    if (healing == null) {
      healing = new HealingMetrics(registry);
    }
    return healing;
  }

  /** Exports a master's view of its metadata group at each scrape ({@link LeadershipCollector}). */
  public void watchLeadership(Leadership leadership) {
    registry.register(new LeadershipCollector(leadership));
  }

  /** The registry itself, for this package's tests. */
  PrometheusRegistry registry() {
    return registry;
  }

  /** The {@code /metrics} handler for the JDK HTTP server. */
  public HttpHandler handler() {
    return handler;
  }
}
