package io.godfs.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a chunkserver runs. {@code advertiseAddress} is the {@code host:port} clients and peers use;
 * {@code null} means {@code 127.0.0.1:<actual port>} (needed when {@code port} is 0).
 * {@code capacityBytes} 0 means "measure the disk".
 */
public record ChunkserverConfig(
    String masterAddress,
    String listenHost,
    int port,
    Path dataDir,
    String nodeId,
    String advertiseAddress,
    long capacityBytes,
    Duration heartbeatInterval) {
  public ChunkserverConfig {
    Objects.requireNonNull(masterAddress, "masterAddress");
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Guards.port("port", port);
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("capacityBytes : " + capacityBytes + " (expected: >= 0)");
    }
  }
}
