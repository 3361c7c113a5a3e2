package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.NO_CAPACITY;
import static io.godfs.domain.error.ErrorCode.TOO_LARGE;
import static io.godfs.domain.error.ErrorCode.UNSUPPORTED;

import io.godfs.domain.error.DfsError;
import java.nio.charset.StandardCharsets;

/**
 * Which extended attributes an inode may have (ADR 0028), as Linux file systems rule: names in the
 * {@code user.} and {@code trusted.} namespaces (the others, {@code security.} and {@code system.},
 * are not supported: EOPNOTSUPP), at most 255 bytes; values at most 64 KiB; and at most 64 KiB of
 * names and values per inode.
 */
public final class XattrRules {
  public static final String USER = "user.";
  public static final String TRUSTED = "trusted.";

  private XattrRules() {}

  /** What is wrong with {@code name}, or null. */
  public static DfsError nameProblem(String name) {
    if (!(name.startsWith(USER) && name.length() > USER.length())
        && !(name.startsWith(TRUSTED) && name.length() > TRUSTED.length())) {
      return DfsError.of(
          UNSUPPORTED,
          "extended attribute "
              + DfsPath.escaped(name)
              + ": only the user. and trusted. namespaces are supported");
    }
    if (name.indexOf('\0') >= 0) {
      return DfsError.of(INVALID_ARGUMENT, "extended attribute name holds a NUL byte");
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > Xattrs.MAX_NAME_BYTES) {
      return DfsError.of(
          INVALID_ARGUMENT,
          "extended attribute name : "
              + bytes
              + " bytes (expected: at most "
              + Xattrs.MAX_NAME_BYTES
              + ")");
    }
    return null;
  }

  /** What is wrong with setting {@code name} to {@code value} among {@code current}, or null. */
  static DfsError setProblem(Xattrs current, String name, byte[] value) {
    DfsError bad = nameProblem(name);
    if (bad != null) {
      return bad;
    }
    if (value.length > Xattrs.MAX_VALUE_BYTES) {
      return DfsError.of(
          TOO_LARGE,
          "extended attribute "
              + name
              + " : "
              + value.length
              + " bytes (expected: at most "
              + Xattrs.MAX_VALUE_BYTES
              + ")");
    }
    int after = current.without(name).bytes() + name.getBytes(StandardCharsets.UTF_8).length;
    if (after + value.length > Xattrs.MAX_INODE_BYTES) {
      return DfsError.of(
          NO_CAPACITY,
          "no room for extended attribute "
              + name
              + ": the inode's attributes would take "
              + (after + value.length)
              + " bytes (at most "
              + Xattrs.MAX_INODE_BYTES
              + ")");
    }
    return null;
  }
}
