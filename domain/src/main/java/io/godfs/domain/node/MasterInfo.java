package io.godfs.domain.node;

import java.util.Objects;

/**
 * One master of a replicated metadata group, as {@code godfs admin masters list} shows it.
 *
 * @param clientAddress where clients reach it (null when it was added without one)
 * @param leader whether it leads the group now
 */
public record MasterInfo(String id, String raftAddress, String clientAddress, boolean leader) {
  public MasterInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(raftAddress, "raftAddress");
  }
}
