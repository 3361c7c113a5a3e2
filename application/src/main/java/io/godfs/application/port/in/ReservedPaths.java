package io.godfs.application.port.in;

import io.godfs.domain.file.DfsPath;

/**
 * The folder front ends keep their own state in, inside the cluster rather than on their disks, so
 * any instance serves any upload: hidden from their listings and refused as a caller's path.
 */
public final class ReservedPaths {
  /** Everything under it belongs to goDFS itself. */
  public static final DfsPath ROOT = DfsPath.of("/.godfs");

  /** Staged files of gateway uploads (a PUT's body, a part, a completion) before their rename. */
  public static final DfsPath STAGING = ROOT.child("tmp");

  /** One folder per multipart upload: its manifest and its parts. */
  public static final DfsPath MULTIPART = ROOT.child("uploads");

  private ReservedPaths() {}
}
