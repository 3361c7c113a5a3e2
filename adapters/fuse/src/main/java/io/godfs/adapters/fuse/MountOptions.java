package io.godfs.adapters.fuse;

import io.godfs.domain.file.DfsPath;
import java.time.Duration;
import java.util.Objects;

/**
 * How a goDFS namespace prefix is mounted. TTLs of zero turn the matching cache off (in this
 * process and in the kernel). Defaults and their reasons: docs/adr/0008-fuse-mount.md.
 *
 * @param prefix the goDFS directory shown as the mount's root
 * @param attrTtl how long file attributes (type, size, times) are reused without asking the master
 * @param dirTtl how long a directory listing page is reused
 * @param negativeTtl how long "does not exist" is remembered
 * @param rpcTimeout deadline of each namespace call; {@link Duration#ZERO} = only the SDK's own
 * @param readOnly refuse every change with EROFS
 * @param maxDirtyBytes buffered, unflushed bytes per open file before they are written out
 * @param directIo bypass the kernel page cache: every read and write reaches this process
 * @param uid the mounting user's uid: owner of what this mount creates when libfuse names no
 *     caller. Not reported: every file shows its stored owner, group and mode (ADR 0028)
 * @param gid the mounting user's gid, as {@code uid}
 */
public record MountOptions(
    DfsPath prefix,
    Duration attrTtl,
    Duration dirTtl,
    Duration negativeTtl,
    Duration rpcTimeout,
    boolean readOnly,
    long maxDirtyBytes,
    boolean directIo,
    int uid,
    int gid) {
  public static final Duration DEFAULT_ATTR_TTL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_DIR_TTL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofMillis(500);
  public static final Duration DEFAULT_RPC_TIMEOUT = Duration.ofSeconds(30);
  public static final long DEFAULT_MAX_DIRTY_BYTES = 64L << 20;

  public MountOptions {
    Objects.requireNonNull(prefix, "prefix");
    requireNotNegative("attrTtl", attrTtl);
    requireNotNegative("dirTtl", dirTtl);
    requireNotNegative("negativeTtl", negativeTtl);
    requireNotNegative("rpcTimeout", rpcTimeout);
    if (maxDirtyBytes < 1 << 20) {
      throw new IllegalArgumentException(
          "maxDirtyBytes : " + maxDirtyBytes + " (expected: >= 1 MiB)");
    }
  }

  /** The defaults for {@code prefix}, mounted by {@code uid}/{@code gid}. */
  public static MountOptions defaults(DfsPath prefix, int uid, int gid) {
    return new MountOptions(
        prefix,
        DEFAULT_ATTR_TTL,
        DEFAULT_DIR_TTL,
        DEFAULT_NEGATIVE_TTL,
        DEFAULT_RPC_TIMEOUT,
        false,
        DEFAULT_MAX_DIRTY_BYTES,
        false,
        uid,
        gid);
  }

  public MountOptions withReadOnly(boolean value) {
    return new MountOptions(
        prefix, attrTtl, dirTtl, negativeTtl, rpcTimeout, value, maxDirtyBytes, directIo, uid, gid);
  }

  public MountOptions withDirectIo(boolean value) {
    return new MountOptions(
        prefix, attrTtl, dirTtl, negativeTtl, rpcTimeout, readOnly, maxDirtyBytes, value, uid, gid);
  }

  public MountOptions withTtls(Duration attr, Duration dir, Duration negative) {
    return new MountOptions(
        prefix, attr, dir, negative, rpcTimeout, readOnly, maxDirtyBytes, directIo, uid, gid);
  }

  public MountOptions withRpcTimeout(Duration value) {
    return new MountOptions(
        prefix, attrTtl, dirTtl, negativeTtl, value, readOnly, maxDirtyBytes, directIo, uid, gid);
  }

  private static void requireNotNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " : " + d + " (expected: >= 0)");
    }
  }
}
