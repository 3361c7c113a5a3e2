package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.fake.RecordingHealingMeter;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.application.port.out.HealingMeter.Action;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.ReplicationOrder;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The healing loop's orders and the bytes its copies bring are counted (ADR 0023): a dead holder's
 * chunk is ordered copied ({@code replicate}), and the copy's arrival counts its bytes once.
 */
class HealingMeterTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final RecordingHealingMeter meter = new RecordingHealingMeter();
  final MasterServices master =
      MasterServices.create(
          new FakeMetadataStore(),
          clock,
          new MasterSettings(1 << 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1),
          AccessPolicy.fixed(AccessRules.off()),
          ChunkTokenSettings.OFF,
          new Random(2),
          meter);

  private final List<NodeId> nodes = new ArrayList<>();

  private List<ReplicationOrder> beat(NodeId node, List<StoredChunk> stored) {
    return master
        .registry()
        .heartbeat(Callers.ANONYMOUS, node, 1L << 40, 0, 1, stored)
        .orThrow()
        .copies();
  }

  @Test
  void aCopyOrderedForADeadHoldersChunkIsCountedAndSoAreItsBytesWhenItArrives() {
    for (int i = 1; i <= 4; i++) {
      NodeId id = new NodeId("cs-" + i);
      nodes.add(id);
      master
          .registry()
          .register(
              Callers.ANONYMOUS,
              id,
              new NodeAddress("127.0.0.1", 8000 + i),
              1L << 40,
              0,
              List.of());
    }
    FileStatus f =
        master
            .namespace()
            .create(Callers.ANONYMOUS, NewFile.withClusterDefaults(DfsPath.of("/f"), false))
            .orThrow();
    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    List<NodeId> holders = t.pipeline().stream().map(NodeLocation::id).toList();
    master
        .chunkWrites()
        .commit(
            Callers.ANONYMOUS,
            new ChunkCommitRequest(f.path(), f.fileId(), 0, t.chunkId(), t.version(), 500, holders))
        .orThrow();
    NodeId lost = holders.getFirst();
    List<ReplicationOrder> orders = new ArrayList<>();
    NodeId target = null;
    for (int i = 0; i < 20 && orders.isEmpty(); i++) { // 60 s: `lost` goes silent past 30 s
      clock.advance(Duration.ofSeconds(3));
      for (NodeId n : nodes) {
        if (!n.equals(lost)) {
          List<ReplicationOrder> got = beat(n, List.of());
          if (!got.isEmpty()) {
            orders.addAll(got);
            target = n;
          }
        }
      }
      master.maintenance().runOnce();
    }
    assertThat(meter.ordered()).contains(Action.REPLICATE);
    assertThat(meter.copiedBytes.get()).isZero();
    for (int i = 0; i < 3 && orders.isEmpty(); i++) { // the order goes out at the next heartbeat
      for (NodeId n : nodes) {
        if (!n.equals(lost)) {
          List<ReplicationOrder> got = beat(n, List.of());
          if (!got.isEmpty()) {
            orders.addAll(got);
            target = n;
          }
        }
      }
    }
    assertThat(orders).hasSize(1);

    ReplicationOrder order = orders.getFirst();
    beat(target, List.of(new StoredChunk(order.chunk(), order.version(), order.length())));
    assertThat(meter.copiedBytes.get()).isEqualTo(500);

    beat(target, List.of(new StoredChunk(order.chunk(), order.version(), order.length())));
    assertThat(meter.copiedBytes.get()).as("a second report of the same replica").isEqualTo(500);
  }
}
