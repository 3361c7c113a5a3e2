package io.godfs.adapters.metadataratis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One master of the metadata group: its id, the address its Raft peers reach it at, and the address
 * clients and chunkservers reach it at (named in "not the leader" answers).
 */
public record MasterPeer(String id, String raftAddress, String clientAddress) {
  public MasterPeer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(raftAddress, "raftAddress");
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new IllegalArgumentException(
          "master id '" + id + "' (expected: 1-64 of A-Z a-z 0-9 _ . -)");
    }
  }

  /**
   * The seed's {@code GODFS_MASTER_PEERS} format: comma-separated {@code
   * id@raftHost:port@clientHost:port} (the client part may be left out, then "not the leader"
   * answers cannot name this master).
   */
  public static List<MasterPeer> parseList(String text) {
    List<MasterPeer> peers = new ArrayList<>();
    for (String item : text.split(",")) {
      String spec = item.trim();
      if (spec.isEmpty()) {
        continue;
      }
      String[] parts = spec.split("@", -1);
      if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw new IllegalArgumentException(
            "master peer '" + spec + "' (expected: id@raftHost:port[@clientHost:port])");
      }
      peers.add(
          new MasterPeer(
              parts[0], parts[1], parts.length == 3 && !parts[2].isEmpty() ? parts[2] : null));
    }
    return peers;
  }

  @Override
  public String toString() {
    return id + "@" + raftAddress + (clientAddress == null ? "" : "@" + clientAddress);
  }
}
