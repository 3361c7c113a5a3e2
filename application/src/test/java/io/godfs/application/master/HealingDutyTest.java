package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Healing rounds scan the whole namespace, so a round that took T is followed by a pause of
 * (DIVISOR - 1) T: on a clock that moves 1 ms per reading, a round right after another is skipped.
 * What a round did is seen through the decommission orders it reads at its start.
 */
class HealingDutyTest {
  /** Moves forward 1 ms each time it is read: every round takes time. */
  static final class TickingClock implements InstantSource {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public synchronized Instant instant() {
      now = now.plusMillis(1);
      return now;
    }

    synchronized void advance(Duration d) {
      now = now.plus(d);
    }
  }

  final TickingClock clock = new TickingClock();
  final FakeMetadataStore store = new FakeMetadataStore();
  final MasterServices master =
      MasterServices.create(
          store,
          clock,
          new MasterSettings(1 << 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1));

  @Test
  void aRoundRightAfterAnotherIsSkippedAndRunsOnceItsShareOfTimePassed() {
    for (int i = 1; i <= 3; i++) {
      master
          .registry()
          .register(
              Callers.ANONYMOUS,
              new NodeId("cs-" + i),
              new NodeAddress("127.0.0.1", 8000 + i),
              1L << 40,
              0,
              List.of());
    }
    for (int i = 0; i < 3; i++) { // out of safe mode first: a round in safe mode sets no pause
      clock.advance(Duration.ofSeconds(10));
      master.maintenance().runOnce();
    }
    assertThat(master.admin().safeMode(Callers.ANONYMOUS).orThrow().on()).isFalse();
    var order = DecommissionRecords.DIR.child("cs-2");
    store
        .execute(new NamespaceCommand.Mkdir(order, true, clock.instant()), Callers.ANONYMOUS)
        .orThrow();
    clock.advance(Duration.ofSeconds(10));
    master.maintenance().runOnce();
    assertThat(master.cluster().retiring()).containsExactly(new NodeId("cs-2"));

    store
        .execute(new NamespaceCommand.Delete(order, false, clock.instant()), Callers.ANONYMOUS)
        .orThrow();
    master.maintenance().runOnce(); // too soon: skipped, so the order taken back is not seen yet
    assertThat(master.cluster().retiring()).containsExactly(new NodeId("cs-2"));

    clock.advance(Duration.ofSeconds(10));
    master.maintenance().runOnce();
    assertThat(master.cluster().retiring()).isEmpty();
  }
}
