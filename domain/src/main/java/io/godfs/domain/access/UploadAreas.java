package io.godfs.domain.access;

import io.godfs.domain.file.DfsPath;
import java.util.Optional;

/**
 * Where front ends stage uploads before renaming them into place, inside goDFS's own reserved
 * folder. A front end serving everyone alike (security off) stages in the shared {@link #STAGING}
 * and {@link #MULTIPART}. One acting for its caller stages in that user's own area, {@code
 * /.godfs/users/<name>}, which the user may read, write and delete however few grants it holds
 * elsewhere (as HDFS gives each user its {@code /user/<name>} and trash): what is staged for alice
 * only alice, and administrators, can see or touch, and an upload id alice received opens nothing
 * for bob, whose uploads live in another folder.
 */
public final class UploadAreas {
  /** Everything under it belongs to goDFS itself. */
  public static final DfsPath RESERVED = DfsPath.of("/.godfs");

  /** Shared staged files of uploads (a PUT's body, a part, a completion) before their rename. */
  public static final DfsPath STAGING = RESERVED.child("tmp");

  /** Shared multipart uploads: one folder per upload, with its manifest and its parts. */
  public static final DfsPath MULTIPART = RESERVED.child("uploads");

  /** One area per user below it. */
  public static final DfsPath USERS = RESERVED.child("users");

  private UploadAreas() {}

  /**
   * {@code user}'s own area, which holds its {@code tmp} and {@code uploads} folders; empty when
   * the name cannot be one path segment (a slash, or a dot-name), which leaves that user no area.
   */
  public static Optional<DfsPath> of(String user) {
    if (user.equals(".") || user.equals("..")) {
      return Optional.empty();
    }
    try {
      return Optional.of(USERS.child(user));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Where {@code area}'s uploads stage their files. */
  public static DfsPath staging(DfsPath area) {
    return area.child("tmp");
  }

  /** Where {@code area}'s multipart uploads keep one folder each. */
  public static DfsPath multipart(DfsPath area) {
    return area.child("uploads");
  }

  /** Whether {@code path} is in {@code user}'s own area. */
  static boolean owns(String user, DfsPath path) {
    return of(user).map(area -> area.contains(path)).orElse(false);
  }
}
