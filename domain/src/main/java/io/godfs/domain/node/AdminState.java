package io.godfs.domain.node;

/**
 * What the operator wants of a chunkserver (HDFS admin states): in service; decommissioning (its
 * replicas are copied elsewhere and it takes no new ones); decommissioned (drained, safe to
 * remove).
 */
public enum AdminState {
  IN_SERVICE,
  DECOMMISSIONING,
  DECOMMISSIONED
}
