package io.godfs.domain.file;

import java.util.List;
import java.util.Objects;

/**
 * What a change of names (mkdir, unlink, rmdir, rename) answers a client that caches attributes:
 * its result and the status, after the change, of the directories whose entries it changed, as the
 * master read them for the answer. {@code parents} is empty when the master sent none (an older
 * master, an in-process file system, a caller who may not stat them): the client then asks for them
 * when it needs them, as before.
 */
public record NameChange<T>(T result, List<FileStatus> parents) {
  public NameChange {
    parents = List.copyOf(Objects.requireNonNull(parents, "parents"));
  }

  /** A change whose parents' statuses are not known. */
  public static <T> NameChange<T> withoutParents(T result) {
    return new NameChange<>(result, List.of());
  }
}
