package io.godfs.adapters.grpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How a wire thread waits for bytes before it blocks: never longer than the bound, never reading a
 * byte, at once when bytes are there, and only while a place among the watchers is free.
 */
class WireSpinTest {
  /** Longer than any test runs: a watch that ends did so because of bytes or a missing place. */
  private static final long FOREVER = TimeUnit.MINUTES.toNanos(10);

  private static final long SHORT = TimeUnit.MILLISECONDS.toNanos(2);

  /** A stream that only answers {@code available()}, counting the questions. */
  private static final class Watched extends InputStream {
    private final int bytesFromPoll;
    private final boolean fails;
    int polls;

    Watched(int bytesFromPoll) {
      this(bytesFromPoll, false);
    }

    private Watched(int bytesFromPoll, boolean fails) {
      this.bytesFromPoll = bytesFromPoll;
      this.fails = fails;
    }

    static Watched failing() {
      return new Watched(0, true);
    }

    @Override
    public int available() throws IOException {
      polls++;
      if (fails) {
        throw new IOException("connection reset");
      }
      return bytesFromPoll > 0 && polls >= bytesFromPoll ? 1 : 0;
    }

    @Override
    public int read() {
      throw new AssertionError("the watch must not read: the caller reads the frame");
    }
  }

  /** One wait of a new connection. */
  private static void watch(WireSpin spin, InputStream buffered, InputStream socket)
      throws IOException {
    spin.awaitBytes(buffered, socket, spin.pace());
  }

  @Test
  void waitsThatKeepBeingLongStopTheWatchingAndShortOnesBringItBack() throws IOException {
    WireSpin spin = new WireSpin(1, SHORT);
    WireSpin.Pace pace = spin.pace();
    pace.arrivedAfter(TimeUnit.MINUTES.toNanos(5)); // an idle pause counts as four bounds
    Watched socket = new Watched(1);
    spin.awaitBytes(new Watched(0), socket, pace);
    assertThat(socket.polls).as("one long wait: still watching").isEqualTo(1);

    pace.arrivedAfter(TimeUnit.MINUTES.toNanos(5));
    socket = new Watched(1);
    spin.awaitBytes(new Watched(0), socket, pace);
    assertThat(socket.polls).as("waits that keep being long: blocks at once").isZero();

    pace.arrivedAfter(0);
    pace.arrivedAfter(0);
    socket = new Watched(1);
    spin.awaitBytes(new Watched(0), socket, pace);
    assertThat(socket.polls).as("short waits again: watching again").isEqualTo(1);
  }

  @Test
  void bytesTheKernelHoldsEndTheWatchAtOnce() throws IOException {
    Watched buffered = new Watched(0);
    Watched socket = new Watched(3);
    watch(new WireSpin(1, FOREVER), buffered, socket);
    assertThat(socket.polls).isEqualTo(3);
  }

  @Test
  void bytesAlreadyBufferedEndTheWatchBeforeTheSocketIsAsked() throws IOException {
    Watched buffered = new Watched(1);
    Watched socket = new Watched(0);
    watch(new WireSpin(1, FOREVER), buffered, socket);
    assertThat(socket.polls).isZero();
  }

  @Test
  void withoutBytesTheWatchEndsAfterItsBound() throws IOException {
    Watched socket = new Watched(0);
    long start = System.nanoTime();
    watch(new WireSpin(1, SHORT), new Watched(0), socket);
    long took = System.nanoTime() - start;
    assertThat(took).isGreaterThanOrEqualTo(SHORT).isLessThan(TimeUnit.SECONDS.toNanos(5));
    assertThat(socket.polls).isGreaterThan(1);
  }

  @Test
  void aWaiterThatFindsEveryPlaceTakenDoesNotWatch() throws IOException {
    Watched socket = new Watched(0);
    watch(new WireSpin(0, FOREVER), new Watched(0), socket);
    assertThat(socket.polls).isZero();
  }

  @Test
  void thePlaceIsFreeAgainAfterAWatchEvenOneThatFailed() throws IOException {
    WireSpin spin = new WireSpin(1, FOREVER);
    assertThatThrownBy(() -> watch(spin, new Watched(0), Watched.failing()))
        .isInstanceOf(IOException.class)
        .hasMessage("connection reset");
    Watched socket = new Watched(2);
    watch(spin, new Watched(0), socket);
    assertThat(socket.polls).as("the second waiter watched: the place was given back").isEqualTo(2);
  }
}
