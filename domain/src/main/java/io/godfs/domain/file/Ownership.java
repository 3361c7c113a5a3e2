package io.godfs.domain.file;

/**
 * Who a new file or directory belongs to and its permission bits, as its creator asks (ADR 0028):
 * the mount passes its caller's uid and gid and the mode the kernel computed with the umask.
 * Without one (null) the namespace gives the defaults of {@link InodeAttributes}.
 */
public record Ownership(int owner, int group, int mode) {
  public Ownership {
    RequestChecks.notNegative("owner", owner, "a uid");
    RequestChecks.notNegative("group", group, "a gid");
    if ((mode & ~InodeAttributes.PERMISSION_BITS) != 0) {
      throw new IllegalArgumentException(
          "mode : 0" + Integer.toOctalString(mode) + " (expected: permission bits within 07777)");
    }
  }
}
