package io.godfs.adapters.backup;

import io.godfs.application.port.out.BackupManifest;
import java.util.regex.Pattern;

/**
 * The names the archive turns into file names, checked before they are: a chunk or backup name
 * comes from a manifest or a caller, and one holding {@code /} or {@code ..} would reach outside
 * the archive.
 */
final class ArchiveNames {
  /**
   * What a chunk may be named: letters, digits, '.', '_' and '-', never a leading '.' (that is a
   * temporary file, or {@code .}/{@code ..}). At most 200 characters, so that its temporary name
   * ({@code .tmp-<name>-<random>}) stays within the 255 bytes a file name may have.
   */
  private static final Pattern CHUNK = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

  private ArchiveNames() {}

  /** Whether {@code name} is a safe chunk name. */
  static boolean isChunk(String name) {
    return name != null && CHUNK.matcher(name).matches();
  }

  /** Returns {@code name}, or throws naming it when it is not a safe chunk name. */
  static String chunk(String name) {
    if (!isChunk(name)) {
      throw new IllegalArgumentException(
          "chunk name : '"
              + name
              + "' (expected: 1-200 letters, digits, '.', '_' or '-', not starting with '.')");
    }
    return name;
  }

  /** Returns {@code name}, or throws naming it when it is not a {@link BackupManifest#NAME}. */
  static String backup(String name) {
    if (name == null || !BackupManifest.NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "backup name : '"
              + name
              + "' (expected: 1-128 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit)");
    }
    return name;
  }

  /**
   * The length a chunk name ends with ({@code <chunk id>-v<version>-<length>}, see {@link
   * io.godfs.application.port.out.BackupChunk#nameOf}), or -1 when it ends with no length.
   */
  static long lengthIn(String chunkName) {
    String tail = chunkName.substring(chunkName.lastIndexOf('-') + 1);
    if (tail.isEmpty() || tail.length() > 18 || !tail.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(tail);
  }
}
