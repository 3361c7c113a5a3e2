package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.in.SnapshotManifest;
import io.godfs.application.port.in.SnapshotUseCase;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Grant;
import io.godfs.domain.access.Permission;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.file.SnapshotChange;
import io.godfs.domain.file.SnapshotInfo;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The snapshot use cases (ADR 0025) over the real namespace with access rules on: who may allow,
 * take, list, diff, delete and restore snapshots, and what the refusals name.
 */
class SnapshotServiceTest {
  static final NodeId NODE = new NodeId("cs-1");
  static final Caller ROOT =
      Caller.of(Principal.user("root", Set.of(), Set.of(Role.ADMIN)), "test");
  static final Caller ALICE = Caller.of(Principal.user("alice", Set.of(), Set.of()), "test");
  static final Caller BOB = Caller.of(Principal.user("bob", Set.of(), Set.of()), "test");
  static final Caller READER =
      Caller.of(Principal.user("reader", Set.of(), Set.of(Role.READ)), "test");

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeMetadataStore store = new FakeMetadataStore();
  final MasterServices master =
      MasterServices.create(
          store,
          clock,
          new MasterSettings(1 << 20, 1, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1),
          AccessPolicy.fixed(
              AccessRules.of(
                  List.of(
                      new Grant(
                          new Grant.User("alice"),
                          DfsPath.of("/data/alice"),
                          Set.of(Permission.READ, Permission.WRITE, Permission.DELETE)),
                      new Grant(
                          new Grant.User("bob"),
                          DfsPath.of("/data/alice"),
                          Set.of(Permission.READ))))));
  final SnapshotUseCase snapshots = master.snapshots();

  void write(String path, String content) {
    DfsPath p = DfsPath.of(path);
    master.namespace().mkdir(ROOT, p.parent(), true).orThrow();
    master
        .namespace()
        .createWithContent(
            ROOT, NewFile.withClusterDefaults(p, true), content.getBytes(StandardCharsets.UTF_8))
        .orThrow();
  }

  String read(String path) {
    return new String(
        master.chunkReads().locate(ROOT, DfsPath.of(path), 0, 0).orThrow().inline(),
        StandardCharsets.UTF_8);
  }

  /** A file of one committed 10-byte chunk on node cs-1; returns the chunk. */
  ChunkId chunkedFile(String path) {
    Caller self = Caller.master("test");
    master.namespace().mkdir(ROOT, DfsPath.of(path).parent(), true).orThrow();
    master
        .registry()
        .register(self, NODE, new NodeAddress("127.0.0.1", 8001), 1L << 40, 0, List.of());
    FileStatus f =
        master
            .namespace()
            .create(ROOT, NewFile.withClusterDefaults(DfsPath.of(path), false))
            .orThrow();
    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(ROOT, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    master
        .chunkWrites()
        .commit(
            ROOT,
            new ChunkCommitRequest(
                f.path(), f.fileId(), 0, t.chunkId(), t.version(), 10, List.of(NODE)))
        .orThrow();
    return t.chunkId();
  }

  static DfsError refusal(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<?>) outcome).error();
  }

  static DfsPath p(String path) {
    return DfsPath.of(path);
  }

  @Test
  void onlyAnAdminAllowsAndTheOwnerOfTheDirectoryTakesSnapshots() {
    write("/data/alice/a", "one");
    DfsError denied = refusal(snapshots.allow(ALICE, p("/data/alice")));
    assertThat(denied.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(denied.message()).contains("alice", "'admin'");
    snapshots.allow(ROOT, p("/data/alice")).orThrow();

    SnapshotInfo s1 = snapshots.create(ALICE, p("/data/alice"), "s1").orThrow();
    assertThat(s1.path()).isEqualTo(p("/data/alice/.snapshot/s1"));
    assertThat(s1.created()).isEqualTo(clock.instant());
    // Bob may read there but not write: he may list and diff, not take or delete snapshots.
    DfsError bobCreates = refusal(snapshots.create(BOB, p("/data/alice"), "s2"));
    assertThat(bobCreates.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(bobCreates.message()).contains("bob", "'write'", "/data/alice");
    assertThat(refusal(snapshots.delete(BOB, p("/data/alice"), "s1")).message())
        .contains("'write'");
    assertThat(refusal(snapshots.delete(BOB, s1.id())).message())
        .contains("bob lacks 'write' on the directory of snapshot " + s1.id())
        .doesNotContain("/data/alice");
    assertThat(refusal(snapshots.rename(BOB, p("/data/alice"), "s1", "x")).code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(snapshots.list(BOB, p("/data/alice")).orThrow()).containsExactly(s1);
    assertThat(snapshots.diff(BOB, p("/data/alice"), "s1", null).orThrow()).isEmpty();
    // A stranger (no grant) reads nothing: the listing of all is filtered, not refused.
    Caller eve = Caller.of(Principal.user("eve", Set.of(), Set.of()), "test");
    assertThat(refusal(snapshots.list(eve, p("/data/alice"))).message()).contains("'read'");
    assertThat(snapshots.listAll(eve).orThrow()).isEmpty();
    assertThat(snapshots.snapshottable(eve).orThrow()).isEmpty();
    assertThat(snapshots.listAll(BOB).orThrow()).containsExactly(s1);
    assertThat(snapshots.snapshottable(READER).orThrow()).containsExactly(p("/data/alice"));
    assertThat(refusal(snapshots.manifest(eve, s1.id())).code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
    // A read-only role may not take snapshots either, nor allow them.
    assertThat(refusal(snapshots.create(READER, p("/data/alice"), "s3")).message())
        .contains("'write'");
    assertThat(refusal(snapshots.disallow(READER, p("/data/alice"))).message()).contains("'admin'");

    SnapshotInfo renamed = snapshots.rename(ALICE, p("/data/alice"), "s1", "first").orThrow();
    assertThat(renamed.name()).isEqualTo("first");
    assertThat(renamed.id()).isEqualTo(s1.id());
    // Disallowing is refused while snapshots exist, then allowed.
    assertThat(refusal(snapshots.disallow(ROOT, p("/data/alice"))).code())
        .isNotEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(snapshots.delete(ALICE, s1.id()).orThrow().name()).isEqualTo("first");
    assertThat(snapshots.list(ALICE, p("/data/alice")).orThrow()).isEmpty();
    snapshots.disallow(ROOT, p("/data/alice")).orThrow();
    assertThat(snapshots.snapshottable(ROOT).orThrow()).isEmpty();
  }

  @Test
  void aSnapshotKeepsOldContentDiffsAndRestoresByReference() {
    write("/d/a", "old a");
    write("/d/sub/b", "old b");
    write("/d/gone", "bye");
    ChunkId chunk = chunkedFile("/d/big");
    snapshots.allow(ROOT, p("/d")).orThrow();
    SnapshotInfo s1 = snapshots.create(ROOT, p("/d"), "s1").orThrow();

    clock.advance(Duration.ofSeconds(5));
    write("/d/a", "new a");
    write("/d/c", "created");
    master.namespace().delete(ROOT, p("/d/gone"), false).orThrow();
    master.namespace().rename(ROOT, p("/d/sub/b"), p("/d/sub/b2"), false).orThrow();
    master.namespace().delete(ROOT, p("/d/big"), false).orThrow();

    assertThat(read("/d/.snapshot/s1/a")).isEqualTo("old a");
    assertThat(read("/d/.snapshot/s1/sub/b")).isEqualTo("old b");
    List<SnapshotChange> diff = snapshots.diff(ROOT, p("/d"), "s1", null).orThrow();
    assertThat(diff)
        .contains(
            new SnapshotChange(SnapshotChange.Kind.CREATED, p("/d/c"), null),
            new SnapshotChange(SnapshotChange.Kind.DELETED, p("/d/gone"), null),
            new SnapshotChange(SnapshotChange.Kind.RENAMED, p("/d/sub/b"), p("/d/sub/b2")));
    assertThat(diff).anyMatch(c -> c.kind() == SnapshotChange.Kind.MODIFIED);

    SnapshotManifest m = snapshots.manifest(ROOT, s1.id()).orThrow();
    assertThat(m.snapshot()).isEqualTo(s1);
    assertThat(m.files())
        .extracting(SnapshotManifest.File::path)
        .containsExactly(p("/d/a"), p("/d/big"), p("/d/gone"), p("/d/sub/b"));
    SnapshotManifest.File big = m.files().get(1);
    assertThat(big.snapshotPath()).isEqualTo(p("/d/.snapshot/s1/big"));
    assertThat(big.chunks()).hasSize(1);
    assertThat(big.chunks().getFirst().chunkId()).isEqualTo(chunk);
    assertThat(big.chunks().getFirst().replicas()).extracting(r -> r.id()).containsExactly(NODE);

    // Restore a file by reference: the same chunk, no copy.
    FileStatus back = snapshots.restore(ROOT, p("/d/.snapshot/s1/big"), p("/d/big")).orThrow();
    assertThat(back.length()).isEqualTo(10);
    assertThat(master.chunkReads().locate(ROOT, p("/d/big"), 0, 10).orThrow().chunks().getFirst())
        .extracting(c -> c.chunkId())
        .isEqualTo(chunk);
    // A subtree onto its old place.
    snapshots.restore(ROOT, p("/d/.snapshot/s1/sub"), p("/d/sub")).orThrow();
    assertThat(read("/d/sub/b")).isEqualTo("old b");
    assertThat(SnapshotUseCase.liveTarget(p("/d/.snapshot/s1/sub/b"))).contains(p("/d/sub/b"));
    assertThat(SnapshotUseCase.liveTarget(p("/d/.snapshot/s1"))).contains(p("/d"));
    assertThat(SnapshotUseCase.liveTarget(p("/d/sub"))).isEqualTo(Optional.empty());

    // Under .snapshot nothing changes; the directory with snapshots cannot go.
    assertThat(
            refusal(snapshots.restore(ROOT, p("/d/.snapshot/s1/a"), p("/d/.snapshot/s1/z"))).code())
        .isEqualTo(ErrorCode.READ_ONLY);
    assertThat(refusal(snapshots.restore(ROOT, p("/d/a"), p("/d/z"))).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(
            refusal(
                    master
                        .namespace()
                        .create(ROOT, NewFile.withClusterDefaults(p("/d/.snapshot/s1/n"), false)))
                .code())
        .isEqualTo(ErrorCode.READ_ONLY);
    assertThat(refusal(master.namespace().delete(ROOT, p("/d"), true)).code())
        .isNotEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(master.namespace().stat(ROOT, p("/d")).isOk()).isTrue();
  }

  @Test
  void restoreNeedsReadOnTheSnapshotAndWriteOnTheTarget() {
    write("/data/alice/f", "alice's");
    snapshots.allow(ROOT, p("/data/alice")).orThrow();
    snapshots.create(ALICE, p("/data/alice"), "s1").orThrow();
    // Bob reads the snapshot but may not write where it would go.
    DfsError bob =
        refusal(snapshots.restore(BOB, p("/data/alice/.snapshot/s1/f"), p("/data/alice/g")));
    assertThat(bob.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(bob.message()).contains("bob", "'write'", "/data/alice/g");
    // Alice may not write outside her folder, even from her own snapshot.
    assertThat(
            refusal(snapshots.restore(ALICE, p("/data/alice/.snapshot/s1/f"), p("/elsewhere")))
                .message())
        .contains("'write'", "/elsewhere");
    snapshots.restore(ALICE, p("/data/alice/.snapshot/s1/f"), p("/data/alice/g")).orThrow();
    assertThat(read("/data/alice/g")).isEqualTo("alice's");
  }

  @Test
  void namesAreTheDomainsToCheck() {
    write("/d/a", "x");
    snapshots.allow(ROOT, p("/d")).orThrow();
    for (String bad : List.of("", "a/b", ".snapshot", "..", "x".repeat(256))) {
      assertThat(refusal(snapshots.create(ROOT, p("/d"), bad)).code())
          .as(bad)
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
    assertThat(snapshots.create(ROOT, p("/d"), "x".repeat(255)).isOk()).isTrue();
    snapshots.create(ROOT, p("/d"), "s").orThrow();
    assertThat(refusal(snapshots.create(ROOT, p("/d"), "s")).code())
        .isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(refusal(snapshots.manifest(ROOT, 999)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refusal(snapshots.create(ROOT, p("/nowhere"), "s")).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }
}
