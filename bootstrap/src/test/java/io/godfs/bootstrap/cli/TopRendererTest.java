package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.in.ClusterFigures.Census;
import io.godfs.application.port.in.ClusterFigures.NodeFigures;
import io.godfs.domain.node.AdminState;
import io.godfs.domain.node.MasterInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code godfs admin top}'s frame on fixed figures: the exact text an operator reads. */
class TopRendererTest {
  static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  static final long GIB = 1L << 30;
  static final long TIB = 1L << 40;

  static final List<MasterInfo> THREE_MASTERS =
      List.of(
          new MasterInfo("m1", "10.0.0.1:9200", "10.0.0.1:9090", false),
          new MasterInfo("m2", "10.0.0.2:9200", "10.0.0.2:9090", true),
          new MasterInfo("m3", "10.0.0.3:9200", null, false));

  static ClusterFigures figures(long chunks) {
    return figures(chunks, 0, 0);
  }

  static ClusterFigures figures(long chunks, long readBytes, long writtenBytes) {
    return new ClusterFigures(
        List.of(
            new NodeFigures("chunk-1", true, AdminState.IN_SERVICE, 2 * TIB, 512 * GIB),
            new NodeFigures("chunk-2", true, AdminState.DECOMMISSIONING, 2 * TIB, 1536 * GIB),
            new NodeFigures("chunk-3", false, AdminState.IN_SERVICE, 2 * TIB, 700 * GIB),
            new NodeFigures("chunk-4", true, AdminState.DECOMMISSIONED, 0, 0)),
        false,
        new Census(NOW.minusSeconds(125), chunks, 17, 2, 1, 4),
        3,
        42,
        readBytes,
        writtenBytes);
  }

  @Test
  void aReplicatedClusterWithTroubleReadsAsAnOperatorExpects() {
    String frame =
        TopRenderer.STANDARD.render(
            new TopRenderer.Sample(NOW, figures(1234), THREE_MASTERS), null);

    assertThat(frame)
        .isEqualTo(
            """
            goDFS cluster at 2026-03-04 05:06:07 UTC
            masters     m1 10.0.0.1:9090, m2 10.0.0.2:9090 (leader), m3
            nodes       3 live, 1 dead, 1 decommissioning
            space       2.0 TiB used of 4.0 TiB on live nodes (50.0%)
            throughput  read -, written -
            chunks      1234 examined, 17 under-replicated, 2 missing
            replicas    1 corrupt, 4 stale
            queues      rebalance 17, copies in flight 3, pending deletes 42
            safe mode   off
            census      2m05s ago (2026-03-04 05:04:02 UTC)

            NODE             HEALTH ADMIN              CAPACITY        USED   USE%
            chunk-1          LIVE   IN_SERVICE          2.0 TiB   512.0 GiB  25.0%
            chunk-2          LIVE   DECOMMISSIONING     2.0 TiB     1.5 TiB  75.0%
            chunk-3          DEAD   IN_SERVICE          2.0 TiB   700.0 GiB  34.2%
            chunk-4          LIVE   DECOMMISSIONED          0 B         0 B      -
            """);
  }

  @Test
  void aSingleMasterInSafeModeBeforeItsFirstCensus() {
    ClusterFigures starting = new ClusterFigures(List.of(), true, Census.NONE, 0, 0);

    String frame =
        TopRenderer.STANDARD.render(new TopRenderer.Sample(NOW, starting, List.of()), null);

    assertThat(frame)
        .isEqualTo(
            """
            goDFS cluster at 2026-03-04 05:06:07 UTC
            masters     1, keeping the metadata in memory (not a replicated group)
            nodes       0 live, 0 dead, 0 decommissioning
            space       0 B used of 0 B on live nodes
            throughput  read -, written -
            chunks      0 examined, 0 under-replicated, 0 missing
            replicas    0 corrupt, 0 stale
            queues      rebalance 0, copies in flight 0, pending deletes 0
            safe mode   ON (nothing is copied or deleted)
            census      none yet (the leader has not finished a healing round this term)

            NODE             HEALTH ADMIN              CAPACITY        USED   USE%
            (no chunkserver has registered with the leader)
            """);
  }

  @Test
  void aMasterGroupWithoutALeaderSaysSo() {
    List<MasterInfo> leaderless =
        List.of(
            new MasterInfo("m1", "10.0.0.1:9200", "10.0.0.1:9090", false),
            new MasterInfo("m2", "10.0.0.2:9200", "10.0.0.2:9090", false));

    String frame =
        TopRenderer.STANDARD.render(new TopRenderer.Sample(NOW, figures(1), leaderless), null);

    assertThat(frame.lines().toList().get(1))
        .isEqualTo("masters     m1 10.0.0.1:9090, m2 10.0.0.2:9090 - no leader known");
  }

  /**
   * The throughput line: the chunkservers' cumulative bytes read and written (from their
   * heartbeats) become rates per second between two frames.
   */
  @Test
  void aCounterBecomesARatePerSecondBetweenFrames() {
    TopRenderer withCounters = TopRenderer.STANDARD;
    TopRenderer.Sample first = new TopRenderer.Sample(NOW, figures(0, 0, 0), THREE_MASTERS);
    TopRenderer.Sample second =
        new TopRenderer.Sample(
            NOW.plus(Duration.ofSeconds(2)), figures(0, 3 << 20, 6 << 20), THREE_MASTERS);
    TopRenderer.Sample afterANewLeader =
        new TopRenderer.Sample(NOW.plus(Duration.ofSeconds(4)), figures(0, 10, 20), THREE_MASTERS);

    assertThat(withCounters.render(first, null))
        .contains("\nspace       2.0 TiB used of 4.0 TiB on live nodes (50.0%)\n")
        .contains("\nthroughput  read -, written -\n")
        .contains("\nchunks      0 examined");
    assertThat(withCounters.render(second, first))
        .contains("\nthroughput  read 1.5 MiB/s, written 3.0 MiB/s\n");
    assertThat(withCounters.render(afterANewLeader, second))
        .as("a total that went down (a new leader counts from zero) has no rate")
        .contains("\nthroughput  read -, written -\n");
    assertThat(new TopRenderer(List.of()).render(second, first)).doesNotContain("throughput");
  }

  @Test
  void namesThatCouldDriveTheTerminalArePrintedEscaped() {
    ClusterFigures hostile =
        new ClusterFigures(
            List.of(new NodeFigures("evil\u001b[2J", true, AdminState.IN_SERVICE, 1, 0)),
            false,
            Census.NONE,
            0,
            0);

    String frame =
        TopRenderer.STANDARD.render(new TopRenderer.Sample(NOW, hostile, List.of()), null);

    assertThat(frame).doesNotContain("\u001b").contains("evil\\u{001B}[2J");
  }

  @Test
  void agesAndSizesAreShortAndExact() {
    assertThat(TopRenderer.age(Duration.ofSeconds(4))).isEqualTo("4s ago");
    assertThat(TopRenderer.age(Duration.ofSeconds(3 * 3600 + 7 * 60 + 9))).isEqualTo("3h07m ago");
    assertThat(TopRenderer.age(Duration.ofSeconds(-3))).isEqualTo("0s ago");
    assertThat(TopRenderer.bytes(1023)).isEqualTo("1023 B");
    assertThat(TopRenderer.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(TopRenderer.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
  }
}
