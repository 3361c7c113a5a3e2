package io.godfs.adapters.grpc.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A value made from a few small files, made again when their bytes change: checked when asked for,
 * at most once per {@code every} (so a handshake costs a file read only every few seconds, and no
 * thread of its own is needed). A change that cannot be read or parsed keeps the previous value and
 * is logged once, naming the file and why; the first reading must succeed.
 *
 * @param <T> what the files make
 */
final class WatchedFiles<T> {
  private static final System.Logger LOG = System.getLogger(WatchedFiles.class.getName());

  /** A value and which reading made it (0, 1, ...), so a user can tell two readings apart. */
  record Reading<T>(T value, long generation) {}

  private final String what;
  private final List<Path> files;
  private final Function<List<byte[]>, T> parse;
  private final Optional<Duration> every;
  private final LongSupplier nanoTime;
  private volatile Reading<T> current;
  private List<byte[]> currentBytes;
  private List<byte[]> refusedBytes = List.of();
  private long lastCheck;

  /**
   * @param what what the files hold, for messages ("server certificate")
   * @throws IllegalArgumentException naming the file when the first reading fails
   */
  WatchedFiles(
      String what,
      List<Path> files,
      Function<List<byte[]>, T> parse,
      Optional<Duration> every,
      LongSupplier nanoTime) {
    this.what = what;
    this.files = List.copyOf(files);
    this.parse = parse;
    this.every = Objects.requireNonNull(every, "every");
    this.nanoTime = nanoTime;
    this.currentBytes = read();
    this.current = new Reading<>(parsed(currentBytes), 0);
    this.lastCheck = nanoTime.getAsLong();
  }

  /** The value of the files as last read well, after checking them when it is time to. */
  Reading<T> current() {
    if (every.isPresent() && nanoTime.getAsLong() - lastCheck >= every.get().toNanos()) {
      check();
    }
    return current;
  }

  private synchronized void check() {
    long now = nanoTime.getAsLong();
    if (now - lastCheck < every.orElseThrow().toNanos()) {
      return; // another thread checked meanwhile
    }
    lastCheck = now;
    List<byte[]> bytes = List.of();
    T value;
    try {
      bytes = read();
      if (same(bytes, currentBytes) || same(bytes, refusedBytes)) {
        return;
      }
      value = parsed(bytes);
    } catch (IllegalArgumentException e) {
      // A file half-written by a rotation is normal for a moment: said once per content.
      refusedBytes = bytes;
      LOG.log(
          System.Logger.Level.WARNING, "TLS: keeping what was last read well: " + e.getMessage());
      return;
    }
    currentBytes = bytes;
    refusedBytes = List.of();
    current = new Reading<>(value, current.generation() + 1);
    LOG.log(System.Logger.Level.INFO, "TLS: " + what + " reloaded from " + files);
  }

  private List<byte[]> read() {
    List<byte[]> bytes = new ArrayList<>();
    for (Path file : files) {
      try {
        bytes.add(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            what + " file " + file + " cannot be read: " + e.getClass().getSimpleName(), e);
      }
    }
    return bytes;
  }

  private T parsed(List<byte[]> bytes) {
    try {
      return parse.apply(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " in " + files + ": " + e.getMessage(), e);
    }
  }

  private static boolean same(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
