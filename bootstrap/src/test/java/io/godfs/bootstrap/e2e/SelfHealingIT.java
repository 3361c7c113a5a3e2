package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.RepairEvent;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master restores three good copies of everything by itself, and deletes nothing it should not.
 */
class SelfHealingIT {
  static final int CHUNK = 1 << 20;
  static final Duration DEAD_AFTER = Duration.ofSeconds(2);
  static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path dir;

  private TestCluster cluster(int nodes, HealingSettings healing) {
    return new TestCluster(
        dir,
        nodes,
        new MasterConfig(
            "127.0.0.1",
            0,
            CHUNK,
            3,
            DEAD_AFTER,
            Duration.ofMillis(200),
            MasterConfig.DEFAULT_LEASE_TIMEOUT,
            healing));
  }

  @Test
  void stoppedNodesReplicasAreCopiedFewestCopiesFirstAndAReturningNodesExtraCopiesAreTrimmed()
      throws Exception {
    try (TestCluster cluster =
            cluster(5, HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO).withCopies(3, 16));
        var channels = cluster.channels()) {
      GodfsClient fs = cluster.client();
      DfsPath path = DfsPath.of("/heal/data.bin");
      fs.mkdir(path.parent(), true);
      long length = 30L * CHUNK + 99;
      try (OutputStream out = fs.create(path, false)) {
        Payload.write(out, 5, length, 1 << 20);
      }
      Map<ChunkId, Set<NodeId>> before = placement(cluster, path);
      NodeId a = cluster.chunkservers().get(0).location().id();
      NodeId b = cluster.chunkservers().get(1).location().id();
      Set<ChunkId> oneLeft = new HashSet<>();
      before.forEach(
          (chunk, nodes) -> {
            if (nodes.contains(a) && nodes.contains(b)) {
              oneLeft.add(chunk);
            }
          });
      // Both nodes must be known dead in the same round for "fewest copies first" to be observable:
      // hold healing in safe mode while they die, then let it go.
      var admin = new GrpcAdminClient(cluster.masterAddress(), channels, Duration.ofSeconds(10));
      admin.setSafeMode(true);
      cluster.chunkservers().get(0).close();
      cluster.chunkservers().get(1).close();
      Waits.until(WAIT, "both stopped nodes to be dead", () -> cluster.liveNodes() == 3);
      int eventsBefore = cluster.master().maintenance().recentRepairs().size();
      admin.setSafeMode(false);

      Waits.until(
          WAIT,
          "every chunk to have 3 live copies again",
          () -> allHaveCopies(cluster, path, 3, Set.of(a, b)));
      try (SeekableInput in = fs.open(path)) {
        assertThat(Payload.firstMismatch(in, 5, 0, length)).isEqualTo(-1);
      }
      // Fewest copies first: each chunk's first copy order, in order, never goes from 2 live copies
      // back to 1.
      List<Integer> firstOrders = new ArrayList<>();
      Set<ChunkId> seen = new HashSet<>();
      for (RepairEvent e :
          cluster
              .master()
              .maintenance()
              .recentRepairs()
              .subList(eventsBefore, cluster.master().maintenance().recentRepairs().size())) {
        if (e.kind() == RepairEvent.Kind.COPY_ORDERED && seen.add(e.chunk())) {
          firstOrders.add(e.liveCopies());
        }
      }
      assertThat(firstOrders)
          .hasSize(
              before.size()
                  - (int)
                      before.values().stream()
                          .filter(n -> !n.contains(a) && !n.contains(b))
                          .count());
      assertThat(firstOrders).isSorted();
      assertThat(firstOrders.stream().filter(c -> c == 1).count()).isEqualTo(oneLeft.size());

      // A returning node reports copies that are now extra: the master trims back to 3.
      cluster.restartChunkserver(0);
      Waits.until(
          WAIT,
          "extra copies to be trimmed",
          () ->
              allHaveCopies(cluster, path, 3, Set.of())
                  && cluster.master().maintenance().recentRepairs().stream()
                      .anyMatch(e -> e.kind() == RepairEvent.Kind.EXCESS_DELETED));
      try (SeekableInput in = cluster.networkClient().open(path)) {
        assertThat(Payload.firstMismatch(in, 5, 0, length)).isEqualTo(-1);
      }
    }
  }

  @Test
  void aCorruptReplicaFoundByAReaderIsReplacedFromAGoodCopy() throws Exception {
    aCorruptReplicaFoundByAReaderIsReplaced(4, "/corrupt.bin", 6, 3);
  }

  @Test
  void onAsManyNodesAsReplicasACorruptReplicaIsReplacedOnItsOwnNode() throws Exception {
    // As `godfs dev`: three chunkservers, three replicas, so no fourth node can take the fresh
    // copy.
    aCorruptReplicaFoundByAReaderIsReplaced(3, "/corrupt3.bin", 9, 1);
  }

  /**
   * A reader meets a corrupt replica, fails over, reports it; the master replaces it; {@code reads}
   * reads then agree.
   */
  private void aCorruptReplicaFoundByAReaderIsReplaced(int nodes, String name, long seed, int reads)
      throws Exception {
    try (TestCluster cluster =
        cluster(nodes, HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO))) {
      GodfsClient fs = cluster.client();
      DfsPath path = DfsPath.of(name);
      long length = 2L * CHUNK;
      try (OutputStream out = fs.create(path, false)) {
        Payload.write(out, seed, length, 1 << 20);
      }
      LocatedChunk first = cluster.locate(path).getFirst();
      NodeId victim = first.replicas().getFirst().id(); // the replica readers try first
      corruptChunkFile(node(cluster, victim), first.chunkId());

      try (SeekableInput in = cluster.networkClient().open(path)) {
        assertThat(Payload.firstMismatch(in, seed, 0, length))
            .as("the reader fails over")
            .isEqualTo(-1);
      }
      Waits.until(
          WAIT,
          "the corrupt replica to be replaced",
          () ->
              cluster.master().maintenance().recentRepairs().stream()
                      .anyMatch(
                          e ->
                              e.kind() == RepairEvent.Kind.CORRUPT_DELETED
                                  && e.node().equals(victim))
                  && allHaveCopies(cluster, path, 3, Set.of()));
      for (int i = 0; i < reads; i++) {
        try (SeekableInput in = cluster.networkClient().open(path)) {
          assertThat(Payload.firstMismatch(in, seed, 0, length)).isEqualTo(-1);
        }
      }
    }
  }

  @Test
  void theScrubberFindsACorruptReplicaNoReaderTouchedAndTheMasterReplacesIt() throws Exception {
    try (TestCluster cluster =
        cluster(4, HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO))) {
      GodfsClient fs = cluster.client();
      DfsPath path = DfsPath.of("/scrubbed.bin");
      long length = 3L * CHUNK;
      try (OutputStream out = fs.create(path, false)) {
        Payload.write(out, 12, length, 1 << 20);
      }
      LocatedChunk last = cluster.locate(path).getLast();
      NodeId victim = last.replicas().getLast().id();
      ChunkserverNode node = node(cluster, victim);
      long foundBefore = node.scrubStats().corruptFound();
      corruptChunkFile(node, last.chunkId());

      Waits.until(
          WAIT,
          "the scrubber on " + victim + " to find the corrupt replica",
          () -> node.scrubStats().corruptFound() > foundBefore);
      Waits.until(
          WAIT,
          "the master to replace it",
          () ->
              cluster.master().maintenance().recentRepairs().stream()
                      .anyMatch(
                          e ->
                              e.kind() == RepairEvent.Kind.CORRUPT_DELETED
                                  && e.node().equals(victim))
                  && allHaveCopies(cluster, path, 3, Set.of()));
      for (int i = 0; i < 3; i++) {
        try (SeekableInput in = cluster.networkClient().open(path)) {
          assertThat(Payload.firstMismatch(in, 12, 0, length)).isEqualTo(-1);
        }
      }
    }
  }

  @Test
  void theBalancerMovesChunksOntoNewEmptyNodesKeepingThreeCopies() throws Exception {
    long capacity = 64L * CHUNK;
    try (TestCluster cluster =
        cluster(0, HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO))) {
      for (int i = 0; i < 3; i++) {
        cluster.addChunkserver(capacity);
      }
      cluster.awaitLiveNodes(3);
      GodfsClient fs = cluster.client();
      DfsPath path = DfsPath.of("/balanced.bin");
      long length = 24L * CHUNK;
      try (OutputStream out = fs.create(path, false)) {
        Payload.write(out, 13, length, 1 << 20);
      }
      cluster.addChunkserver(capacity);
      cluster.addChunkserver(capacity);
      cluster.awaitLiveNodes(5);

      // 72 MiB of replicas over 5 nodes of 64 MiB: evened out to within the 10 % threshold (plus
      // one chunk).
      Waits.until(
          WAIT,
          "usage to even out",
          () -> {
            List<Long> used =
                cluster.chunkservers().stream()
                    .map(n -> n.store().list().stream().mapToLong(c -> c.length()).sum())
                    .toList();
            long spread =
                used.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - used.stream().mapToLong(Long::longValue).min().orElseThrow();
            return spread <= capacity / 10 + CHUNK && allHaveCopies(cluster, path, 3, Set.of());
          });
      assertThat(cluster.master().maintenance().recentRepairs())
          .anyMatch(e -> e.kind() == RepairEvent.Kind.BALANCE_COPY_ORDERED);
      try (SeekableInput in = cluster.networkClient().open(path)) {
        assertThat(Payload.firstMismatch(in, 13, 0, length)).isEqualTo(-1);
      }
    }
  }

  @Test
  void aRestartedStaleReplicaIsNeverServedAndIsDeleted() throws Exception {
    try (TestCluster cluster =
        cluster(4, HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO))) {
      GodfsClient fs = cluster.client();
      DfsPath path = DfsPath.of("/stale.bin");
      try (OutputStream out = fs.create(path, false)) {
        Payload.write(out, 7, CHUNK / 2, 1 << 16);
      }
      NodeId away = cluster.locate(path).getFirst().replicas().getFirst().id();
      int index = indexOf(cluster, away);
      cluster.chunkservers().get(index).close();
      Waits.until(WAIT, away + " to be dead", () -> cluster.liveNodes() == 3);
      byte[] newer = Payload.bytes(8, CHUNK / 2);
      try (OutputStream out = fs.openForWriteAt(path, 0)) {
        out.write(newer); // a new version of the chunk, written without the absent node
      }
      cluster.restartChunkserver(index);

      Waits.until(
          WAIT,
          "the stale replica on " + away + " to be deleted",
          () ->
              cluster.master().maintenance().recentRepairs().stream()
                  .anyMatch(
                      e -> e.kind() == RepairEvent.Kind.STALE_DELETED && e.node().equals(away)));
      assertThat(cluster.locate(path).getFirst().replicas())
          .extracting(NodeLocation::id)
          .doesNotContain(away);
      try (SeekableInput in = cluster.networkClient().open(path)) {
        assertThat(in.readAllBytes()).isEqualTo(newer);
      }
    }
  }

  @Test
  void aRestartedMasterDeletesNothingInSafeModeAndOrphansOnlyAfterTheGracePeriod()
      throws Exception {
    HealingSettings healing = HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO);
    try (TestCluster cluster = cluster(3, healing)) {
      GodfsClient fs = cluster.client();
      try (OutputStream out = fs.create(DfsPath.of("/kept.bin"), false)) {
        Payload.write(out, 9, 3L * CHUNK, 1 << 20);
      }
      int files = TestCluster.chunkFiles(cluster.chunkservers().getFirst()).size();
      assertThat(files).isEqualTo(3);

      // The in-memory master forgets its namespace: every replica on disk becomes an orphan. Safe
      // mode holds until all 3 chunkservers are back and for 3 s more; orphans wait 2 s after that.
      MasterConfig restarted =
          new MasterConfig(
              "127.0.0.1",
              0,
              CHUNK,
              3,
              DEAD_AFTER,
              Duration.ofMillis(200),
              MasterConfig.DEFAULT_LEASE_TIMEOUT,
              HealingSettings.DEFAULTS
                  .withSafeMode(3, Duration.ofSeconds(3))
                  .withOrphanGrace(Duration.ofSeconds(2)));
      long start = System.nanoTime();
      cluster.restartMaster(restarted);
      Waits.until(WAIT, "the chunkservers to register again", () -> cluster.liveNodes() == 3);
      while (System.nanoTime() - start < Duration.ofSeconds(3).toNanos()) {
        for (ChunkserverNode node : cluster.chunkservers()) {
          assertThat(TestCluster.chunkFiles(node))
              .as("nothing deleted in safe mode")
              .hasSize(files);
        }
        Thread.onSpinWait();
      }
      Waits.until(
          WAIT,
          "the orphans to be collected after safe mode and the grace period",
          () -> cluster.chunkservers().stream().allMatch(n -> TestCluster.chunkFiles(n).isEmpty()));
      assertThat(cluster.master().maintenance().recentRepairs())
          .filteredOn(e -> e.kind() == RepairEvent.Kind.ORPHAN_DELETED)
          .hasSize(9);
    }
  }

  private static Map<ChunkId, Set<NodeId>> placement(TestCluster cluster, DfsPath path) {
    Map<ChunkId, Set<NodeId>> out = new HashMap<>();
    for (LocatedChunk c : cluster.locate(path)) {
      Set<NodeId> nodes = new HashSet<>();
      c.replicas().forEach(r -> nodes.add(r.id()));
      out.put(c.chunkId(), nodes);
    }
    return out;
  }

  private static boolean allHaveCopies(
      TestCluster cluster, DfsPath path, int copies, Set<NodeId> gone) {
    for (LocatedChunk c : cluster.locate(path)) {
      List<NodeId> ids = c.replicas().stream().map(NodeLocation::id).toList();
      if (ids.size() != copies || ids.stream().anyMatch(gone::contains)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(TestCluster cluster, NodeId id) {
    for (int i = 0; i < cluster.chunkservers().size(); i++) {
      if (cluster.chunkservers().get(i).location().id().equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no chunkserver " + id);
  }

  private static ChunkserverNode node(TestCluster cluster, NodeId id) {
    return cluster.chunkservers().get(indexOf(cluster, id));
  }

  /** Flips one byte in the middle of the replica's file, under the store's back (bit rot). */
  private static void corruptChunkFile(ChunkserverNode node, ChunkId chunk) throws Exception {
    Path file =
        TestCluster.chunkFiles(node).stream()
            .filter(p -> p.getFileName().toString().startsWith(chunk.hex()))
            .findFirst()
            .orElseThrow();
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, 1000);
      one.flip();
      byte flipped = (byte) ~one.get(0);
      ch.write(ByteBuffer.wrap(new byte[] {flipped}), 1000);
      ch.force(true);
    }
  }
}
