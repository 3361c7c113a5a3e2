package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.in.Deletion;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.heartbeat.NodeHeartbeat;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The master's use cases over a fake store and soft cluster state, with a hand-moved clock. */
class MasterServicesTest {
  static final long CHUNK = 1 << 20;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeMetadataStore store = new FakeMetadataStore();
  final MasterServices master =
      MasterServices.create(
          store,
          clock,
          new MasterSettings(CHUNK, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1));

  @BeforeEach
  void fourNodes() {
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

  FileStatus newFile(String path) {
    return master
        .namespace()
        .create(Callers.ANONYMOUS, NewFile.withClusterDefaults(DfsPath.of(path), false))
        .orThrow();
  }

  @Test
  void aNewChunkGetsThreeDistinctLiveNodesAndCommitMakesThemReadable() {
    FileStatus f = newFile("/f");
    assertThat(f.replication()).isEqualTo(3);
    assertThat(f.chunkSize()).isEqualTo(CHUNK);
    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    assertThat(t.pipeline()).hasSize(3);
    assertThat(new HashSet<>(t.pipeline())).hasSize(3);

    long length =
        master
            .chunkWrites()
            .commit(
                Callers.ANONYMOUS,
                new ChunkCommitRequest(
                    f.path(),
                    f.fileId(),
                    0,
                    t.chunkId(),
                    t.version(),
                    500,
                    t.pipeline().stream().map(NodeLocation::id).toList()))
            .orThrow();
    assertThat(length).isEqualTo(500);
    LocatedChunk located =
        master.chunkReads().locate(Callers.ANONYMOUS, f.path(), 0, 0).orThrow().chunks().getFirst();
    assertThat(located.replicas()).containsExactlyInAnyOrderElementsOf(t.pipeline());
    assertThat(located.version()).isEqualTo(t.version());
  }

  @Test
  void deadNodesAreNeverChosenNorHandedToReaders() {
    FileStatus f = newFile("/f");
    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    master
        .chunkWrites()
        .commit(
            Callers.ANONYMOUS,
            new ChunkCommitRequest(
                f.path(),
                f.fileId(),
                0,
                t.chunkId(),
                t.version(),
                10,
                t.pipeline().stream().map(NodeLocation::id).toList()))
        .orThrow();
    clock.advance(Duration.ofSeconds(20));
    NodeId survivor = t.pipeline().getFirst().id();
    master.registry().heartbeat(Callers.ANONYMOUS, survivor, 1L << 40, 0, 1, List.of());
    clock.advance(Duration.ofSeconds(15)); // everyone else is now 35 s silent: dead

    assertThat(
            master
                .chunkReads()
                .locate(Callers.ANONYMOUS, f.path(), 0, 0)
                .orThrow()
                .chunks()
                .getFirst()
                .replicas())
        .extracting(NodeLocation::id)
        .containsExactly(survivor);
    assertThat(master.registry().clusterInfo(Callers.ANONYMOUS).liveNodes()).isEqualTo(1);
    Outcome<ChunkWriteTarget> refused =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 1));
    assertThat(refused)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.error().code()).isEqualTo(ErrorCode.NO_CAPACITY);
              assertThat(r.error().message()).contains("only 1 of 1 live");
            });
  }

  @Test
  void excludedNodesAreAvoided() {
    FileStatus f = newFile("/f");
    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(
                Callers.ANONYMOUS,
                new ChunkAllocationRequest(f.path(), f.fileId(), 0, Set.of(new NodeId("cs-2"))))
            .orThrow();
    assertThat(t.pipeline()).extracting(NodeLocation::id).doesNotContain(new NodeId("cs-2"));
  }

  @Test
  void deletedChunksAreHandedToTheirNodesInHeartbeatReplies() {
    FileStatus f = newFile("/f");
    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    master
        .chunkWrites()
        .commit(
            Callers.ANONYMOUS,
            new ChunkCommitRequest(
                f.path(),
                f.fileId(),
                0,
                t.chunkId(),
                t.version(),
                10,
                t.pipeline().stream().map(NodeLocation::id).toList()))
        .orThrow();
    assertThat(master.namespace().delete(Callers.ANONYMOUS, f.path(), false).orThrow())
        .isEqualTo(new Deletion.Deleted(1));
    for (NodeLocation node : t.pipeline()) {
      assertThat(
              master
                  .registry()
                  .heartbeat(Callers.ANONYMOUS, node.id(), 1L << 40, 0, 1, List.of())
                  .orThrow()
                  .deleteChunks())
          .containsExactly(t.chunkId());
      assertThat(
              master
                  .registry()
                  .heartbeat(Callers.ANONYMOUS, node.id(), 1L << 40, 0, 1, List.of())
                  .orThrow()
                  .deleteChunks())
          .isEmpty();
    }
  }

  @Test
  void anUnknownNodeIsAskedToRegisterAgain() {
    assertThat(
            master
                .registry()
                .heartbeat(Callers.ANONYMOUS, new NodeId("stranger"), 1, 0, 0, List.of())
                .orThrow()
                .reregister())
        .isTrue();
  }

  @Test
  void aReportedBadReplicaIsHandedOutLast() {
    FileStatus f = newFile("/f");
    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    master
        .chunkWrites()
        .commit(
            Callers.ANONYMOUS,
            new ChunkCommitRequest(
                f.path(),
                f.fileId(),
                0,
                t.chunkId(),
                t.version(),
                10,
                t.pipeline().stream().map(NodeLocation::id).toList()))
        .orThrow();
    NodeId bad = t.pipeline().get(1).id();
    master.chunkReads().reportBadReplica(Callers.ANONYMOUS, t.chunkId(), bad, "CRC mismatch");
    assertThat(
            master
                .chunkReads()
                .locate(Callers.ANONYMOUS, f.path(), 0, 0)
                .orThrow()
                .chunks()
                .getFirst()
                .replicas())
        .extracting(NodeLocation::id)
        .hasSize(3)
        .endsWith(bad);
  }

  @Test
  void chunkReportsAtRegistrationRestoreLocationsButOnlyForCurrentVersions() {
    FileStatus f = newFile("/f");
    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    master
        .chunkWrites()
        .commit(
            Callers.ANONYMOUS,
            new ChunkCommitRequest(
                f.path(), f.fileId(), 0, t.chunkId(), t.version(), 10, List.of(new NodeId("cs-1"))))
        .orThrow();
    // cs-4 reports the chunk at the current version, cs-3 at an older one (stale), cs-2 an unknown
    // chunk.
    master
        .registry()
        .register(
            Callers.ANONYMOUS,
            new NodeId("cs-4"),
            new NodeAddress("127.0.0.1", 8004),
            1L << 40,
            0,
            List.of(new StoredChunk(t.chunkId(), t.version(), 10)));
    ChunkWriteTarget again =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    master
        .chunkWrites()
        .commit(
            Callers.ANONYMOUS,
            new ChunkCommitRequest(
                f.path(),
                f.fileId(),
                0,
                again.chunkId(),
                again.version(),
                10,
                List.of(new NodeId("cs-1"), new NodeId("cs-4"))))
        .orThrow();
    master
        .registry()
        .register(
            Callers.ANONYMOUS,
            new NodeId("cs-3"),
            new NodeAddress("127.0.0.1", 8003),
            1L << 40,
            0,
            List.of(new StoredChunk(t.chunkId(), t.version(), 10)));
    master
        .registry()
        .register(
            Callers.ANONYMOUS,
            new NodeId("cs-2"),
            new NodeAddress("127.0.0.1", 8002),
            1L << 40,
            0,
            List.of(new StoredChunk(new ChunkId(999), ChunkVersion.FIRST, 10)));
    assertThat(
            master
                .chunkReads()
                .locate(Callers.ANONYMOUS, f.path(), 0, 0)
                .orThrow()
                .chunks()
                .getFirst()
                .replicas())
        .extracting(NodeLocation::id)
        .containsExactlyInAnyOrder(new NodeId("cs-1"), new NodeId("cs-4"));
  }

  @Test
  void anOverwrittenFilesChunksAreReleased() {
    FileStatus f = newFile("/f");
    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    master
        .chunkWrites()
        .commit(
            Callers.ANONYMOUS,
            new ChunkCommitRequest(
                f.path(),
                f.fileId(),
                0,
                t.chunkId(),
                t.version(),
                10,
                t.pipeline().stream().map(NodeLocation::id).toList()))
        .orThrow();
    FileStatus replaced =
        master
            .namespace()
            .create(Callers.ANONYMOUS, NewFile.withClusterDefaults(f.path(), true))
            .orThrow();
    assertThat(replaced.length()).isZero();
    assertThat(
            master
                .registry()
                .heartbeat(
                    Callers.ANONYMOUS, t.pipeline().getFirst().id(), 1L << 40, 0, 1, List.of())
                .orThrow()
                .deleteChunks())
        .containsExactly(t.chunkId());
    // The old writer's commit is refused: the file it wrote was replaced.
    assertThat(
            master
                .chunkWrites()
                .commit(
                    Callers.ANONYMOUS,
                    new ChunkCommitRequest(
                        f.path(),
                        f.fileId(),
                        0,
                        t.chunkId(),
                        t.version(),
                        10,
                        List.of(new NodeId("cs-1")))))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> assertThat(r.error().code()).isEqualTo(ErrorCode.CONFLICT));
  }

  @Test
  void aDeletionIsAskedAgainWithBackoffUntilTheNodeReportsItAndThenLeavesTheQueue() {
    FileStatus f = newFile("/retried");
    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    master
        .chunkWrites()
        .commit(
            Callers.ANONYMOUS,
            new ChunkCommitRequest(
                f.path(),
                f.fileId(),
                0,
                t.chunkId(),
                t.version(),
                10,
                t.pipeline().stream().map(NodeLocation::id).toList()))
        .orThrow();
    master.namespace().delete(Callers.ANONYMOUS, f.path(), false).orThrow();
    NodeId slow = t.pipeline().getFirst().id();
    List<NodeId> others = t.pipeline().subList(1, 3).stream().map(NodeLocation::id).toList();
    var none = List.<ChunkId>of();
    for (NodeId node : others) { // these delete it and say so
      assertThat(
              master
                  .registry()
                  .heartbeat(Callers.ANONYMOUS, node, 1L << 40, 0, 1, List.of())
                  .orThrow()
                  .deleteChunks())
          .containsExactly(t.chunkId());
      master
          .registry()
          .heartbeat(
              Callers.ANONYMOUS,
              new NodeHeartbeat(node, 1L << 40, 0, 0, List.of(), List.of(t.chunkId()), none, none));
    }
    // The slow node is told once, but never reports the deletion (its disk refused, the reply was
    // lost ...).
    assertThat(
            master
                .registry()
                .heartbeat(Callers.ANONYMOUS, slow, 1L << 40, 0, 1, List.of())
                .orThrow()
                .deleteChunks())
        .containsExactly(t.chunkId());
    master.maintenance().runOnce();
    assertThat(
            master
                .registry()
                .heartbeat(Callers.ANONYMOUS, slow, 1L << 40, 0, 1, List.of())
                .orThrow()
                .deleteChunks())
        .as("not yet")
        .isEmpty();
    clock.advance(Duration.ofSeconds(6));
    master.maintenance().runOnce();
    assertThat(
            master
                .registry()
                .heartbeat(Callers.ANONYMOUS, slow, 1L << 40, 0, 1, List.of())
                .orThrow()
                .deleteChunks())
        .containsExactly(t.chunkId());
    assertThat(store.query(new NamespaceQuery.DeletionQueue(10)).orThrow())
        .containsExactly(t.chunkId());

    master
        .registry()
        .heartbeat(
            Callers.ANONYMOUS,
            new NodeHeartbeat(slow, 1L << 40, 0, 0, List.of(), List.of(t.chunkId()), none, none));
    master.maintenance().runOnce();
    assertThat(store.query(new NamespaceQuery.DeletionQueue(10)).orThrow()).isEmpty();
  }
}
