package io.godfs.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.port.out.MasterRegistry;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.heartbeat.HeartbeatReply;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@link MasterRegistry} port contract, run against every adapter (the in-process fake and the
 * gRPC client): what registration and heartbeats tell the master (address, space, chunk reports)
 * and what the replies tell the chunkserver (heartbeat interval, re-register, chunks to delete,
 * each exactly once). Files and chunks are made through the master's own use cases.
 */
public abstract class MasterRegistryContract extends MasterPortFixture<MasterRegistry> {

  private Duration register(int i, long capacity, long used, List<StoredChunk> report) {
    return port.register(node(i).id(), node(i).address(), capacity, used, report);
  }

  private HeartbeatReply beat(int i) {
    return port.heartbeat(node(i).id(), SPACE, 0, 0, List.of());
  }

  /**
   * A file with one committed chunk of 10 bytes on {@code replicas} (placed over the live nodes).
   */
  private ChunkWriteTarget committedChunk(
      String path, List<NodeId> replicas, Set<NodeId> excluded) {
    FileStatus f = newFile(path);
    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(
                Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0, excluded))
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
                replicas.isEmpty()
                    ? t.pipeline().stream().map(NodeLocation::id).toList()
                    : replicas))
        .orThrow();
    return t;
  }

  private List<NodeLocation> locate(String path) {
    return master
        .chunkReads()
        .locate(Callers.ANONYMOUS, p(path), 0, 0)
        .orThrow()
        .chunks()
        .getFirst()
        .replicas();
  }

  @Test
  void registerReturnsTheMastersHeartbeatInterval() {
    assertThat(register(1, SPACE, 0, List.of())).isEqualTo(HEARTBEAT);
    assertThat(register(1, SPACE, 0, List.of())).isEqualTo(HEARTBEAT); // again, as after a restart
    assertThat(master.registry().clusterInfo(Callers.ANONYMOUS).liveNodes()).isEqualTo(1);
  }

  @Test
  void aRegisteredNodeIsNotAskedToRegisterAgainButAStrangerIs() {
    register(1, SPACE, 0, List.of());

    assertThat(beat(1)).isEqualTo(new HeartbeatReply(false, List.of()));
    assertThat(port.heartbeat(new NodeId("stranger"), SPACE, 0, 0, List.of()).reregister())
        .isTrue();
    assertThat(master.registry().clusterInfo(Callers.ANONYMOUS).liveNodes()).isEqualTo(1);
  }

  @Test
  void heartbeatsKeepANodeAlive() {
    register(1, SPACE, 0, List.of());
    register(2, SPACE, 0, List.of());

    clock.advance(DEAD_AFTER.minusSeconds(10));
    assertThat(beat(2).reregister()).isFalse();
    clock.advance(Duration.ofSeconds(15)); // cs-1 is now silent for longer than DEAD_AFTER
    assertThat(master.registry().clusterInfo(Callers.ANONYMOUS).liveNodes()).isEqualTo(1);
  }

  @Test
  void registrationAndHeartbeatsCarryTheAddressAndSpaceThePlacementUses() {
    for (int i = 1; i <= 3; i++) {
      register(i, SPACE, 0, List.of());
    }
    register(4, CHUNK, CHUNK, List.of()); // full: no room for a chunk
    FileStatus f = newFile("/f");

    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    assertThat(t.pipeline()).containsExactlyInAnyOrder(node(1), node(2), node(3));

    assertThat(beat(4).reregister()).isFalse(); // now with a terabyte free
    t =
        master
            .chunkWrites()
            .allocate(
                Callers.ANONYMOUS,
                new ChunkAllocationRequest(f.path(), f.fileId(), 0, Set.of(node(1).id())))
            .orThrow();
    assertThat(t.pipeline()).containsExactlyInAnyOrder(node(2), node(3), node(4));
  }

  @Test
  void chunksOfRemovedFilesArriveInHeartbeatRepliesExactlyOnce() {
    for (int i = 1; i <= 4; i++) {
      register(i, SPACE, 0, List.of());
    }
    ChunkWriteTarget deleted = committedChunk("/deleted", List.of(), Set.of(node(4).id()));
    ChunkWriteTarget replaced = committedChunk("/replaced", List.of(), Set.of(node(4).id()));
    assertThat(beat(1).deleteChunks()).isEmpty();

    master.namespace().delete(Callers.ANONYMOUS, p("/deleted"), false).orThrow();
    master
        .namespace()
        .create(Callers.ANONYMOUS, NewFile.withClusterDefaults(p("/replaced"), true))
        .orThrow();

    for (int i = 1; i <= 3; i++) {
      assertThat(beat(i).deleteChunks())
          .as("cs-%d", i)
          .containsExactlyInAnyOrder(deleted.chunkId(), replaced.chunkId());
      assertThat(beat(i).deleteChunks()).as("cs-%d a second time", i).isEmpty();
    }
    assertThat(beat(4).deleteChunks()).as("cs-4 never held them").isEmpty();
  }

  @Test
  void aChunkReportAtRegistrationMakesACommittedChunkLocatableOnThatNode() {
    for (int i = 1; i <= 3; i++) {
      register(i, SPACE, 0, List.of());
    }
    ChunkWriteTarget t = committedChunk("/f", List.of(node(1).id()), Set.of());
    assertThat(locate("/f")).containsExactly(node(1));

    StoredChunk replica = new StoredChunk(t.chunkId(), t.version(), 10);
    StoredChunk orphan = new StoredChunk(new ChunkId(999_999), t.version(), 10);
    assertThat(register(2, SPACE, 10, List.of(replica, orphan))).isEqualTo(HEARTBEAT);
    assertThat(locate("/f")).containsExactlyInAnyOrder(node(1), node(2));

    register(1, SPACE, 0, List.of()); // a full report without the chunk: cs-1 lost it
    assertThat(locate("/f")).containsExactly(node(2));
  }

  @Test
  void aReportedReplicaOlderThanTheCommittedVersionIsNotLocated() {
    for (int i = 1; i <= 3; i++) {
      register(i, SPACE, 0, List.of());
    }
    FileStatus f = newFile("/f");
    ChunkWriteTarget v1 =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    List<NodeId> first = List.of(node(1).id(), node(2).id());
    master
        .chunkWrites()
        .commit(
            Callers.ANONYMOUS,
            new ChunkCommitRequest(f.path(), f.fileId(), 0, v1.chunkId(), v1.version(), 10, first))
        .orThrow();
    ChunkWriteTarget v2 =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    master
        .chunkWrites()
        .commit(
            Callers.ANONYMOUS,
            new ChunkCommitRequest(f.path(), f.fileId(), 0, v2.chunkId(), v2.version(), 20, first))
        .orThrow();

    register(3, SPACE, 10, List.of(new StoredChunk(v1.chunkId(), v1.version(), 10)));
    assertThat(locate("/f")).containsExactlyInAnyOrder(node(1), node(2));
    register(3, SPACE, 20, List.of(new StoredChunk(v2.chunkId(), v2.version(), 20)));
    assertThat(locate("/f")).containsExactlyInAnyOrder(node(1), node(2), node(3));
  }
}
