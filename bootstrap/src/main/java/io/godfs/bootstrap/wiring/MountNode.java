package io.godfs.bootstrap.wiring;

import io.godfs.adapters.fuse.FuseMount;
import io.godfs.adapters.fuse.MountOptions;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.out.MountMeter;
import io.godfs.bootstrap.config.MountConfig;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.FileStatus;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A running FUSE mount: the client in-ports ({@code fs}, e.g. a {@code GodfsClient}) driven by the
 * fuse adapter. Closing it unmounts (after writing out buffered bytes) and then closes {@code fs}.
 */
public final class MountNode implements AutoCloseable {
  private final FuseMount mount;
  private final FileSystemUseCase fs;

  private MountNode(FuseMount mount, FileSystemUseCase fs) {
    this.mount = mount;
    this.fs = fs;
  }

  /**
   * Checks that the prefix is a goDFS directory, then mounts it. On failure {@code fs} is left open
   * for the caller to close.
   *
   * @throws DfsException when the master refuses or cannot be reached
   * @throws io.godfs.adapters.fuse.MountException when the kernel refuses the mount
   */
  public static MountNode start(FileSystemUseCase fs, MountConfig config) {
    return start(fs, config, MountMeter.NONE);
  }

  /**
   * As above, its FUSE callbacks counted and timed in {@code meter}, which also reads its buffered
   * bytes and open files (ADR 0023).
   */
  public static MountNode start(FileSystemUseCase fs, MountConfig config, MountMeter meter) {
    return start(fs, config, meter, OpenTelemetry.noop());
  }

  /** As above, every FUSE callback a span of {@code tracing} (ADR 0023). */
  public static MountNode start(
      FileSystemUseCase fs, MountConfig config, MountMeter meter, OpenTelemetry tracing) {
    FileStatus prefix = fs.stat(config.prefix());
    if (!prefix.isDirectory()) {
      throw new DfsException(
          ErrorCode.NOT_A_DIRECTORY, "prefix " + config.prefix() + " is a file, not a directory");
    }
    int[] user = currentUser();
    MountOptions options =
        new MountOptions(
            config.prefix(),
            config.attrTtl(),
            config.dirTtl(),
            config.negativeTtl(),
            config.rpcTimeout(),
            config.readOnly(),
            config.maxDirtyBytes(),
            config.directIo(),
            user[0],
            user[1]);
    return new MountNode(FuseMount.mount(fs, config.mountpoint(), options, meter, tracing), fs);
  }

  public Path mountpoint() {
    return mount.mountpoint();
  }

  /** This process's uid and gid: /proc/self belongs to them. */
  private static int[] currentUser() {
    try {
      Path self = Path.of("/proc/self");
      return new int[] {
        (Integer) Files.getAttribute(self, "unix:uid"),
        (Integer) Files.getAttribute(self, "unix:gid")
      };
    } catch (IOException | UnsupportedOperationException e) {
      return new int[] {0, 0};
    }
  }

  @Override
  public void close() {
    try {
      mount.close();
    } finally {
      fs.close();
    }
  }
}
