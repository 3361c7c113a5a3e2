package io.godfs.bootstrap.config;

/** What this build of goDFS calls itself: {@code godfs --version}, and {@code godfs_build_info}. */
public final class Build {
  public static final String VERSION = "goDFS 0.1.0";

  private Build() {}
}
