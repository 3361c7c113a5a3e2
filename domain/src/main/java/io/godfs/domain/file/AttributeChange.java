package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * A change of an inode's attributes (ADR 0028), each part optional: {@code chmod} sets the mode,
 * {@code chown} the owner and/or group, {@code utimensat} and {@code touch} the access and
 * modification times. Whatever it changes, the change time becomes the master's time.
 */
public record AttributeChange(
    OptionalInt owner,
    OptionalInt group,
    OptionalInt mode,
    TimeChange accessed,
    TimeChange modified) {
  public AttributeChange {
    requireNonNull(owner, "owner");
    requireNonNull(group, "group");
    requireNonNull(mode, "mode");
    requireNonNull(accessed, "accessed");
    requireNonNull(modified, "modified");
    owner.ifPresent(o -> RequestChecks.notNegative("owner", o, "a uid"));
    group.ifPresent(g -> RequestChecks.notNegative("group", g, "a gid"));
    mode.ifPresent(
        m -> {
          if ((m & ~InodeAttributes.PERMISSION_BITS) != 0) {
            throw new IllegalArgumentException(
                "mode : 0"
                    + Integer.toOctalString(m)
                    + " (expected: permission bits within 07777)");
          }
        });
  }

  /** {@code chmod}. */
  public static AttributeChange mode(int mode) {
    return new AttributeChange(
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.of(mode),
        TimeChange.KEEP,
        TimeChange.KEEP);
  }

  /** {@code chown}: either may be empty (left as it is). */
  public static AttributeChange owner(OptionalInt owner, OptionalInt group) {
    return new AttributeChange(owner, group, OptionalInt.empty(), TimeChange.KEEP, TimeChange.KEEP);
  }

  /** {@code utimensat}. */
  public static AttributeChange times(TimeChange accessed, TimeChange modified) {
    return new AttributeChange(
        OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), accessed, modified);
  }

  /** Whether it changes nothing (a {@code utimensat} with both times UTIME_OMIT). */
  public boolean isEmpty() {
    return owner.isEmpty()
        && group.isEmpty()
        && mode.isEmpty()
        && accessed == TimeChange.KEEP
        && modified == TimeChange.KEEP;
  }

  /**
   * A time to set: {@link #KEEP} it ({@code UTIME_OMIT}), {@link #NOW} (the master's time, {@code
   * UTIME_NOW}), or {@link At a given instant}.
   */
  public sealed interface TimeChange permits Keep, Now, At {
    TimeChange KEEP = new Keep();
    TimeChange NOW = new Now();

    /** The instant to set given the master's {@code now}; null to keep the time. */
    Instant resolve(Instant now);
  }

  /** Leaves the time. */
  public record Keep() implements TimeChange {
    @Override
    public Instant resolve(Instant now) {
      return null;
    }
  }

  /** The master's time. */
  public record Now() implements TimeChange {
    @Override
    public Instant resolve(Instant now) {
      return now;
    }
  }

  /** A time the client gives, kept to the nanosecond. */
  public record At(Instant at) implements TimeChange {
    public At {
      requireNonNull(at, "at");
    }

    @Override
    public Instant resolve(Instant now) {
      return at;
    }
  }
}
