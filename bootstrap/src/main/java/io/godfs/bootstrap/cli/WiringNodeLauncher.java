package io.godfs.bootstrap.cli;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.application.port.out.ChunkIoMeter;
import io.godfs.application.port.out.RpcMeter;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.DevCluster;
import io.godfs.bootstrap.wiring.MasterMeters;
import io.godfs.bootstrap.wiring.MasterNode;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Optional;

/** The real nodes, as assembled by the wiring package. */
public final class WiringNodeLauncher implements NodeLauncher {

  @Override
  public RunningNode startMaster(MasterConfig config, MasterSecurity security) {
    return startMaster(config, security, Optional.empty());
  }

  @Override
  public RunningNode startMaster(
      MasterConfig config, MasterSecurity security, Optional<NodeMetrics> metrics) {
    return startMaster(config, security, metrics, OpenTelemetry.noop());
  }

  @Override
  public RunningNode startMaster(
      MasterConfig config,
      MasterSecurity security,
      Optional<NodeMetrics> metrics,
      OpenTelemetry tracing) {
    MasterNode node =
        MasterNode.start(
            config,
            security,
            metrics
                .map(m -> new MasterMeters(m.rpc(), m.metadata(), m.healing()))
                .orElse(MasterMeters.NONE)
                .tracedBy(tracing));
    metrics.ifPresent(
        m -> {
          m.watchCluster(node.clusterFigures());
          m.watchNamespace(node.clusterFigures());
          m.watchLeadership(node.leadership());
        });
    // SIGTERM stops it on purpose: a leader hands over first (rolling restarts without an election
    // stall).
    return new RunningNode(node.port(), node::stop, node.readiness());
  }

  @Override
  public RunningNode startChunkserver(ChunkserverConfig config, Optional<String> clusterKey) {
    return startChunkserver(config, clusterKey, Optional.empty());
  }

  @Override
  public RunningNode startChunkserver(
      ChunkserverConfig config, Optional<String> clusterKey, Optional<GrpcTls> tls) {
    return startChunkserver(config, clusterKey, tls, Optional.empty());
  }

  @Override
  public RunningNode startChunkserver(
      ChunkserverConfig config,
      Optional<String> clusterKey,
      Optional<GrpcTls> tls,
      Optional<NodeMetrics> metrics) {
    return startChunkserver(config, clusterKey, tls, metrics, OpenTelemetry.noop());
  }

  @Override
  public RunningNode startChunkserver(
      ChunkserverConfig config,
      Optional<String> clusterKey,
      Optional<GrpcTls> tls,
      Optional<NodeMetrics> metrics,
      OpenTelemetry tracing) {
    ChunkserverNode node =
        ChunkserverNode.start(
            config,
            clusterKey,
            tls,
            rpc(metrics),
            metrics.<ChunkIoMeter>map(NodeMetrics::chunkIo).orElse(ChunkIoMeter.NONE),
            tracing);
    metrics.ifPresent(m -> m.watchChunkserver(node.figures()));
    return new RunningNode(node.port(), node, node.readiness());
  }

  @Override
  public RunningDev startDev(DevConfig config) {
    DevCluster cluster = DevCluster.start(config);
    return new RunningDev(
        cluster.masterPort(),
        cluster.chunkPorts(),
        cluster.gatewayPort(),
        cluster,
        cluster.masterAddresses(),
        cluster.adminKeyFile(),
        cluster.credentialsFile(),
        cluster.authorityFile(),
        cluster.metricsUrls(),
        cluster.scrapeConfig());
  }

  /** Where a node records its gRPC calls: nowhere without metrics. */
  private static RpcMeter rpc(Optional<NodeMetrics> metrics) {
    return metrics.<RpcMeter>map(NodeMetrics::rpc).orElse(RpcMeter.NONE);
  }
}
