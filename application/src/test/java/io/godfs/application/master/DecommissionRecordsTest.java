package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.in.NodeReport;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.node.AdminState;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's decommission order is replicated metadata: a master that becomes the leader (its
 * soft state empty) still knows it, and removing the record takes it back.
 */
class DecommissionRecordsTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeMetadataStore store = new FakeMetadataStore();
  final MasterServices master =
      MasterServices.create(
          store,
          clock,
          new MasterSettings(1 << 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1));

  @BeforeEach
  void fourNodes() {
    registerNodes();
  }

  private void registerNodes() {
    for (int i = 1; i <= 4; i++) {
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
  }

  private AdminState stateOf(String node) {
    return master.admin().nodes(Callers.ANONYMOUS).orThrow().stream()
        .filter(r -> r.id().value().equals(node))
        .map(NodeReport::adminState)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aDecommissionOrderOutlivesTheLeadersSoftState() {
    master.admin().decommission(Callers.ANONYMOUS, new NodeId("cs-2")).orThrow();
    assertThat(stateOf("cs-2")).isEqualTo(AdminState.DECOMMISSIONING);

    master.beginTerm(); // what a master does on becoming the leader: soft state forgotten
    registerNodes();

    assertThat(stateOf("cs-2")).isEqualTo(AdminState.DECOMMISSIONING);
    assertThat(stateOf("cs-1")).isEqualTo(AdminState.IN_SERVICE);
    assertThat(master.cluster().retiring()).containsExactly(new NodeId("cs-2"));
  }

  @Test
  void removingTheRecordPutsTheNodeBackInService() {
    master.admin().decommission(Callers.ANONYMOUS, new NodeId("cs-3")).orThrow();
    master
        .admin()
        .decommission(Callers.ANONYMOUS, new NodeId("cs-3"))
        .orThrow(); // again: nothing changes
    store
        .execute(
            new NamespaceCommand.Delete(
                DecommissionRecords.DIR.child("cs-3"), false, clock.instant()),
            Callers.ANONYMOUS)
        .orThrow();

    assertThat(stateOf("cs-3")).isEqualTo(AdminState.IN_SERVICE);
    assertThat(master.cluster().retiring()).isEmpty();
  }
}
