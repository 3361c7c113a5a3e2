package io.godfs.application.contract;

import static io.godfs.application.contract.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.fake.Callers;
import io.godfs.application.port.out.MasterClient;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.node.ClusterInfo;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The chunk and cluster half of the {@link MasterClient} contract: allocate, commit and locate
 * round trips, placement that avoids excluded nodes, cluster info and bad-replica reports. Run
 * through {@link MasterClientContract}; nodes register through the master's own use case.
 */
public abstract class MasterClientChunksContract extends MasterPortFixture<MasterClient> {

  protected static List<NodeId> ids(ChunkWriteTarget target) {
    return target.pipeline().stream().map(NodeLocation::id).toList();
  }

  @Test
  void aCommittedChunkIsLocatedOnExactlyItsPipelineWithItsVersionAndLength() {
    registerNodes(3);
    FileStatus f = port.create(NewFile.withClusterDefaults(p("/f"), false));

    ChunkWriteTarget t = port.allocateChunk(new ChunkAllocationRequest(f.path(), f.fileId(), 0));
    assertThat(t.pipeline()).containsExactlyInAnyOrder(node(1), node(2), node(3));
    assertThat(t.version()).isEqualTo(ChunkVersion.FIRST.next()); // over an empty, committed v1
    assertThat(t.chunkSize()).isEqualTo(CHUNK);
    assertThat(t.committedLength()).isZero();
    assertThat(
            port.commitChunk(
                new ChunkCommitRequest(
                    f.path(), f.fileId(), 0, t.chunkId(), t.version(), 1000, ids(t))))
        .isEqualTo(1000);

    LocatedFile located = port.locate(f.path(), 0, 0);
    assertThat(located.status().length()).isEqualTo(1000);
    assertThat(located.status().chunkCount()).isEqualTo(1);
    assertThat(located.chunks())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.index()).isZero();
              assertThat(c.chunkId()).isEqualTo(t.chunkId());
              assertThat(c.version()).isEqualTo(t.version());
              assertThat(c.length()).isEqualTo(1000);
              assertThat(c.replicas()).containsExactlyInAnyOrderElementsOf(t.pipeline());
            });
  }

  @Test
  void locateAnswersForTheRangeAndAReGrantBumpsTheVersionOnTheSameReplicas() {
    registerNodes(3);
    FileStatus f = port.create(NewFile.withClusterDefaults(p("/f"), false));
    ChunkWriteTarget first =
        port.allocateChunk(new ChunkAllocationRequest(f.path(), f.fileId(), 0));
    port.commitChunk(
        new ChunkCommitRequest(
            f.path(), f.fileId(), 0, first.chunkId(), first.version(), CHUNK, ids(first)));
    ChunkWriteTarget second =
        port.allocateChunk(new ChunkAllocationRequest(f.path(), f.fileId(), 1));
    assertThat(
            port.commitChunk(
                new ChunkCommitRequest(
                    f.path(), f.fileId(), 1, second.chunkId(), second.version(), 500, ids(second))))
        .isEqualTo(CHUNK + 500);

    assertThat(port.locate(f.path(), 0, 0).chunks())
        .extracting(LocatedChunk::chunkId)
        .containsExactly(first.chunkId(), second.chunkId());
    assertThat(port.locate(f.path(), 10, 20).chunks())
        .extracting(LocatedChunk::index)
        .containsExactly(0);
    assertThat(port.locate(f.path(), CHUNK, 0).chunks())
        .extracting(LocatedChunk::index)
        .containsExactly(1);

    ChunkWriteTarget again =
        port.allocateChunk(new ChunkAllocationRequest(f.path(), f.fileId(), 0));
    assertThat(again.chunkId()).isEqualTo(first.chunkId());
    assertThat(again.version()).isEqualTo(first.version().next());
    assertThat(again.committedLength()).isEqualTo(CHUNK);
    assertThat(again.pipeline()).containsExactlyInAnyOrderElementsOf(first.pipeline());
    assertRefused(
            ErrorCode.CONFLICT,
            () ->
                port.commitChunk(
                    new ChunkCommitRequest(
                        f.path(), f.fileId(), 0, first.chunkId(), first.version(), 10, ids(first))))
        .hasMessageContaining("/f");
    port.commitChunk(
        new ChunkCommitRequest(
            f.path(), f.fileId(), 0, again.chunkId(), again.version(), CHUNK, ids(again)));
    assertThat(port.locate(f.path(), 0, 1).chunks().getFirst().version())
        .isEqualTo(again.version());
  }

  @Test
  void excludedNodesAreAvoidedWithFewerReplicasWhenNeededAndNoneLeftIsNoCapacity() {
    registerNodes(4);
    FileStatus f = port.create(NewFile.withClusterDefaults(p("/f"), false));

    ChunkWriteTarget t =
        port.allocateChunk(
            new ChunkAllocationRequest(f.path(), f.fileId(), 0, Set.of(node(2).id())));
    assertThat(t.pipeline()).containsExactlyInAnyOrder(node(1), node(3), node(4));
    // A writer avoiding failed nodes gets what the others can take; re-replication does the rest.
    ChunkWriteTarget fewer =
        port.allocateChunk(
            new ChunkAllocationRequest(
                f.path(), f.fileId(), 1, Set.of(node(1).id(), node(2).id())));
    assertThat(fewer.pipeline()).containsExactlyInAnyOrder(node(3), node(4));
    assertRefused(
            ErrorCode.NO_CAPACITY,
            () ->
                port.allocateChunk(
                    new ChunkAllocationRequest(
                        f.path(),
                        f.fileId(),
                        2,
                        Set.of(node(1).id(), node(2).id(), node(3).id(), node(4).id()))))
        .hasMessageContaining("3 replicas");
  }

  @Test
  void clusterInfoReportsTheDefaultsAndTheLiveNodes() {
    assertThat(port.clusterInfo()).isEqualTo(new ClusterInfo(CHUNK, REPLICATION, 0, 0, 0));
    registerNodes(3);
    assertThat(port.clusterInfo()).isEqualTo(new ClusterInfo(CHUNK, REPLICATION, 3, 3 * SPACE, 0));

    clock.advance(DEAD_AFTER.minusSeconds(10));
    master.registry().heartbeat(Callers.ANONYMOUS, node(2).id(), SPACE, 0, 0, List.of());
    clock.advance(Duration.ofSeconds(15)); // cs-1 and cs-3 are now silent for too long
    assertThat(port.clusterInfo().liveNodes()).isEqualTo(1);
  }

  @Test
  void aReportedBadReplicaIsLocatedAfterEveryOtherOne() {
    registerNodes(3);
    FileStatus f = port.create(NewFile.withClusterDefaults(p("/f"), false));
    ChunkWriteTarget t = port.allocateChunk(new ChunkAllocationRequest(f.path(), f.fileId(), 0));
    port.commitChunk(
        new ChunkCommitRequest(f.path(), f.fileId(), 0, t.chunkId(), t.version(), 10, ids(t)));
    NodeId bad = t.pipeline().get(1).id();

    port.reportBadReplica(t.chunkId(), bad, "CRC mismatch at offset 0");
    port.reportBadReplica(t.chunkId(), new NodeId("stranger"), "a node that never held it");

    // Readers try it last: they check every block's CRC, and a report may be false (anyone can send
    // one).
    assertThat(port.locate(f.path(), 0, 0).chunks().getFirst().replicas())
        .extracting(NodeLocation::id)
        .hasSize(3)
        .endsWith(bad);
  }

  @Test
  void chunkCallsAreRefusedWithTheMastersCodes() {
    registerNodes(3);
    FileStatus f = port.create(NewFile.withClusterDefaults(p("/f"), false));
    ChunkWriteTarget t = port.allocateChunk(new ChunkAllocationRequest(f.path(), f.fileId(), 0));

    assertRefused(
            ErrorCode.CONFLICT,
            () ->
                port.allocateChunk(
                    new ChunkAllocationRequest(
                        p("/nope"), new FileId(f.fileId().value() + 100), 0)))
        .hasMessageContaining("/nope");
    // A commit naming no replica cannot even be asked for: the request refuses it, naming the field
    // and the chunk (over gRPC, the master answers a request without replicas INVALID_ARGUMENT).
    assertThatThrownBy(
            () ->
                new ChunkCommitRequest(
                    f.path(), f.fileId(), 0, t.chunkId(), t.version(), 10, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replicas")
        .hasMessageContaining(t.chunkId().toString());
    assertRefused(
            ErrorCode.INVALID_ARGUMENT,
            () ->
                port.commitChunk(
                    new ChunkCommitRequest(
                        f.path(), f.fileId(), 0, t.chunkId(), t.version(), CHUNK + 1, ids(t))))
        .hasMessageContaining("chunk length");
    assertRefused(ErrorCode.INVALID_ARGUMENT, () -> port.locate(f.path(), -1, 0))
        .hasMessageContaining("-1");
    assertRefused(ErrorCode.IS_A_DIRECTORY, () -> port.locate(p("/"), 0, 0));

    FileStatus replaced = port.create(NewFile.withClusterDefaults(f.path(), true));
    assertThat(replaced.fileId()).isNotEqualTo(f.fileId());
    assertRefused(
            ErrorCode.CONFLICT,
            () ->
                port.commitChunk(
                    new ChunkCommitRequest(
                        f.path(), f.fileId(), 0, t.chunkId(), t.version(), 10, ids(t))))
        .hasMessageContaining("/f");
    assertRefused(
            ErrorCode.CONFLICT,
            () -> port.allocateChunk(new ChunkAllocationRequest(f.path(), f.fileId(), 0)))
        .hasMessageContaining("/f");
    // No file has id 0: a malformed id (ErrorCode.INVALID_ARGUMENT: "a bad ... id"), not a file
    // replaced since (CONFLICT), in-process and over gRPC alike.
    assertRefused(
            ErrorCode.INVALID_ARGUMENT,
            () -> port.allocateChunk(new ChunkAllocationRequest(f.path(), new FileId(0), 0)))
        .hasMessageContaining("(expected: > 0)");
    assertRefused(
            ErrorCode.INVALID_ARGUMENT,
            () ->
                port.commitChunk(
                    new ChunkCommitRequest(
                        f.path(), new FileId(0), 0, t.chunkId(), t.version(), 10, ids(t))))
        .hasMessageContaining("(expected: > 0)");
  }

  @Test
  void aFileHasOneWriterAtATimeAndItsLeaseIsRenewedAndReleased() {
    registerNodes(3);
    FileStatus f =
        port.create(NewFile.withClusterDefaults(p("/leased"), false), LeaseHolder.client("alice"));

    // The refusal never shows the holder's name: with it, anyone could release the holder's lease.
    assertRefused(ErrorCode.BUSY, () -> port.openForWrite(f.path(), LeaseHolder.client("bob")))
        .hasMessageNotContaining("alice")
        .hasMessageContaining("being written by another client");
    assertRefused(
            ErrorCode.BUSY,
            () ->
                port.create(NewFile.withClusterDefaults(f.path(), true), LeaseHolder.client("bob")))
        .hasMessageNotContaining("alice");
    assertRefused(
        ErrorCode.BUSY,
        () ->
            port.allocateChunk(
                new ChunkAllocationRequest(f.path(), f.fileId(), 0), LeaseHolder.client("bob")));
    assertThat(port.renewLease(LeaseHolder.client("alice"))).isPositive();
    ChunkWriteTarget t =
        port.allocateChunk(
            new ChunkAllocationRequest(f.path(), f.fileId(), 0), LeaseHolder.client("alice"));
    assertThat(
            port.commitChunk(
                new ChunkCommitRequest(
                    f.path(), f.fileId(), 0, t.chunkId(), t.version(), 10, ids(t)),
                LeaseHolder.client("alice")))
        .isEqualTo(10);

    port.closeFile(f.fileId(), LeaseHolder.client("alice"));
    assertThat(port.openForWrite(f.path(), LeaseHolder.client("bob")).fileId())
        .isEqualTo(f.fileId());
    assertRefused(ErrorCode.BUSY, () -> port.truncate(f.path(), 0, LeaseHolder.client("alice")));
    assertThat(port.truncate(f.path(), 3, LeaseHolder.client("bob")).length()).isEqualTo(3);
    assertRefused(
        ErrorCode.IS_A_DIRECTORY, () -> port.openForWrite(p("/"), LeaseHolder.client("bob")));
  }
}
