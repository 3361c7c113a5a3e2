package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
  private Deadlines deadlines;

  @AfterEach
  void close() {
    if (deadlines != null) {
      deadlines.close();
    }
  }

  @Test
  void aCallRunsOnTheCallingThreadAndReturnsItsValue() {
    deadlines = new Deadlines(Duration.ofSeconds(30));
    Thread caller = Thread.currentThread();
    assertThat(deadlines.call("stat", () -> Thread.currentThread() == caller)).isTrue();
  }

  @Test
  void whatACallThrowsPassesThrough() {
    deadlines = new Deadlines(Duration.ofSeconds(30));
    DfsException refused = new DfsException(ErrorCode.NOT_FOUND, "no /a");
    assertThatThrownBy(
            () ->
                deadlines.call(
                    "stat /a",
                    () -> {
                      throw refused;
                    }))
        .isSameAs(refused);
  }

  @Test
  void aCallPastItsDeadlineIsInterruptedAndGivesEtimedoutWithoutLeavingTheInterrupt() {
    deadlines = new Deadlines(Duration.ofMillis(200));
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                deadlines.call(
                    "stat /slow",
                    () -> {
                      try {
                        Thread.sleep(Duration.ofSeconds(30)); // a master that does not answer
                        return null;
                      } catch (InterruptedException e) {
                        // As the SDK does when its gRPC call is cancelled under it.
                        throw new DfsException(ErrorCode.UNAVAILABLE, "call cancelled");
                      }
                    }))
        .isInstanceOfSatisfying(
            FuseErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ETIMEDOUT))
        .hasMessageContaining("stat /slow timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aCallThatEndsAfterItsDeadlineAnywayKeepsItsResultAndNoInterrupt() {
    deadlines = new Deadlines(Duration.ofMillis(50));
    String result =
        deadlines.call(
            "mkdir /d",
            () -> {
              long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
              while (System.nanoTime() < until) {
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // ignores the interrupt
              }
              return "made";
            });
    assertThat(result).isEqualTo("made");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aCallWithinItsDeadlineIsNeverInterruptedLater() throws InterruptedException {
    deadlines = new Deadlines(Duration.ofMillis(50));
    assertThat(deadlines.call("stat /fast", () -> "ok")).isEqualTo("ok");
    Thread.sleep(300); // past the deadline: the ended call is no longer watched
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void withoutADeadlineTheCallJustRuns() {
    deadlines = new Deadlines(Duration.ZERO);
    assertThat(deadlines.call("stat", () -> 7)).isEqualTo(7);
  }
}
