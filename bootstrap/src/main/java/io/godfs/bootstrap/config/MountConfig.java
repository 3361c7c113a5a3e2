package io.godfs.bootstrap.config;

import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code godfs mount} needs besides the master: where, which prefix, and the cache and
 * buffering knobs. {@link #parse} validates flag values and fails with a {@link ConfigException}
 * naming the flag, the value and what is allowed.
 */
public record MountConfig(
    Path mountpoint,
    DfsPath prefix,
    Duration attrTtl,
    Duration dirTtl,
    Duration negativeTtl,
    Duration rpcTimeout,
    boolean readOnly,
    long maxDirtyBytes,
    boolean directIo) {
  public static final String DEFAULT_ATTR_TTL = "1s";
  public static final String DEFAULT_DIR_TTL = "1s";
  public static final String DEFAULT_NEGATIVE_TTL = "500ms";
  public static final String DEFAULT_RPC_TIMEOUT = "30s";
  public static final String DEFAULT_MAX_DIRTY = "64MiB";

  public MountConfig {
    Objects.requireNonNull(mountpoint, "mountpoint");
    Objects.requireNonNull(prefix, "prefix");
  }

  /** Flag values as typed (null = not given, the default applies). */
  public record Flags(String mountpoint, String prefix, String attrTtl, String dirTtl, String negativeTtl,
      String rpcTimeout, boolean readOnly, String maxDirty, boolean directIo) {}

  public static MountConfig parse(Flags f) {
    if (f.mountpoint() == null || f.mountpoint().isBlank()) {
      throw new ConfigException("--mountpoint : missing (expected: an existing empty directory)");
    }
    String rawPrefix = f.prefix() == null ? "/" : f.prefix();
    DfsPath prefix = switch (DfsPath.parse(rawPrefix)) {
      case Outcome.Ok<DfsPath> ok -> ok.value();
      case Outcome.Rejected<DfsPath> r ->
          throw new ConfigException("--prefix : " + rawPrefix + " (expected: an absolute goDFS path like /data)");
    };
    long maxDirty = size("--max-dirty", f.maxDirty(), DEFAULT_MAX_DIRTY, 1L << 20, 1L << 30);
    return new MountConfig(Path.of(f.mountpoint()), prefix,
        duration("--attr-ttl", f.attrTtl(), DEFAULT_ATTR_TTL),
        duration("--dir-ttl", f.dirTtl(), DEFAULT_DIR_TTL),
        duration("--negative-ttl", f.negativeTtl(), DEFAULT_NEGATIVE_TTL),
        duration("--rpc-timeout", f.rpcTimeout(), DEFAULT_RPC_TIMEOUT),
        f.readOnly(), maxDirty, f.directIo());
  }

  private static Duration duration(String flag, String raw, String defaultValue) {
    String value = raw == null ? defaultValue : raw;
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(flag + " : " + value + " (expected: a duration like 1s or 500ms, 0 = off)", e);
    }
  }

  private static long size(String flag, String raw, String defaultValue, long min, long max) {
    String value = raw == null ? defaultValue : raw;
    try {
      long bytes = Sizes.parse(value);
      if (bytes < min || bytes > max) {
        throw new IllegalArgumentException("out of range");
      }
      return bytes;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ConfigException(flag + " : " + value + " (expected: a size from 1MiB to 1GiB like 64MiB)", e);
    }
  }
}
