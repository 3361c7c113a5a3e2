package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.application.shared.ChunkTokenCodec;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkAccessToken;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
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
 * The master issues chunk access tokens with its answers, signs them with the newest key of the
 * replicated metadata, rotates keys and keeps old ones until their tokens expired.
 */
class ChunkTokenIssuerTest {
  static final long CHUNK = 1 << 20;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeMetadataStore store = new FakeMetadataStore();
  final ChunkTokenSettings settings =
      new ChunkTokenSettings(true, Duration.ofHours(1), Duration.ofHours(24));
  final MasterServices master =
      MasterServices.create(
          store,
          clock,
          new MasterSettings(CHUNK, 2, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1),
          AccessPolicy.fixed(AccessRules.off()),
          settings,
          new Random(2));
  final Caller alice = Caller.of(new Principal.User("alice", Set.of(), Set.of()), "test");

  @BeforeEach
  void twoNodes() {
    for (int i = 1; i <= 2; i++) {
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

  private List<ChunkAccessKey> keys() {
    return store.query(new NamespaceQuery.ChunkAccessKeys()).orThrow();
  }

  private ChunkAccessToken verified(SignedChunkToken token) {
    List<ChunkAccessKey> held = keys();
    return ChunkTokenCodec.verify(token, id -> held.stream().filter(k -> k.id() == id).findFirst())
        .orThrow();
  }

  private ChunkWriteTarget allocate(FileStatus f) {
    return master
        .chunkWrites()
        .allocate(alice, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
        .orThrow();
  }

  @Test
  void anAllocationCarriesAWriteTokenForExactlyItsVersionNamingTheCaller() {
    FileStatus f =
        master
            .namespace()
            .create(alice, NewFile.withClusterDefaults(DfsPath.of("/f"), false))
            .orThrow();
    ChunkWriteTarget target = allocate(f);
    ChunkAccessToken token = verified(target.token());
    assertThat(token.chunk()).isEqualTo(target.chunkId());
    assertThat(token.minVersion()).isEqualTo(target.version());
    assertThat(token.maxVersion()).isEqualTo(target.version());
    assertThat(token.operations()).containsExactly(ChunkOperation.WRITE);
    assertThat(token.principal()).isEqualTo("alice");
    assertThat(token.expires()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
  }

  @Test
  void aLocationCarriesAReadToken() {
    FileStatus f =
        master
            .namespace()
            .create(alice, NewFile.withClusterDefaults(DfsPath.of("/f"), false))
            .orThrow();
    ChunkWriteTarget target = allocate(f);
    master
        .chunkWrites()
        .commit(
            alice,
            new ChunkCommitRequest(
                f.path(),
                f.fileId(),
                0,
                target.chunkId(),
                target.version(),
                10,
                target.pipeline().stream().map(NodeLocation::id).toList()))
        .orThrow();
    var located = master.chunkReads().locate(alice, f.path(), 0, 0).orThrow().chunks().getFirst();
    ChunkAccessToken token = verified(located.token());
    assertThat(token.operations()).containsExactly(ChunkOperation.READ);
    assertThat(token.minVersion()).isEqualTo(located.version());
  }

  @Test
  void keysRotateAndOldKeysStayUntilTheirTokensExpired() {
    master.maintenance().runOnce();
    assertThat(keys()).extracting(ChunkAccessKey::id).containsExactly(1L);
    clock.advance(Duration.ofHours(23));
    master.maintenance().runOnce();
    assertThat(keys()).extracting(ChunkAccessKey::id).containsExactly(1L);

    clock.advance(Duration.ofHours(1)); // one rotation after key 1
    master.maintenance().runOnce();
    assertThat(keys()).extracting(ChunkAccessKey::id).containsExactly(1L, 2L);

    clock.advance(Duration.ofHours(24));
    master.maintenance().runOnce();
    assertThat(keys()).extracting(ChunkAccessKey::id).containsExactly(1L, 2L, 3L);
    clock.advance(Duration.ofHours(24)); // key 1 lived 2 rotations + 1 lifetime: gone
    master.maintenance().runOnce();
    assertThat(keys()).extracting(ChunkAccessKey::id).containsExactly(2L, 3L, 4L);
    // Every token key 2 signed (until key 3 came, 24 h ago) expired before key 2 does.
    assertThat(keys().getFirst().expires())
        .isAfterOrEqualTo(clock.instant().minus(Duration.ofHours(24)).plus(settings.lifetime()));
  }

  @Test
  void keysGoToNodeIdentitiesOnlyNeverToAnAnonymousCaller() {
    master.maintenance().runOnce();
    assertThat(master.registry().accessKeys(Callers.ANONYMOUS)).isEmpty();
    assertThat(master.registry().accessKeys(alice)).isEmpty();
    assertThat(
            master
                .registry()
                .accessKeys(Caller.of(new Principal.Chunkserver(new NodeId("cs-1")), "10.0.0.1")))
        .extracting(ChunkAccessKey::id)
        .containsExactly(1L);
    assertThat(master.registry().accessKeys(Caller.of(new Principal.Cluster(), "10.0.0.1")))
        .hasSize(1);
  }

  @Test
  void aMasterWithoutTokensIssuesNoneAndMakesNoKey() {
    MasterServices open =
        MasterServices.create(
            store,
            clock,
            new MasterSettings(CHUNK, 1, Duration.ofSeconds(30), Duration.ofSeconds(2)),
            new Random(1));
    open.registry()
        .register(
            Callers.ANONYMOUS,
            new NodeId("cs-1"),
            new NodeAddress("127.0.0.1", 8001),
            1L << 40,
            0,
            List.of());
    FileStatus f =
        open.namespace()
            .create(alice, NewFile.withClusterDefaults(DfsPath.of("/g"), false))
            .orThrow();
    open.maintenance().runOnce();
    var target =
        open.chunkWrites()
            .allocate(alice, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    assertThat(target.token()).isEqualTo(SignedChunkToken.NONE);
    assertThat(keys()).isEmpty();
    assertThat(open.registry().accessKeys(Caller.of(new Principal.Cluster(), "x"))).isEmpty();
  }
}
