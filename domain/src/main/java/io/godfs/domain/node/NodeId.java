package io.godfs.domain.node;

import java.util.Objects;

/** A chunkserver's stable name, chosen by the operator (GODFS_NODE_ID). */
public record NodeId(String value) implements Comparable<NodeId> {
  public NodeId {
    Objects.requireNonNull(value, "value");
    if (!value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      String shown =
          value.length() > 40
              ? value.substring(0, 40) + "... (" + value.length() + " characters)"
              : value;
      throw new IllegalArgumentException(
          "node id : '"
              + shown
              + "' (expected: 1-128 characters of letters, digits, '.', '_' or '-', starting with a letter or digit)");
    }
  }

  @Override
  public int compareTo(NodeId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
