package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.port.in.ClusterFigures;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How {@code godfs admin top} draws: in place on a terminal, frame after frame into a pipe, once
 * for scripts, and how it ends (Ctrl-C, a failing master).
 */
@Timeout(20)
class TopLoopTest {
  static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  static final Duration FAST = Duration.ofMillis(10);

  final StringWriter text = new StringWriter();
  final PrintWriter out = new PrintWriter(text);
  final AtomicInteger fetches = new AtomicInteger();

  /** Frame n shows n chunks; {@code failFrom} on (1-based) the fetch fails. */
  Supplier<TopRenderer.Sample> samples(int failFrom) {
    return () -> {
      int n = fetches.incrementAndGet();
      if (n >= failFrom) {
        throw new DfsException(ErrorCode.UNAVAILABLE, "cannot reach the master\u001b[2J");
      }
      return new TopRenderer.Sample(
          NOW.plusSeconds(n),
          new ClusterFigures(List.of(), false, new ClusterFigures.Census(NOW, n, 0, 0, 0, 0), 0, 0),
          List.of());
    };
  }

  TopLoop loop(Supplier<TopRenderer.Sample> fetch, boolean terminal) {
    return new TopLoop(
        fetch, TopRenderer.STANDARD, out, terminal, InstantSource.fixed(NOW.plusSeconds(99)));
  }

  @Test
  void onceDrawsOneFrameWithoutEscapesEvenOnATerminal() {
    int code = loop(samples(Integer.MAX_VALUE), true).run(FAST, true);

    assertThat(code).isZero();
    assertThat(fetches).hasValue(1);
    assertThat(text.toString())
        .isEqualTo(
            TopRenderer.STANDARD.render(
                new TopRenderer.Sample(
                    NOW.plusSeconds(1),
                    new ClusterFigures(
                        List.of(), false, new ClusterFigures.Census(NOW, 1, 0, 0, 0, 0), 0, 0),
                    List.of()),
                null))
        .doesNotContain("\u001b");
  }

  @Test
  void intoAPipeEachFrameFollowsTheLastUntilStopped() throws Exception {
    TopLoop loop = loop(samples(Integer.MAX_VALUE), false);
    CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> loop.run(FAST, false));
    while (fetches.get() < 3) {
      Thread.sleep(5);
    }
    loop.stop(Duration.ofSeconds(5));

    assertThat(running.get(5, TimeUnit.SECONDS)).isZero();
    String all = text.toString();
    assertThat(all).doesNotContain("\u001b").startsWith("goDFS cluster at");
    assertThat(all.split("\n\ngoDFS cluster at", -1)).hasSizeGreaterThanOrEqualTo(3);
    assertThat(all).contains("chunks      1 examined").contains("chunks      3 examined");
  }

  @Test
  void onATerminalFramesAreRedrawnInPlaceAndTheCursorComesBackAtTheEnd() throws Exception {
    TopLoop loop = loop(samples(Integer.MAX_VALUE), true);
    CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> loop.run(FAST, false));
    while (fetches.get() < 2) {
      Thread.sleep(5);
    }
    loop.stop(Duration.ofSeconds(5)); // what Ctrl-C does

    assertThat(running.get(5, TimeUnit.SECONDS)).isZero();
    String all = text.toString();
    assertThat(all).startsWith("\u001b[?25l\u001b[2J\u001b[H").endsWith("\u001b[J\u001b[?25h");
    assertThat(all).contains("goDFS cluster at 2026-03-04 05:06:08 UTC\u001b[K\n");
    assertThat(all.split("\u001b\\[H", -1).length - 1)
        .as("one cursor-home per frame")
        .isEqualTo(fetches.get());
  }

  @Test
  void aFirstFetchThatFailsIsTheCommandsErrorAfterTheTerminalIsRestored() {
    TopLoop loop = loop(samples(1), true);

    assertThatThrownBy(() -> loop.run(FAST, false))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    assertThat(text.toString()).isEqualTo("\u001b[?25l\u001b[2J\u001b[?25h");
  }

  @Test
  void aLaterFailureIsShownUnderTheLastFrameAndTriedAgain() throws Exception {
    TopLoop loop = loop(samples(2), false);
    CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> loop.run(FAST, false));
    while (fetches.get() < 3) {
      Thread.sleep(5);
    }
    loop.stop(Duration.ofSeconds(5));

    assertThat(running.get(5, TimeUnit.SECONDS)).isZero();
    assertThat(text.toString())
        .contains(
            "\nupdate failed at 05:07:46 UTC, retrying every 10ms: cannot reach the master"
                + "\\u{001B}[2J\n")
        .doesNotContain("\u001b");
  }
}
