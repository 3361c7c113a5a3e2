package io.godfs.adapters.rest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.ClusterFigures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputHistoryTest {
  private Instant now = Instant.parse("2026-12-05T10:00:00Z");

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  private static ClusterFigures figures(long read, long written) {
    return new ClusterFigures(List.of(), false, ClusterFigures.Census.NONE, 0, 0, read, written);
  }

  @Test
  void keepsOneSamplePerIntervalAndTheRatesBetweenThem() {
    ThroughputHistory history = new ThroughputHistory(clock);
    history.offer(figures(0, 0));
    now = now.plusSeconds(3);
    history.offer(figures(100, 100)); // too soon: dropped
    now = now.plusSeconds(7);
    history.offer(figures(1000, 2000));
    now = now.plusSeconds(10);
    history.offer(figures(500, 4000)); // a node died: its count left the total

    assertThat(history.samples()).hasSize(3);
    assertThat(history.rates())
        .extracting(ThroughputHistory.Rate::readBytesPerSecond)
        .containsExactly(100.0, 0.0);
    assertThat(history.rates())
        .extracting(ThroughputHistory.Rate::writtenBytesPerSecond)
        .containsExactly(200.0, 200.0);
  }

  @Test
  void forgetsWhatIsOlderThanAnHour() {
    ThroughputHistory history = new ThroughputHistory(clock);
    for (int i = 0; i < 400; i++) {
      history.offer(figures(i, i));
      now = now.plus(ThroughputHistory.EVERY);
    }
    List<ThroughputHistory.Sample> kept = history.samples();
    assertThat(kept).hasSizeLessThanOrEqualTo(361);
    assertThat(kept.getFirst().at()).isAfterOrEqualTo(now.minus(Duration.ofHours(1)));
    assertThat(kept.getLast().readBytes()).isEqualTo(399);
  }
}
