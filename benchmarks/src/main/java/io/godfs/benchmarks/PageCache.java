package io.godfs.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Empties the kernel's page cache, so that a read after it comes from the disk as a user's first
 * read of a file does. Linux only, and only for root: {@code /proc/sys/vm/drop_caches}; dirty pages
 * are written out first ({@code sync}), because the kernel drops only clean ones.
 */
final class PageCache {
  private static final Path DROP = Path.of("/proc/sys/vm/drop_caches");

  private PageCache() {}

  /** Whether this process may empty the page cache (runs as root on Linux). */
  static boolean canDrop() {
    return Files.isWritable(DROP);
  }

  /** Writes dirty pages out and drops every clean page, dentry and inode from the cache. */
  static void drop() throws IOException {
    writeDirtyPages();
    Files.writeString(DROP, "3\n");
  }

  /** {@code sync}: every dirty page of every file system goes to its disk. */
  static void writeDirtyPages() throws IOException {
    Process sync = new ProcessBuilder("sync").inheritIO().start();
    try {
      if (!sync.waitFor(60, TimeUnit.SECONDS) || sync.exitValue() != 0) {
        sync.destroyForcibly();
        throw new IOException("sync did not finish in 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for sync", e);
    }
  }
}
