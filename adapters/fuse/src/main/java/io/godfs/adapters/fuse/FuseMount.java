package io.godfs.adapters.fuse;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.out.MountMeter;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A mounted goDFS prefix. {@link #mount} returns once the kernel lists the mount; {@link #close()}
 * writes out buffered bytes, unmounts (lazily, {@code fusermount3 -u -z}) and returns once the
 * mount is gone from {@code /proc/self/mounts}. Linux only: libfuse 3 ({@code libfuse3.so.3}),
 * whose high-level loop runs on a thread of its own and calls back through {@link
 * FuseOperationsTable}.
 */
public final class FuseMount implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(FuseMount.class.getName());
  private static final Duration MOUNT_WAIT = Duration.ofSeconds(15);
  private static final Path FUSE_CONF = Path.of("/etc/fuse.conf");

  /** Tables whose libfuse loop did not end at unmount: native threads may still call into them. */
  private static final List<FuseOperationsTable> STILL_SERVING = new CopyOnWriteArrayList<>();

  private final DfsFuseFilesystem filesystem;
  private final FuseOperationsTable operations;
  private final CompletableFuture<Integer> loop;
  private final Path mountpoint;
  private boolean closed;

  private FuseMount(
      DfsFuseFilesystem filesystem,
      FuseOperationsTable operations,
      CompletableFuture<Integer> loop,
      Path mountpoint) {
    this.filesystem = filesystem;
    this.operations = operations;
    this.loop = loop;
    this.mountpoint = mountpoint;
  }

  /**
   * Mounts {@code options.prefix()} of {@code fs} at {@code mountpoint} (an existing, empty
   * directory). The caller keeps ownership of {@code fs} and closes it after this mount.
   *
   * @throws MountException when the directory is unusable, libfuse 3 is missing or the kernel
   *     refuses the mount
   */
  public static FuseMount mount(FileSystemUseCase fs, Path mountpoint, MountOptions options) {
    return mount(fs, mountpoint, options, MountMeter.NONE);
  }

  /**
   * As above, every FUSE callback counted and timed in {@code meter}, which also reads the mount's
   * buffered bytes and open files at each scrape (ADR 0023).
   */
  public static FuseMount mount(
      FileSystemUseCase fs, Path mountpoint, MountOptions options, MountMeter meter) {
    return mount(fs, mountpoint, options, meter, OpenTelemetry.noop());
  }

  /**
   * As above, every FUSE callback also a span of {@code tracing} with a request id of its own, the
   * parent of the calls it makes (ADR 0023).
   */
  public static FuseMount mount(
      FileSystemUseCase fs,
      Path mountpoint,
      MountOptions options,
      MountMeter meter,
      OpenTelemetry tracing) {
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
    LibFuse3 libfuse = LibFuse3.get();
    DfsFuseFilesystem filesystem =
        new DfsFuseFilesystem(fs, options, new FuseCalls(meter, tracing));
    meter.watch(filesystem::figures);
    FuseOperationsTable operations = new FuseOperationsTable(filesystem, options, libfuse);
    String[] argv = arguments(dir, options, mayAllowOther());
    CompletableFuture<Integer> loop = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                loop.complete(
                    libfuse.fuse_main_real(
                        argv.length, argv, operations.pointer(), FuseOperationsTable.SIZE, null));
              } catch (Throwable e) {
                loop.completeExceptionally(e);
              }
            },
            "godfs-fuse-loop " + dir);
    thread.setDaemon(true);
    thread.start();
    FuseMount mounted = new FuseMount(filesystem, operations, loop, dir);
    if (!awaitMounted(dir, true, loop)) {
      String why =
          loop.isDone()
              ? "libfuse gave up (" + outcome(loop) + "; its reason is on standard error)"
              : "the kernel did not list the mount within " + MOUNT_WAIT;
      mounted.close();
      throw new MountException("cannot mount at " + dir + ": " + why, null);
    }
    LOG.log(
        Level.INFO,
        "mounted goDFS "
            + options.prefix()
            + " at "
            + dir
            + (options.readOnly() ? " (read-only)" : ""));
    return mounted;
  }

  /**
   * fuse_main's command line: foreground (the loop runs on the calling thread) and the mount
   * options. Timeouts and direct I/O are set in {@code init} instead (libfuse 3's fuse_config).
   *
   * <p>Every file reports its stored owner, group and mode (ADR 0028), and the kernel checks access
   * against them ({@code default_permissions}: open, create, unlink, and who may chmod, chown or
   * set times), as for a local file system. {@code allowOther} lets every local user in, not only
   * the one who mounted: the mount is then shared as a local disk is (as mfsmount does when run by
   * root). Without it the kernel refuses everyone else outright.
   *
   * <p>No {@code max_idle_threads}: libfuse 3.12+ then never ends an idle worker, so each worker
   * stays attached to the JVM once warm. Any value turns thread destruction on (with 1, a burst of
   * 1,200 mkdir/rename/rmdir started 4,405 threads instead of 0: MountWorkerThreadsIT).
   */
  static String[] arguments(Path dir, MountOptions options, boolean allowOther) {
    List<String> o = new ArrayList<>();
    o.add("default_permissions");
    if (allowOther) {
      o.add("allow_other");
    }
    o.add("fsname=godfs");
    o.add("subtype=godfs");
    if (options.readOnly()) {
      o.add("ro");
    }
    return new String[] {"godfs", dir.toString(), "-f", "-o", String.join(",", o)};
  }

  /**
   * Whether this process may mount with {@code allow_other}: as root, or when /etc/fuse.conf has
   * {@code user_allow_other} (else fusermount3 refuses the whole mount).
   */
  static boolean mayAllowOther() {
    try {
      if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0) {
        return true;
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.DEBUG, "cannot tell this process's uid: " + e.getMessage());
    }
    try {
      return Files.readAllLines(FUSE_CONF).stream()
          .anyMatch(line -> line.strip().equals("user_allow_other"));
    } catch (IOException e) {
      return false; // no fuse.conf: only root may allow others
    }
  }

  public Path mountpoint() {
    return mountpoint;
  }

  /**
   * Flushes open files, unmounts, and waits (bounded) until the kernel no longer lists the mount.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      filesystem.releaseAll();
      if (!loop.isDone()) {
        unmount(mountpoint);
      }
      if (!awaitMounted(mountpoint, false, null)) {
        LOG.log(
            Level.WARNING, "goDFS mount at " + mountpoint + " still listed after " + MOUNT_WAIT);
      }
      try {
        // The kernel ended the connection; libfuse's loop returns once its threads saw it.
        loop.get(MOUNT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        STILL_SERVING.add(operations);
        LOG.log(
            Level.WARNING, "libfuse loop of " + mountpoint + " still running after " + MOUNT_WAIT);
      } catch (ExecutionException e) {
        LOG.log(
            Level.WARNING,
            "libfuse loop of " + mountpoint + " failed: " + e.getCause(),
            e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        STILL_SERVING.add(operations);
      }
    } finally {
      filesystem.close();
    }
  }

  /** Detaches the mount at once (open files of other processes keep working until closed). */
  private static void unmount(Path dir) {
    for (String program : List.of("fusermount3", "fusermount", "umount")) {
      List<String> command =
          program.equals("umount")
              ? List.of(program, "-l", dir.toString())
              : List.of(program, "-u", "-z", dir.toString());
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output =
            new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(MOUNT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          LOG.log(Level.WARNING, String.join(" ", command) + " did not finish");
        } else if (p.exitValue() == 0) {
          return;
        } else {
          LOG.log(
              Level.WARNING,
              String.join(" ", command) + " failed (" + p.exitValue() + "): " + output);
        }
      } catch (IOException e) {
        LOG.log(Level.DEBUG, program + " is not available: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String outcome(CompletableFuture<Integer> loop) {
    try {
      return "fuse_main returned " + loop.getNow(null);
    } catch (CompletionException e) {
      return "fuse_main failed: " + e.getCause();
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
    return field
        .replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\");
  }

  /** Polls the kernel's table until the mount is (or is not) listed, or {@code loop} has ended. */
  private static boolean awaitMounted(Path dir, boolean mounted, CompletableFuture<Integer> loop) {
    long deadline = System.nanoTime() + MOUNT_WAIT.toNanos();
    while (isMounted(dir) != mounted) {
      if (System.nanoTime() > deadline || loop != null && loop.isDone()) {
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
