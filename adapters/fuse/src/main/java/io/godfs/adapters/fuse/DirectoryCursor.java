package io.godfs.adapters.fuse;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NameListing;
import java.util.function.BiFunction;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Where an open directory's readdir stands: one page of names at a time (ADR 0033), so a directory
 * of any size costs one page of memory. The page's packed names are copied into native memory once,
 * NUL-terminated as they come, so each entry goes to libfuse as an address with no copy of its own.
 * FUSE offsets are entry positions (0 = start, 1 after ".", 2 after "..", k + 3 after child k); a
 * rewind or seek back starts the paging over.
 */
final class DirectoryCursor {
  private final DfsPath dir;
  private final BiFunction<DfsPath, String, NameListing> lister;
  private long pageStart;
  private NameListing page;
  private Pointer nativeNames;

  DirectoryCursor(DfsPath dir, BiFunction<DfsPath, String, NameListing> lister) {
    this.dir = dir;
    this.lister = lister;
  }

  DfsPath dir() {
    return dir;
  }

  /**
   * Moves to child {@code index} (0-based, in name order): its position in {@link #page()}, or -1
   * past the last child.
   */
  int seek(long index) {
    if (page == null || index < pageStart) {
      load(0, "");
    }
    while (index >= pageStart + page.size() && page.hasMore() && page.size() > 0) {
      load(pageStart + page.size(), page.name(page.size() - 1));
    }
    long at = index - pageStart;
    return at < page.size() ? (int) at : -1;
  }

  /** The page {@link #seek} moved to. */
  NameListing page() {
    return page;
  }

  /** The native address of name {@code at} of {@link #page()}, NUL-terminated. */
  long nameAddress(int at) {
    return nativeNames.address() + page.nameStart(at);
  }

  /** Keeps the page's native names reachable until libfuse has copied the entries filled. */
  Object nativeMemory() {
    return nativeNames;
  }

  private void load(long start, String startAfter) {
    NameListing listing = lister.apply(dir, startAfter);
    byte[] names = listing.packedNames();
    Pointer memory = Memory.allocateDirect(Runtime.getSystemRuntime(), Math.max(1, names.length));
    memory.put(0, names, 0, names.length);
    pageStart = start;
    page = listing;
    nativeNames = memory;
  }
}
