package io.godfs.bootstrap.config;

import io.godfs.domain.node.NodeAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GODFS_MASTER}: one master's host:port, or every master of a replicated group,
 * comma-separated.
 */
public final class MasterAddresses {
  private MasterAddresses() {}

  /**
   * The addresses normalised and re-joined with commas; a bad one throws IllegalArgumentException.
   */
  public static String parse(String raw) {
    List<String> out = new ArrayList<>();
    for (String one : raw.split(",")) {
      if (!one.isBlank()) {
        out.add(NodeAddress.parse(one.strip()).toString());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no address in '" + raw + "'");
    }
    return String.join(",", out);
  }
}
