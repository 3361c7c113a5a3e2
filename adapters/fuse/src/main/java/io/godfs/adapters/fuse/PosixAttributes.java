package io.godfs.adapters.fuse;

import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.AttributeChange.TimeChange;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.Ownership;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.OptionalInt;
import jnr.ffi.Pointer;

/**
 * How the C arguments of libfuse's attribute callbacks (chmod, chown, utimens; the caller of mkdir
 * and create) become goDFS's {@link AttributeChange} and {@link Ownership} (ADR 0028).
 */
final class PosixAttributes {
  /** {@code tv_nsec} of a timespec meaning "the current time" (utimensat(2)). */
  static final long UTIME_NOW = (1L << 30) - 1;

  /** {@code tv_nsec} of a timespec meaning "leave this time as it is". */
  static final long UTIME_OMIT = (1L << 30) - 2;

  /** (uid_t) -1 and (gid_t) -1 in chown(2): leave it as it is. */
  static final long UNCHANGED_ID = 0xFFFF_FFFFL;

  /** sizeof(struct timespec) on 64-bit Linux: tv_sec and tv_nsec, both 64-bit. */
  private static final int TIMESPEC_SIZE = 16;

  // struct fuse_context (fuse.h): struct fuse *fuse; uid_t uid; gid_t gid; pid_t pid;
  // void *private_data; mode_t umask; offsets on 64-bit Linux.
  private static final int CONTEXT_UID = 8;
  private static final int CONTEXT_GID = 12;
  private static final int CONTEXT_UMASK = 32;

  private PosixAttributes() {}

  /**
   * The process calling mkdir or create, from {@code fuse_get_context()} (valid during the
   * callback, on libfuse's thread): ids as the unsigned numbers they are. Null when there is none.
   */
  record Caller(long uid, long gid, int umask) {
    static Caller of(Pointer context) {
      if (context == null || context.address() == 0) {
        return null;
      }
      return new Caller(
          Integer.toUnsignedLong(context.getInt(CONTEXT_UID)),
          Integer.toUnsignedLong(context.getInt(CONTEXT_GID)),
          context.getInt(CONTEXT_UMASK));
    }
  }

  /**
   * Who owns what {@code caller} creates with {@code mode}: its uid and gid, the permission bits of
   * {@code mode}. The kernel has applied the caller's umask already: it does so unless the file
   * system asks for FUSE_CAP_DONT_MASK (to apply default ACLs itself), which this mount never asks
   * for. Masking again with the umask libfuse reports changes nothing then, and keeps the mode
   * right should that capability ever be set. Without a caller (no libfuse context) the mount's own
   * user owns it.
   */
  static Ownership ownership(Caller caller, int mode, MountOptions options) {
    int bits = mode & InodeAttributes.PERMISSION_BITS;
    if (caller == null) {
      return new Ownership(options.uid(), options.gid(), bits);
    }
    return new Ownership(id("uid", caller.uid()), id("gid", caller.gid()), bits & ~caller.umask());
  }

  /** chown(2): -1 leaves the owner or group as it is. */
  static AttributeChange owner(long uid, long gid) {
    return AttributeChange.owner(optionalId("uid", uid), optionalId("gid", gid));
  }

  /**
   * utimensat(2)'s {@code struct timespec[2]} (access, then modification time); NULL sets both to
   * the current time, as utimensat with NULL does.
   */
  static AttributeChange times(Pointer timespecs) {
    if (timespecs == null || timespecs.address() == 0) {
      return AttributeChange.times(TimeChange.NOW, TimeChange.NOW);
    }
    return AttributeChange.times(
        time(timespecs.getLong(0), timespecs.getLong(8)),
        time(timespecs.getLong(TIMESPEC_SIZE), timespecs.getLong(TIMESPEC_SIZE + 8)));
  }

  /** One timespec: UTIME_NOW, UTIME_OMIT, or a time (before 1970 too: negative seconds). */
  static TimeChange time(long seconds, long nanos) {
    if (nanos == UTIME_NOW) {
      return TimeChange.NOW;
    }
    if (nanos == UTIME_OMIT) {
      return TimeChange.KEEP;
    }
    if (nanos < 0 || nanos > 999_999_999) {
      throw new FuseErrnoException(Errno.EINVAL, "tv_nsec : " + nanos + " (expected: 0-999999999)");
    }
    try {
      return new AttributeChange.At(Instant.ofEpochSecond(seconds, nanos));
    } catch (DateTimeException e) {
      throw new FuseErrnoException(Errno.EINVAL, "tv_sec : " + seconds + " (out of range)");
    }
  }

  private static OptionalInt optionalId(String what, long id) {
    return id == UNCHANGED_ID || id == -1 ? OptionalInt.empty() : OptionalInt.of(id(what, id));
  }

  /** goDFS keeps ids as non-negative ints: ids from 2^31 on cannot be stored. */
  private static int id(String what, long id) {
    if (id < 0 || id > Integer.MAX_VALUE) {
      throw new FuseErrnoException(
          Errno.EINVAL, what + " : " + id + " (expected: 0-" + Integer.MAX_VALUE + ")");
    }
    return (int) id;
  }
}
