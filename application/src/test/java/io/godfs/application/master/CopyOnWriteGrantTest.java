package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.application.shared.ChunkTokenCodec;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Grant;
import io.godfs.domain.access.Permission;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkAccessToken;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.ChunkRecoveryRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write to a chunk a snapshot holds (ADR 0025): the grant names the held chunk with its live
 * replicas and a token to read exactly its committed version, on allocation and on pipeline
 * recovery; a caller who may write but not read the file gets no such token.
 */
class CopyOnWriteGrantTest {
  static final long CHUNK = 1 << 20;
  static final DfsPath DIR = DfsPath.of("/d");
  static final DfsPath FILE = DIR.child("f");
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeMetadataStore store = new FakeMetadataStore();
  final MasterServices master =
      MasterServices.create(
          store,
          clock,
          new MasterSettings(CHUNK, 2, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1),
          AccessPolicy.fixed(
              AccessRules.of(
                  List.of(new Grant(new Grant.User("writer"), DIR, Set.of(Permission.WRITE))))),
          new ChunkTokenSettings(true, Duration.ofHours(1), Duration.ofHours(24)),
          new Random(2));
  final Caller alice = Caller.of(new Principal.User("alice", Set.of(), Set.of(Role.WRITE)), "t");
  final Caller writeOnly = Caller.of(new Principal.User("writer", Set.of(), Set.of()), "t");
  FileStatus file;
  ChunkWriteTarget first;

  @BeforeEach
  void aCommittedChunkUnderASnapshot() {
    for (int i = 1; i <= 2; i++) {
      master
          .registry()
          .register(
              Caller.of(new Principal.Chunkserver(new NodeId("cs-" + i)), "10.0.0." + i),
              new NodeId("cs-" + i),
              new NodeAddress("127.0.0.1", 8000 + i),
              1L << 40,
              0,
              List.of());
    }
    master.namespace().mkdir(alice, DIR, false).orThrow();
    file = master.namespace().create(alice, NewFile.withClusterDefaults(FILE, false)).orThrow();
    first = allocate(alice).orThrow();
    master
        .chunkWrites()
        .commit(
            alice,
            new ChunkCommitRequest(
                FILE,
                file.fileId(),
                0,
                first.chunkId(),
                first.version(),
                1000,
                first.pipeline().stream().map(NodeLocation::id).toList()))
        .orThrow();
    store.execute(new NamespaceCommand.SnapshotsAllowed(DIR, true, clock.instant()), alice);
    store.execute(new NamespaceCommand.CreateSnapshot(DIR, "s1", clock.instant()), alice).orThrow();
  }

  private Outcome<ChunkWriteTarget> allocate(Caller caller) {
    return master
        .chunkWrites()
        .allocate(caller, new ChunkAllocationRequest(FILE, file.fileId(), 0));
  }

  @Test
  void theGrantNamesTheHeldChunkItsReplicasAndAReadTokenForItsVersion() {
    ChunkWriteTarget copy = allocate(alice).orThrow();

    assertThat(copy.chunkId()).isNotEqualTo(first.chunkId());
    assertThat(copy.committedLength()).isZero();
    LocatedChunk source = copy.copyOf();
    assertThat(source).isNotNull();
    assertThat(source.index()).isZero();
    assertThat(source.chunkId()).isEqualTo(first.chunkId());
    assertThat(source.version()).isEqualTo(first.version());
    assertThat(source.length()).isEqualTo(1000);
    assertThat(source.replicas()).containsExactlyInAnyOrderElementsOf(first.pipeline());
    ChunkAccessToken read = verified(source.token());
    assertThat(read.chunk()).isEqualTo(first.chunkId());
    assertThat(read.minVersion()).isEqualTo(first.version());
    assertThat(read.maxVersion()).isEqualTo(first.version());
    assertThat(read.operations()).containsExactly(ChunkOperation.READ);
    assertThat(read.principal()).isEqualTo("alice");
    assertThat(verified(copy.token()).operations()).containsExactly(ChunkOperation.WRITE);
  }

  @Test
  void pipelineRecoveryOfACopyNamesTheHeldChunkAgain() {
    ChunkWriteTarget copy = allocate(alice).orThrow();
    ChunkWriteTarget recovered =
        master
            .chunkWrites()
            .recover(
                alice,
                new ChunkRecoveryRequest(
                    FILE,
                    file.fileId(),
                    0,
                    copy.chunkId(),
                    copy.version(),
                    List.of(copy.pipeline().getFirst().id())),
                LeaseHolder.NONE)
            .orThrow();

    assertThat(recovered.chunkId()).isEqualTo(copy.chunkId());
    assertThat(recovered.version()).isEqualTo(copy.version().next());
    assertThat(recovered.copyOf().chunkId()).isEqualTo(first.chunkId());
    assertThat(recovered.copyOf().length()).isEqualTo(1000);
    assertThat(verified(recovered.copyOf().token()).operations())
        .containsExactly(ChunkOperation.READ);
  }

  @Test
  void anOrdinaryGrantCopiesNothing() {
    ChunkWriteTarget again =
        master
            .chunkWrites()
            .allocate(alice, new ChunkAllocationRequest(FILE, file.fileId(), 1))
            .orThrow();
    assertThat(again.copyOf()).isNull();
  }

  @Test
  void aCallerWhoMayWriteButNotReadTheFileIsRefusedTheCopy() {
    Outcome<ChunkWriteTarget> refused = allocate(writeOnly);

    assertThat(refused).isInstanceOf(Outcome.Rejected.class);
    var error = ((Outcome.Rejected<ChunkWriteTarget>) refused).error();
    assertThat(error.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(error.message()).contains("a snapshot holds chunk", "needs read permission too");
  }

  private ChunkAccessToken verified(SignedChunkToken token) {
    List<ChunkAccessKey> held = store.query(new NamespaceQuery.ChunkAccessKeys()).orThrow();
    return ChunkTokenCodec.verify(token, id -> held.stream().filter(k -> k.id() == id).findFirst())
        .orThrow();
  }
}
