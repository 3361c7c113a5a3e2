package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.fuse.PosixAttributes.Caller;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.AttributeChange.TimeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.Ownership;
import java.time.Instant;
import java.util.OptionalInt;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.Test;

/** The C arguments of chmod, chown, utimens and of the caller of mkdir and create, decoded. */
class PosixAttributesTest {
  private static final Runtime RUNTIME = Runtime.getSystemRuntime();
  private static final MountOptions OPTIONS = MountOptions.defaults(DfsPath.of("/m"), 1000, 100);

  @Test
  void utimensTimesAreNowOmitOrATimeToTheNanosecondBefore1970Too() {
    Pointer times = Memory.allocateDirect(RUNTIME, 32);
    times.putLong(0, -315_619_200L); // 1960-01-01T00:00:00Z
    times.putLong(8, 123_456_789L);
    times.putLong(16, 0);
    times.putLong(24, PosixAttributes.UTIME_OMIT);
    assertThat(PosixAttributes.times(times))
        .isEqualTo(
            AttributeChange.times(
                new AttributeChange.At(Instant.parse("1960-01-01T00:00:00.123456789Z")),
                TimeChange.KEEP));

    times.putLong(8, PosixAttributes.UTIME_NOW);
    times.putLong(16, 4_102_444_800L); // 2100-01-01: past 2038
    times.putLong(24, 1);
    assertThat(PosixAttributes.times(times))
        .isEqualTo(
            AttributeChange.times(
                TimeChange.NOW,
                new AttributeChange.At(Instant.parse("2100-01-01T00:00:00.000000001Z"))));

    assertThat(PosixAttributes.times(null))
        .isEqualTo(AttributeChange.times(TimeChange.NOW, TimeChange.NOW));
    assertThatThrownBy(() -> PosixAttributes.time(0, 1_000_000_000L))
        .isInstanceOf(FuseErrnoException.class)
        .satisfies(e -> assertThat(((FuseErrnoException) e).errno()).isEqualTo(Errno.EINVAL));
  }

  @Test
  void chownLeavesAnIdOfMinusOneAsItIs() {
    assertThat(PosixAttributes.owner(1234, 0xFFFF_FFFFL))
        .isEqualTo(AttributeChange.owner(OptionalInt.of(1234), OptionalInt.empty()));
    assertThat(PosixAttributes.owner(0xFFFF_FFFFL, 0))
        .isEqualTo(AttributeChange.owner(OptionalInt.empty(), OptionalInt.of(0)));
    assertThat(PosixAttributes.owner(-1, -1).isEmpty()).isTrue();
    assertThatThrownBy(() -> PosixAttributes.owner(3_000_000_000L, 0))
        .isInstanceOf(FuseErrnoException.class);
  }

  @Test
  void theCallerOwnsWhatItCreatesWithItsUmaskApplied() {
    Pointer context = Memory.allocateDirect(RUNTIME, 40, true);
    context.putInt(8, 1234);
    context.putInt(12, 5678);
    context.putInt(16, 42); // pid
    context.putInt(32, 027);
    Caller caller = Caller.of(context);
    assertThat(caller).isEqualTo(new Caller(1234, 5678, 027));

    // The kernel has masked already (no FUSE_CAP_DONT_MASK): masking again changes nothing.
    assertThat(PosixAttributes.ownership(caller, 0750, OPTIONS))
        .isEqualTo(new Ownership(1234, 5678, 0750));
    assertThat(PosixAttributes.ownership(caller, 0100777, OPTIONS))
        .isEqualTo(new Ownership(1234, 5678, 0750));
    assertThat(PosixAttributes.ownership(new Caller(0, 0, 0), 04755, OPTIONS))
        .isEqualTo(new Ownership(0, 0, 04755));
    assertThat(PosixAttributes.ownership(null, 0644, OPTIONS))
        .isEqualTo(new Ownership(1000, 100, 0644));
    assertThat(Caller.of(null)).isNull();
    assertThatThrownBy(
            () -> PosixAttributes.ownership(new Caller(0xFFFF_FFFEL, 0, 0), 0644, OPTIONS))
        .isInstanceOf(FuseErrnoException.class);
  }
}
