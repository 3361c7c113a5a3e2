package io.godfs.bootstrap.config;

import io.godfs.domain.file.DfsPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code godfs mount} needs besides the master: where, which prefix, and the cache and
 * buffering knobs. Built and validated by {@link ConfigLoader#mount}.
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
}
