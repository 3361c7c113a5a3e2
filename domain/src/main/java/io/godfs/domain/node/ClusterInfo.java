package io.godfs.domain.node;

/**
 * Cluster-wide defaults a client needs, so it never has to be configured with them, and the space
 * the live chunkservers offer and use (what {@code df} on a mount shows).
 */
public record ClusterInfo(
    long defaultChunkSize,
    int defaultReplication,
    int liveNodes,
    long capacityBytes,
    long usedBytes) {

  public ClusterInfo(long defaultChunkSize, int defaultReplication, int liveNodes) {
    this(defaultChunkSize, defaultReplication, liveNodes, 0, 0);
  }
}
