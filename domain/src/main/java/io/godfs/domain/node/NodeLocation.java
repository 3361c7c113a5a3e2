package io.godfs.domain.node;

import java.util.Objects;

/** A chunkserver as clients and peers reach it. */
public record NodeLocation(NodeId id, NodeAddress address) {
  public NodeLocation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
  }

  @Override
  public String toString() {
    return id + "@" + address;
  }
}
