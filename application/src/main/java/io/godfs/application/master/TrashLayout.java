package io.godfs.application.master;

import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.in.TrashEntry;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.NamespaceQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the trash keeps a deletion (ADR 0024): {@code /.trash/<entry id>/<the original path>}, the
 * original's parents made as plain folders inside the entry, so a deleted {@code /a/b/c} lies at
 * {@code /.trash/<id>/a/b/c}. The entry's id says when the delete happened and how deep the path is
 * ({@link TrashEntry.Id}); nothing else about a deletion is recorded anywhere.
 */
final class TrashLayout {
  private TrashLayout() {}

  /** The folder of one deletion. */
  static DfsPath entry(TrashEntry.Id id) {
    return ReservedPaths.TRASH.child(id.value());
  }

  /**
   * Where {@code original} lies in entry {@code id}; empty when that path would be longer than a
   * path may be (the original is within a few dozen bytes of the limit).
   */
  static Optional<DfsPath> inEntry(TrashEntry.Id id, DfsPath original) {
    try {
      return Optional.of(original.rebase(DfsPath.ROOT, entry(id)));
    } catch (IllegalArgumentException tooLong) {
      return Optional.empty();
    }
  }

  /** The entry a path in the trash lies in, if it lies in one. */
  static Optional<TrashEntry.Id> idOf(DfsPath inTrash) {
    var segments = inTrash.segments();
    if (segments.size() < 2 || !ReservedPaths.TRASH.contains(inTrash)) {
      return Optional.empty();
    }
    return TrashEntry.Id.parse(segments.get(1));
  }

  /**
   * Where a path in the trash was before its deletion (a path inside a deleted tree: where it was
   * in that tree); any other path as it is.
   */
  static DfsPath original(DfsPath path) {
    return idOf(path)
        .filter(id -> path.segments().size() > 2)
        .map(id -> path.rebase(entry(id), DfsPath.ROOT))
        .orElse(path);
  }

  /**
   * The deletion entry {@code id} holds, found by walking down its folders (each holds exactly one
   * name, down to the deleted path); empty when it holds no whole deletion: a crash between a
   * delete's two steps, or a restore that has moved the path out already. Its purge time is its
   * deletion time plus {@code grace}.
   */
  static Optional<TrashEntry> resolve(MetadataStore store, TrashEntry.Id id, Duration grace) {
    DfsPath entry = entry(id);
    DfsPath at = entry;
    FileStatus found = null;
    for (int level = 1; level <= id.depth(); level++) {
      if (!(store.query(new NamespaceQuery.ListDirectory(at, null, 2))
              instanceof Outcome.Ok<Listing> listed)
          || listed.value().entries().size() != 1) {
        return Optional.empty();
      }
      found = listed.value().entries().getFirst();
      if (level < id.depth() && !found.isDirectory()) {
        return Optional.empty();
      }
      at = found.path();
    }
    if (found == null) {
      return Optional.empty();
    }
    Instant deleted = id.deletedAt();
    return Optional.of(
        new TrashEntry(
            id,
            at.rebase(entry, DfsPath.ROOT),
            found.type(),
            found.isDirectory() ? 0 : found.length(),
            deleted,
            deleted.plus(grace)));
  }
}
