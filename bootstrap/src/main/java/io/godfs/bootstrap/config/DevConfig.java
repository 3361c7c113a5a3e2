package io.godfs.bootstrap.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code dev} all-in-one: a master on {@code masterPort} and {@code chunkservers} chunkservers on
 * consecutive ports from {@code firstChunkPort} (0 = ephemeral), data in {@code dataDir/chunk-<n>}.
 */
public record DevConfig(
    Path dataDir, String listenHost, int masterPort, int firstChunkPort, int chunkservers, long chunkSize, int replication) {
  public DevConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(listenHost, "listenHost");
    Guards.port("masterPort", masterPort);
    Guards.port("firstChunkPort", firstChunkPort);
    if (chunkservers < 1) {
      throw new IllegalArgumentException("chunkservers : " + chunkservers + " (expected: >= 1)");
    }
  }
}
