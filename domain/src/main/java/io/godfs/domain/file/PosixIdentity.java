package io.godfs.domain.file;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A principal's numeric POSIX identity (ADR 0029): the uid that owns what it creates, its primary
 * gid and its supplementary gids, as {@code id} prints them for a local user. It lives beside the
 * inode attributes it is checked against, not in {@code domain.access}, because the namespace's
 * commands carry it and that package already depends on this one.
 *
 * @param groups the supplementary gids (the primary one may or may not be among them)
 */
public record PosixIdentity(int uid, int gid, Set<Integer> groups) {
  /**
   * About Linux's NGROUPS_MAX (65536): no more groups than a local process may have, less one so
   * that a count fits two bytes in a delegation token.
   */
  public static final int MAX_GROUPS = 65_535;

  public PosixIdentity {
    RequestChecks.notNegative("uid", uid, "a uid");
    RequestChecks.notNegative("gid", gid, "a gid");
    groups = Set.copyOf(new TreeSet<>(groups));
    groups.forEach(g -> RequestChecks.notNegative("gids", g, "a gid"));
    if (groups.size() > MAX_GROUPS) {
      throw new IllegalArgumentException(
          "gids : " + groups.size() + " groups (expected: at most " + MAX_GROUPS + ")");
    }
  }

  /** An identity with no supplementary groups. */
  public static PosixIdentity of(int uid, int gid) {
    return new PosixIdentity(uid, gid, Set.of());
  }

  /** Whether {@code gid} is its primary or one of its supplementary groups. */
  public boolean inGroup(int g) {
    return g == gid || groups.contains(g);
  }

  /** {@code uid=1000 gid=1000 gids=4,27}, as refusals and key files show it. */
  public String describe() {
    return "uid="
        + uid
        + " gid="
        + gid
        + (groups.isEmpty()
            ? ""
            : " gids="
                + groups.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
  }
}
