package io.godfs.application.port.in;

import io.godfs.domain.access.UploadAreas;
import io.godfs.domain.file.DfsPath;

/**
 * The folder front ends keep their own state in, inside the cluster rather than on their disks, so
 * any instance serves any upload: hidden from their listings and refused as a caller's path. With
 * security on, each user stages in its own folders below these ({@link UploadAreas}).
 */
public final class ReservedPaths {
  /** Everything under it belongs to goDFS itself. */
  public static final DfsPath ROOT = UploadAreas.RESERVED;

  /** Staged files of gateway uploads (a PUT's body, a part, a completion) before their rename. */
  public static final DfsPath STAGING = UploadAreas.STAGING;

  /** One folder per multipart upload: its manifest and its parts. */
  public static final DfsPath MULTIPART = UploadAreas.MULTIPART;

  /**
   * The master's trash (ADR 0024): one folder per deletion. Hidden from the listing of {@code /};
   * every caller's call on it or below it is refused (INVALID_ARGUMENT, as a bad path), only the
   * trash's own use cases ({@link TrashUseCase}) reach it.
   */
  public static final DfsPath TRASH = DfsPath.of("/.trash");

  private ReservedPaths() {}
}
