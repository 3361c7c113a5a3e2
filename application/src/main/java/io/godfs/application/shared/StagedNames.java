package io.godfs.application.shared;

/**
 * The names a client stages a whole-file upload under before renaming it into place, as {@code hdfs
 * dfs -put} does: {@code .<name>.<12 hex digits>._COPYING_}. Shared by the client, which makes
 * them, and the master, which deletes such a file when its writer dies instead of closing it.
 */
public final class StagedNames {
  /** The suffix of staged files, as HDFS's. */
  public static final String SUFFIX = "._COPYING_";

  /** Random bytes in each staged name (written as hex): unique to one upload. */
  public static final int RANDOM_BYTES = 6;

  private StagedNames() {}

  /** True for the names an upload stages under. */
  public static boolean isStagedName(String name) {
    int hexStart = name.length() - SUFFIX.length() - 2 * RANDOM_BYTES;
    return name.startsWith(".")
        && name.endsWith(SUFFIX)
        && hexStart > 1
        && name.charAt(hexStart - 1) == '.'
        && name.substring(hexStart, hexStart + 2 * RANDOM_BYTES)
            .chars()
            .allMatch(c -> Character.digit(c, 16) >= 0);
  }
}
