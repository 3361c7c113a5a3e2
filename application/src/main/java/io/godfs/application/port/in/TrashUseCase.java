package io.godfs.application.port.in;

import io.godfs.domain.access.Caller;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.util.Optional;

/**
 * The master's trash (ADR 0024): with {@code GODFS_SOFT_DELETE_GRACE} on, a delete moves the path
 * into it instead of removing it; it stays hidden there, restorable, until the grace period ends
 * and the master purges it. Refusals come back as {@link Outcome.Rejected}.
 */
public interface TrashUseCase {
  int DEFAULT_LIMIT = 100;
  int MAX_LIMIT = 1000;

  /**
   * Up to {@code limit} (1 to {@link #MAX_LIMIT}; 0 = {@link #DEFAULT_LIMIT}) of the trash's
   * entries after {@code startAfter} (null or empty: from the oldest), of which only those whose
   * original path the caller may read are shown: nobody learns through the trash of a path it could
   * not list.
   */
  Outcome<TrashPage> list(Caller caller, String startAfter, int limit);

  /**
   * Puts {@code path} back where it was, with its missing parents: the latest deletion of it, or
   * the one {@code entry} names. Needs {@code write} on {@code path}, as creating or renaming onto
   * it does. NOT_FOUND when the trash holds no such deletion (purged, or never deleted),
   * ALREADY_EXISTS when something occupies the path now. Returns the restored path's status.
   */
  Outcome<FileStatus> restore(Caller caller, DfsPath path, Optional<TrashEntry.Id> entry);
}
