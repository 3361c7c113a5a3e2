package io.godfs.adapters.fuse;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Where an open directory's readdir stands: one page of the listing at a time, so a directory of
 * any size costs one page of memory. FUSE offsets are entry positions (0 = start, 1 after ".", 2
 * after "..", k + 3 after child k); a rewind or seek back starts the paging over.
 */
final class DirectoryCursor {
  static final int PAGE = 1000;
  private final DfsPath dir;
  private final BiFunction<DfsPath, String, Listing> lister;
  private long pageStart;
  private List<FileStatus> page;
  private boolean hasMore;

  DirectoryCursor(DfsPath dir, BiFunction<DfsPath, String, Listing> lister) {
    this.dir = dir;
    this.lister = lister;
  }

  DfsPath dir() {
    return dir;
  }

  /** Child {@code index} (0-based, in name order), or null past the last one. */
  FileStatus child(long index) {
    if (page == null || index < pageStart) {
      load(0, "");
    }
    while (index >= pageStart + page.size() && hasMore && !page.isEmpty()) {
      load(pageStart + page.size(), page.getLast().path().name());
    }
    long at = index - pageStart;
    return at < page.size() ? page.get((int) at) : null;
  }

  private void load(long start, String startAfter) {
    Listing listing = lister.apply(dir, startAfter);
    pageStart = start;
    page = listing.entries();
    hasMore = listing.hasMore();
  }
}
