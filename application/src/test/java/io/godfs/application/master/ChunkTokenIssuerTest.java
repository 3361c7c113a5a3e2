package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.application.shared.ChunkTokenCodec;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkAccessToken;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
  final MasterServices master = issuing(store);
  final Caller alice = Caller.of(new Principal.User("alice", Set.of(), Set.of()), "test");

  @BeforeEach
  void twoNodes() {
    for (int i = 1; i <= 2; i++) {
      register(master, i);
    }
  }

  /** A master issuing tokens with {@link #settings} over {@code metadata}. */
  private MasterServices issuing(MetadataStore metadata) {
    return MasterServices.create(
        metadata,
        clock,
        new MasterSettings(CHUNK, 2, Duration.ofSeconds(30), Duration.ofSeconds(2)),
        new Random(1),
        AccessPolicy.fixed(AccessRules.off()),
        settings,
        new Random(2));
  }

  /** Registers chunkserver cs-{@code i} (1 TiB, empty) with {@code master}. */
  private static Outcome<Duration> register(MasterServices master, int i) {
    return master
        .registry()
        .register(
            Callers.ANONYMOUS,
            new NodeId("cs-" + i),
            new NodeAddress("127.0.0.1", 8000 + i),
            1L << 40,
            0,
            List.of());
  }

  /** The identity of chunkserver cs-{@code i}, as its certificate names it. */
  private static Caller chunkserver(int i) {
    return Caller.of(new Principal.Chunkserver(new NodeId("cs-" + i)), "10.0.0." + i);
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
    FakeMetadataStore own = new FakeMetadataStore(); // the shared one has the key made above
    MasterServices open =
        MasterServices.create(
            own,
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
    assertThat(own.query(new NamespaceQuery.ChunkAccessKeys()).orThrow()).isEmpty();
    assertThat(open.registry().accessKeys(Caller.of(new Principal.Cluster(), "x"))).isEmpty();
  }

  @Test
  void aNewKeySignsOnlyOnceEveryLiveChunkserverHasBeenSentIt() {
    master.maintenance().runOnce();
    clock.advance(Duration.ofHours(24)); // one rotation after key 1
    master.maintenance().runOnce();
    assertThat(keys()).extracting(ChunkAccessKey::id).containsExactly(1L, 2L);
    Caller cs1 = chunkserver(1);
    // Chunkservers are sent key 2 at once, in every register and heartbeat reply...
    assertThat(master.registry().accessKeys(cs1)).extracting(ChunkAccessKey::id).contains(2L);
    // ...but key 1 signs until a node counted as live (a heartbeat within 30 s; beats every 2 s)
    // must have had a reply carrying key 2: one that has not would refuse its tokens.
    FileStatus f =
        master
            .namespace()
            .create(alice, NewFile.withClusterDefaults(DfsPath.of("/f"), false))
            .orThrow();
    twoNodes(); // live again after the day without heartbeats
    assertThat(verified(allocate(f).token()).keyId()).isEqualTo(1L);
    clock.advance(Duration.ofSeconds(31));
    twoNodes();
    assertThat(verified(allocate(f).token()).keyId()).isEqualTo(1L);
    clock.advance(Duration.ofSeconds(1));
    assertThat(verified(allocate(f).token()).keyId()).isEqualTo(2L);
  }

  @Test
  void aChunkserverAskingWhileTheFirstKeyIsMadeIsSentIt() throws Exception {
    HeldKeyStore held = new HeldKeyStore();
    MasterServices fresh = issuing(held);
    Caller cs1 = chunkserver(1);
    Caller cs2 = chunkserver(2);
    CompletableFuture<List<ChunkAccessKey>> first = new CompletableFuture<>();
    CompletableFuture<List<ChunkAccessKey>> second = new CompletableFuture<>();
    Thread making = Thread.ofPlatform().start(() -> first.complete(keysFor(fresh, cs1)));
    held.adding.await(); // key 1 is being made
    Thread asking = Thread.ofPlatform().start(() -> second.complete(keysFor(fresh, cs2)));
    // The second caller must wait for the key being made, never be told there is none.
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (asking.getState() != Thread.State.BLOCKED
        && asking.getState() != Thread.State.TERMINATED
        && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    held.release.countDown();
    making.join(Duration.ofSeconds(10));
    asking.join(Duration.ofSeconds(10));
    assertThat(first.getNow(null)).extracting(ChunkAccessKey::id).containsExactly(1L);
    assertThat(second.getNow(null)).extracting(ChunkAccessKey::id).containsExactly(1L);
  }

  private static List<ChunkAccessKey> keysFor(MasterServices master, Caller node) {
    return master.registry().accessKeys(node);
  }

  @Test
  void aChunkserverCannotRegisterWhileTheMasterHasNoKey() {
    HeldKeyStore failing = new HeldKeyStore();
    failing.refuse = true;
    failing.release.countDown(); // nothing is held: the key is added at once when not refused
    MasterServices fresh = issuing(failing);
    var refused = register(fresh, 1);
    assertThat(refused).isInstanceOf(Outcome.Rejected.class);
    DfsError error = ((Outcome.Rejected<?>) refused).error();
    assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(error.message()).contains("chunk access keys", "cs-1 should register again");

    failing.refuse = false; // the store is ready: the next attempt registers and is sent key 1
    assertThat(register(fresh, 1)).isInstanceOf(Outcome.Ok.class);
    assertThat(fresh.registry().accessKeys(Caller.of(new Principal.Cluster(), "x"))).hasSize(1);
  }

  /**
   * A store that holds the command adding a chunk access key until released ({@code adding} counts
   * down when it arrives), or refuses it ({@code refuse}: no quorum).
   */
  static final class HeldKeyStore implements MetadataStore {
    final FakeMetadataStore store = new FakeMetadataStore();
    final CountDownLatch adding = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean refuse;

    @Override
    public <R> Outcome<R> execute(NamespaceCommand<R> command, Caller caller) {
      if (command instanceof NamespaceCommand.AddChunkAccessKey) {
        if (refuse) {
          throw new IllegalStateException("no quorum");
        }
        adding.countDown();
        try {
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the key");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return store.execute(command, caller);
    }

    @Override
    public <R> Outcome<R> query(NamespaceQuery<R> query) {
      return store.query(query);
    }

    @Override
    public void close() {}
  }
}
