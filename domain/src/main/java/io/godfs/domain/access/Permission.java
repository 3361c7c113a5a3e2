package io.godfs.domain.access;

import java.util.Locale;

/**
 * What a principal may do at a path: the seed's RBAC permissions. {@code ADMIN} implies every user
 * permission; {@code NODE} (register, heartbeat, report replicas) belongs to chunkservers alone and
 * is never implied.
 */
public enum Permission {
  /** Stat, list, locate and read a file's chunks. */
  READ,
  /** Create, write, truncate, mkdir; both ends of a rename. */
  WRITE,
  /** Delete a file or a tree. */
  DELETE,
  /** Cluster administration: decommission, safe mode, masters, fsck, tokens. */
  ADMIN,
  /** What a chunkserver does as itself: register, heartbeat, report its replicas. */
  NODE;

  /** The lower-case name users write in grants and see in refusals. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a grant's permission ({@code read}, {@code write}, ...), naming the bad value. */
  public static Permission parse(String raw) {
    for (Permission p : values()) {
      if (p.label().equals(raw.trim().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "permission '" + raw + "' is unknown (expected: read, write, delete, admin or node)");
  }
}
