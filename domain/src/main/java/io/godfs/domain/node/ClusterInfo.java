package io.godfs.domain.node;

/** Cluster-wide defaults a client needs, so it never has to be configured with them. */
public record ClusterInfo(long defaultChunkSize, int defaultReplication, int liveNodes) {}
