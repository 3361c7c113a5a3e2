package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
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
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Space promised to chunks being written: a whole chunk while the write runs, only the real length
 * once committed. Three nodes with room for 8 whole chunks each, and no heartbeat in between.
 */
class SpaceReservationTest {
  static final long CHUNK = 1 << 20;
  static final long CAPACITY = 8 * CHUNK;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final MasterServices master =
      MasterServices.create(
          new FakeMetadataStore(),
          clock,
          new MasterSettings(CHUNK, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1));

  @BeforeEach
  void threeSmallNodes() {
    for (int i = 1; i <= 3; i++) {
      master
          .registry()
          .register(
              Callers.ANONYMOUS,
              new NodeId("cs-" + i),
              new NodeAddress("127.0.0.1", 8000 + i),
              CAPACITY,
              0,
              List.of());
    }
  }

  @Test
  void manySmallFilesCommittedBetweenHeartbeatsDoNotExhaustTheNodes() {
    for (int i = 0; i < 200; i++) { // 200 x 1 KiB: far more files than whole chunks fit
      FileStatus f =
          master
              .namespace()
              .create(
                  Callers.ANONYMOUS, NewFile.withClusterDefaults(DfsPath.of("/small-" + i), false))
              .orThrow();
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
                  1024,
                  t.pipeline().stream().map(NodeLocation::id).toList()))
          .orThrow();
    }
    assertThat(master.cluster().reservedOn(new NodeId("cs-1"))).isZero();
  }

  @Test
  void chunksStillBeingWrittenHoldAWholeChunkUntilCommitted() {
    for (int i = 0; i < 8; i++) {
      FileStatus f =
          master
              .namespace()
              .create(
                  Callers.ANONYMOUS, NewFile.withClusterDefaults(DfsPath.of("/open-" + i), false))
              .orThrow();
      master
          .chunkWrites()
          .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
          .orThrow();
    }
    FileStatus ninth =
        master
            .namespace()
            .create(Callers.ANONYMOUS, NewFile.withClusterDefaults(DfsPath.of("/ninth"), false))
            .orThrow();
    Outcome<ChunkWriteTarget> refused =
        master
            .chunkWrites()
            .allocate(
                Callers.ANONYMOUS, new ChunkAllocationRequest(ninth.path(), ninth.fileId(), 0));
    assertThat(refused)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> assertThat(r.error().code()).isEqualTo(ErrorCode.NO_CAPACITY));
  }

  @Test
  void aVanishedWritersPromiseLapses() {
    for (int i = 0; i < 8; i++) {
      FileStatus f =
          master
              .namespace()
              .create(
                  Callers.ANONYMOUS, NewFile.withClusterDefaults(DfsPath.of("/open-" + i), false))
              .orThrow();
      master
          .chunkWrites()
          .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
          .orThrow();
    }
    clock.advance(ClusterState.RESERVATION_TTL.plusSeconds(1));
    for (int i = 1; i <= 3; i++) { // heartbeats keep the nodes alive; they report nothing stored
      master
          .registry()
          .heartbeat(Callers.ANONYMOUS, new NodeId("cs-" + i), CAPACITY, 0, 0, List.of());
    }
    FileStatus next =
        master
            .namespace()
            .create(Callers.ANONYMOUS, NewFile.withClusterDefaults(DfsPath.of("/next"), false))
            .orThrow();
    assertThat(
            master
                .chunkWrites()
                .allocate(
                    Callers.ANONYMOUS, new ChunkAllocationRequest(next.path(), next.fileId(), 0))
                .orThrow()
                .pipeline())
        .hasSize(3);
  }
}
