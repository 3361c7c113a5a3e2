package io.godfs.application.chunkserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.FakeChunkStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.in.ChunkAuditUseCase;
import io.godfs.application.port.out.AuditEvent;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.application.port.out.MasterRegistry;
import io.godfs.application.shared.ChunkTokenCodec;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkAccessToken;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.heartbeat.HeartbeatReply;
import io.godfs.domain.heartbeat.NodeHeartbeat;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chunkserver's heartbeat loop against a scripted master. */
class ChunkserverAgentTest {
  final FakeChunkStore store = new FakeChunkStore();

  /** A master that asks for the given deletions in its next heartbeat reply. */
  static class ScriptedMaster implements MasterRegistry {
    final List<ChunkId> deletes;
    int registrations;

    ScriptedMaster(List<ChunkId> deletes) {
      this.deletes = deletes;
    }

    @Override
    public Duration register(
        NodeId node,
        NodeAddress address,
        long capacityBytes,
        long usedBytes,
        List<StoredChunk> chunks) {
      registrations++;
      return Duration.ofSeconds(2);
    }

    @Override
    public HeartbeatReply heartbeat(NodeHeartbeat beat) {
      return new HeartbeatReply(false, deletes);
    }

    @Override
    public void close() {}
  }

  void commit(ChunkId id) {
    try (ChunkWriter w = store.openWriter(id, ChunkVersion.FIRST)) {
      w.write(ChunkPiece.of(0, ByteBuffer.wrap(new byte[10])));
      w.commit();
    }
  }

  @Test
  void aDeletionThatFailsDoesNotDropTheRestOfTheBatch() {
    ChunkId busy = new ChunkId(1);
    ChunkId other = new ChunkId(2);
    commit(busy);
    commit(other);
    ScriptedMaster master = new ScriptedMaster(List.of(busy, other));
    ChunkserverAgent agent =
        new ChunkserverAgent(
            new NodeId("cs-1"),
            new NodeAddress("127.0.0.1", 8000),
            store,
            master,
            System::nanoTime);
    try (ChunkWriter writing =
        store.openWriter(busy, new ChunkVersion(2))) { // a write still in progress
      assertThat(agent.beat()).as("the master was reachable").isTrue();
    }
    assertThat(store.describe(other))
        .as("the master drained this deletion: it is not sent again")
        .isEmpty();
    assertThat(agent.isRegistered()).isTrue();
    assertThat(master.registrations).isEqualTo(1);
  }

  @Test
  void aFullReportLargerThanOnePageGoesInPagesNoCallOverTheBound() {
    int page = NodeHeartbeat.MAX_CHUNKS_PER_CALL;
    int total = 2 * page + 7;
    for (int i = 1; i <= total; i++) {
      commit(new ChunkId(i));
    }
    List<Integer> sizes = new ArrayList<>();
    Set<ChunkId> reported = new HashSet<>();
    MasterRegistry master =
        new MasterRegistry() {
          @Override
          public void close() {}

          @Override
          public Duration register(
              NodeId node,
              NodeAddress address,
              long capacityBytes,
              long usedBytes,
              List<StoredChunk> chunks) {
            sizes.add(chunks.size());
            chunks.forEach(c -> reported.add(c.id()));
            return Duration.ofSeconds(2);
          }

          @Override
          public HeartbeatReply heartbeat(NodeHeartbeat beat) {
            sizes.add(beat.stored().size());
            beat.stored().forEach(c -> reported.add(c.id()));
            return new HeartbeatReply(false, List.of());
          }
        };

    new ChunkserverAgent(
            new NodeId("cs-1"), new NodeAddress("127.0.0.1", 8000), store, master, System::nanoTime)
        .register();

    assertThat(sizes).containsExactly(page, page, 7);
    assertThat(reported).hasSize(total);
  }

  @Test
  void aChunkserverThatEnforcesTokensDeletesOnlyWhatADeleteTokenNames() {
    ChunkId ordered = new ChunkId(1);
    ChunkId forged = new ChunkId(2);
    commit(ordered);
    commit(forged);
    Instant now = Instant.parse("2026-12-05T10:00:00Z");
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 9);
    ChunkAccessKey key = new ChunkAccessKey(1, secret, now, now.plus(Duration.ofHours(2)));
    SignedChunkToken delete =
        ChunkTokenCodec.sign(
            ChunkAccessToken.anyVersion(
                1, ordered, Set.of(ChunkOperation.DELETE), "cs-1", now.plusSeconds(60)),
            key);
    SignedChunkToken readInstead =
        ChunkTokenCodec.sign(
            new ChunkAccessToken(
                1,
                forged,
                ChunkVersion.FIRST,
                ChunkVersion.FIRST,
                Set.of(ChunkOperation.READ),
                "cs-1",
                now.plusSeconds(60)),
            key);
    ChunkserverServices services =
        ChunkserverServices.create(
                store,
                (target, header, listener) -> {
                  throw new AssertionError("no write here");
                },
                new NodeLocation(new NodeId("cs-1"), new NodeAddress("127.0.0.1", 8000)),
                System::nanoTime)
            .requireChunkTokens(new MutableClock(now));
    services.access().acceptKeys(List.of(key));
    List<AuditEvent> trail = new ArrayList<>();
    services.auditTo(trail::add, new MutableClock(now));
    MasterRegistry master =
        new ScriptedMaster(List.of()) {
          @Override
          public HeartbeatReply heartbeat(NodeHeartbeat beat) {
            return new HeartbeatReply(
                false, List.of(ordered, forged), List.of(), List.of(delete, readInstead));
          }
        };
    assertThat(services.agent(master).beat()).isTrue();
    assertThat(store.describe(ordered)).isEmpty();
    assertThat(store.describe(forged)).as("a read token deletes nothing").isPresent();

    // Both orders are in the trail: the deletion done, and the one its token did not allow.
    assertThat(trail).hasSize(2);
    assertThat(trail.get(0).operation()).isEqualTo(ChunkAuditUseCase.DELETE);
    assertThat(trail.get(0).principal()).isEqualTo("cs-1");
    assertThat(trail.get(0).chunk()).hasValue(new AuditEvent.AuditedChunk(1, 0));
    assertThat(trail.get(0).result()).isEqualTo("ok");
    assertThat(trail.get(1).chunk()).hasValue(new AuditEvent.AuditedChunk(2, 0));
    assertThat(trail.get(1).result()).isEqualTo("permission_denied");
    assertThat(trail.get(1).reason()).hasValueSatisfying(r -> assertThat(r).contains("delete"));
  }
}
