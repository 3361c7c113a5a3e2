package io.godfs.application.port.in;

import java.util.Objects;

/**
 * What a delete did: removed the path at once (the trash is off, or the path is goDFS's own working
 * file), or moved it to the master's trash, from which it can be restored until it is purged (ADR
 * 0024).
 */
public sealed interface Deletion {

  /** Removed: {@code files} files are gone, their chunks queued for deletion. */
  record Deleted(int files) implements Deletion {
    public Deleted {
      if (files < 0) {
        throw new IllegalArgumentException("files : " + files + " (expected: >= 0)");
      }
    }
  }

  /** Moved to the trash as {@code entry}: hidden, and restorable until {@code entry.purgeAt()}. */
  record Trashed(TrashEntry entry) implements Deletion {
    public Trashed {
      Objects.requireNonNull(entry, "entry");
    }
  }
}
