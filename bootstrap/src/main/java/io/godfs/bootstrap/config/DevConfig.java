package io.godfs.bootstrap.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code dev} all-in-one: a master on {@code masterPort} and {@code chunkservers} chunkservers on
 * consecutive ports from {@code firstChunkPort} (0 = ephemeral), data in {@code dataDir/chunk-<n>},
 * and the REST gateway on {@code gatewayPort} ({@value #DEFAULT_GATEWAY_PORT} by default, 0 =
 * ephemeral, {@value #NO_GATEWAY} = none).
 */
public record DevConfig(Path dataDir, String listenHost, int masterPort, int firstChunkPort, int chunkservers,
    long chunkSize, int replication, int gatewayPort) {
  public static final int DEFAULT_GATEWAY_PORT = 8080;
  public static final int NO_GATEWAY = -1;

  public DevConfig(
      Path dataDir, String listenHost, int masterPort, int firstChunkPort, int chunkservers, long chunkSize, int replication) {
    this(dataDir, listenHost, masterPort, firstChunkPort, chunkservers, chunkSize, replication, DEFAULT_GATEWAY_PORT);
  }

  public DevConfig withGatewayPort(int port) {
    return new DevConfig(dataDir, listenHost, masterPort, firstChunkPort, chunkservers, chunkSize, replication, port);
  }

  public DevConfig {
    if (gatewayPort != NO_GATEWAY) {
      Guards.port("gatewayPort", gatewayPort);
    }
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(listenHost, "listenHost");
    Guards.port("masterPort", masterPort);
    Guards.port("firstChunkPort", firstChunkPort);
    if (chunkservers < 1) {
      throw new IllegalArgumentException("chunkservers : " + chunkservers + " (expected: >= 1)");
    }
  }
}
