package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.fuse.ErrnoMapper.Operation;
import io.godfs.application.port.out.MountMeter;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every callback is counted once by its name and result: ok, or the errno the program sees. */
class FuseCallsTest {
  /** Keeps "callback result" per ended callback, and how often each meter was asked for. */
  static final class Recording implements MountMeter {
    final List<String> ended = new ArrayList<>();
    final List<String> asked = new ArrayList<>();

    @Override
    public OperationMeter operation(String callback) {
      asked.add(callback);
      return (result, nanos) -> {
        assertThat(nanos).isNotNegative();
        ended.add(callback + " " + result);
      };
    }

    @Override
    public void watch(Supplier<Figures> figures) {}
  }

  @Test
  void successesRefusalsAndReturnedErrnosAreCountedByName() {
    Recording meter = new Recording();
    FuseCalls calls = new FuseCalls(meter);

    assertThat(calls.run("getattr", "/a", () -> 0)).isZero();
    assertThat(calls.run("read", "/a", Operation.DATA, () -> 4096)).isEqualTo(4096);
    assertThat(
            calls.run(
                "getattr",
                "/missing",
                () -> {
                  throw new DfsException(ErrorCode.NOT_FOUND, "/missing");
                }))
        .isEqualTo(-Errno.ENOENT);
    assertThat(
            calls.run(
                "write",
                "/a",
                Operation.DATA,
                () -> {
                  throw new DfsException(ErrorCode.UNAVAILABLE, "no replica");
                }))
        .isEqualTo(-Errno.EIO);
    assertThat(calls.run("opendir", "/f", () -> -Errno.ENOTDIR)).isEqualTo(-Errno.ENOTDIR);
    assertThat(calls.run("chmod", "/f", () -> -40)).isEqualTo(-40); // ELOOP: not ours

    assertThat(meter.ended)
        .containsExactly(
            "getattr ok",
            "read ok",
            "getattr ENOENT",
            "write EIO",
            "opendir ENOTDIR",
            "chmod errno_40");
    assertThat(meter.asked).containsExactly("getattr", "read", "write", "opendir", "chmod");
  }

  @Test
  void withoutMetricsTheGuardStillMapsErrnos() {
    FuseCalls calls = new FuseCalls(MountMeter.NONE);
    assertThat(
            calls.run(
                "rmdir",
                "/d",
                () -> {
                  throw new DfsException(ErrorCode.NOT_EMPTY, "/d");
                }))
        .isEqualTo(-Errno.ENOTEMPTY);
  }
}
