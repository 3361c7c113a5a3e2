package io.godfs.adapters.fuse;

import io.godfs.application.port.in.FileSystemUseCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ru.serce.jnrfuse.FuseException;

/**
 * A mounted goDFS prefix. {@link #mount} returns once the kernel lists the mount; {@link #close()}
 * writes out buffered bytes, unmounts (lazily, as {@code fusermount -u -z} does) and returns once the
 * mount is gone from {@code /proc/self/mounts}. Linux only (libfuse 2).
 */
public final class FuseMount implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(FuseMount.class.getName());
  private static final Duration MOUNT_WAIT = Duration.ofSeconds(15);
  /** The kernel sends writes of up to 128 KiB instead of 4 KiB pages (STACK.md: 10x on dd). */
  private static final String BASE_OPTIONS = "big_writes,max_write=131072,max_read=131072,default_permissions";
  private final DfsFuseFilesystem filesystem;
  private final Path mountpoint;
  private boolean closed;

  private FuseMount(DfsFuseFilesystem filesystem, Path mountpoint) {
    this.filesystem = filesystem;
    this.mountpoint = mountpoint;
  }

  /**
   * Mounts {@code options.prefix()} of {@code fs} at {@code mountpoint} (an existing, empty
   * directory). The caller keeps ownership of {@code fs} and closes it after this mount.
   *
   * @throws MountException when the directory is unusable or the kernel refuses the mount
   */
  public static FuseMount mount(FileSystemUseCase fs, Path mountpoint, MountOptions options) {
    Path dir;
    try {
      dir = mountpoint.toRealPath();
    } catch (IOException e) {
      throw new MountException("mountpoint " + mountpoint + " does not exist", e);
    }
    if (!Files.isDirectory(dir)) {
      throw new MountException("mountpoint " + dir + " is not a directory", null);
    }
    if (isMounted(dir)) {
      throw new MountException("something is already mounted at " + dir, null);
    }
    DfsFuseFilesystem filesystem = new DfsFuseFilesystem(fs, options);
    try {
      filesystem.mount(dir, false, false, arguments(options));
    } catch (FuseException e) {
      filesystem.close();
      throw new MountException("cannot mount at " + dir + ": " + e.getMessage(), e);
    }
    FuseMount mounted = new FuseMount(filesystem, dir);
    if (!awaitMounted(dir, true)) {
      mounted.close();
      throw new MountException("the kernel did not list the mount at " + dir + " within " + MOUNT_WAIT, null);
    }
    LOG.log(Level.INFO, "mounted goDFS " + options.prefix() + " at " + dir + (options.readOnly() ? " (read-only)" : ""));
    return mounted;
  }

  static String[] arguments(MountOptions options) {
    List<String> o = new ArrayList<>(List.of(BASE_OPTIONS.split(",")));
    o.add("fsname=godfs");
    o.add("subtype=godfs");
    // The kernel's own caches follow the same TTLs as this process's.
    o.add("attr_timeout=" + seconds(options.attrTtl()));
    o.add("entry_timeout=" + seconds(options.attrTtl()));
    o.add("negative_timeout=" + seconds(options.negativeTtl()));
    if (options.readOnly()) {
      o.add("ro");
    }
    if (options.directIo()) {
      o.add("direct_io");
    }
    return new String[] {"-o", String.join(",", o)};
  }

  private static String seconds(Duration d) {
    return String.valueOf(d.toNanos() / 1e9);
  }

  public Path mountpoint() {
    return mountpoint;
  }

  /** Flushes open files, unmounts, and waits (bounded) until the kernel no longer lists the mount. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      filesystem.releaseAll();
      filesystem.umount();
      if (!awaitMounted(mountpoint, false)) {
        LOG.log(Level.WARNING, "goDFS mount at " + mountpoint + " still listed after " + MOUNT_WAIT);
      }
    } finally {
      filesystem.close();
    }
  }

  /** Whether {@code /proc/self/mounts} lists a mount at {@code dir} (an absolute, real path). */
  public static boolean isMounted(Path dir) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
        String[] fields = line.split(" ");
        if (fields.length > 1 && unescape(fields[1]).equals(dir.toString())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/self/mounts", e);
    }
  }

  /** /proc/mounts writes space, tab, newline and backslash as octal escapes. */
  private static String unescape(String field) {
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
  }

  private static boolean awaitMounted(Path dir, boolean mounted) {
    long deadline = System.nanoTime() + MOUNT_WAIT.toNanos();
    while (isMounted(dir) != mounted) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(20); // polling a kernel table: no event to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
