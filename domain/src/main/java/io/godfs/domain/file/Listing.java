package io.godfs.domain.file;

import java.util.List;

/** One page of a directory listing, sorted by name; {@code hasMore} when a next page exists. */
public record Listing(List<FileStatus> entries, boolean hasMore) {
  public static final int DEFAULT_LIMIT = 1000;
  public static final int MAX_LIMIT = 10_000;

  public Listing {
    entries = List.copyOf(entries);
  }
}
