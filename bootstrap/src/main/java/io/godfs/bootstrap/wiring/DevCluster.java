package io.godfs.bootstrap.wiring;

import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.gateway.GatewayNode;
import io.godfs.client.GodfsClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code dev} all-in-one: a master and N chunkservers in one JVM, data under one folder ({@code
 * <data>/chunk-<n>}), and the REST gateway unless turned off; returned once every chunkserver has
 * registered.
 */
public final class DevCluster implements AutoCloseable {
  static final Duration DEAD_AFTER = Duration.ofSeconds(30);
  static final Duration HEARTBEAT = Duration.ofSeconds(2);
  private static final Duration REGISTRATION_WAIT = Duration.ofSeconds(30);

  private final List<MasterNode> masters = new ArrayList<>();
  private final List<ChunkserverNode> chunkservers = new ArrayList<>();
  private String masterAddresses;
  private GodfsClient gatewayClient;
  private GatewayNode gateway;

  private DevCluster() {}

  public static DevCluster start(DevConfig config) {
    DevCluster cluster = new DevCluster();
    try {
      cluster.masterAddresses = DevMasters.start(config, DEAD_AFTER, HEARTBEAT, cluster.masters);
      for (int i = 0; i < config.chunkservers(); i++) {
        int port = config.firstChunkPort() == 0 ? 0 : config.firstChunkPort() + i;
        cluster.chunkservers.add(
            ChunkserverNode.start(
                new ChunkserverConfig(
                    cluster.masterAddresses,
                    config.listenHost(),
                    port,
                    config.dataDir().resolve("chunk-" + (i + 1)),
                    "chunk-" + (i + 1),
                    null,
                    0,
                    HEARTBEAT)));
      }
      awaitRegistration(cluster.chunkservers);
      if (config.gatewayPort() != DevConfig.NO_GATEWAY) {
        cluster.gatewayClient = GodfsClient.connect(cluster.masterAddresses);
        cluster.gateway =
            GatewayNode.start(
                cluster.gatewayClient,
                GatewaySettings.defaults(config.listenHost(), config.gatewayPort()),
                Clock.systemUTC());
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static void awaitRegistration(List<ChunkserverNode> nodes) {
    long deadline = System.nanoTime() + REGISTRATION_WAIT.toNanos();
    for (ChunkserverNode node : nodes) {
      while (!node.isRegistered()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "chunkserver " + node.location() + " did not register within " + REGISTRATION_WAIT);
        }
        Thread.onSpinWait();
        try {
          Thread.sleep(20); // polling a real condition with a deadline, not synchronising on time
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for chunkservers", e);
        }
      }
    }
  }

  public int masterPort() {
    return masters.getFirst().port();
  }

  /** Every master's client address, comma-separated (what clients are given). */
  public String masterAddresses() {
    return masterAddresses;
  }

  public List<Integer> chunkPorts() {
    return chunkservers.stream().map(ChunkserverNode::port).toList();
  }

  /** The REST gateway's port, or -1 when it was turned off. */
  public int gatewayPort() {
    return gateway == null ? DevConfig.NO_GATEWAY : gateway.port();
  }

  @Override
  public void close() {
    if (gateway != null) {
      gateway.close();
    }
    if (gatewayClient != null) {
      gatewayClient.close();
    }
    chunkservers.forEach(ChunkserverNode::close);
    masters.forEach(MasterNode::close);
  }
}
