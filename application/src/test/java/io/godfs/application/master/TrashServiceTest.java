package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.in.TrashEntry;
import io.godfs.application.port.in.TrashPage;
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
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.NameListing;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The trash's use cases over the real namespace (the shared transition function under a monitor)
 * with a hand-moved clock: deletes move paths there, hidden; listing, restore and the purge.
 */
class TrashServiceTest {
  static final Duration GRACE = Duration.ofMinutes(10);
  static final NodeId NODE = new NodeId("cs-1");
  static final Caller ROOT =
      Caller.of(Principal.user("root", Set.of(), Set.of(Role.ADMIN)), "test");

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeMetadataStore store = new FakeMetadataStore();
  MasterServices master = master(GRACE, AccessRules.of(List.of()));

  MasterServices master(Duration grace, AccessRules rules) {
    return MasterServices.create(
        store,
        clock,
        new MasterSettings(1 << 20, 1, Duration.ofSeconds(30), Duration.ofSeconds(2))
            .withTrashGrace(grace),
        new Random(1),
        AccessPolicy.fixed(rules));
  }

  void write(String path, String content) {
    DfsPath parent = DfsPath.of(path).parent();
    if (!parent.isRoot()) {
      master.namespace().mkdir(ROOT, parent, true).orThrow();
    }
    master
        .namespace()
        .createWithContent(
            ROOT,
            NewFile.withClusterDefaults(DfsPath.of(path), false),
            content.getBytes(StandardCharsets.UTF_8))
        .orThrow();
  }

  String read(String path) {
    return new String(
        master.chunkReads().locate(ROOT, DfsPath.of(path), 0, 0).orThrow().inline(),
        StandardCharsets.UTF_8);
  }

  /** A file of one committed chunk on node cs-1; returns the chunk. */
  ChunkId chunkedFile(String path) {
    Caller self = Caller.master("test");
    DfsPath parent = DfsPath.of(path).parent();
    if (!parent.isRoot()) {
      master.namespace().mkdir(ROOT, parent, true).orThrow();
    }
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

  /** A heartbeat of cs-1; returns the chunks the master tells it to delete. */
  List<ChunkId> heartbeat() {
    return master
        .registry()
        .heartbeat(Caller.master("test"), NODE, 1L << 40, 0, 1, List.of())
        .orThrow()
        .deleteChunks();
  }

  TrashEntry delete(String path, boolean recursive) {
    Deletion done = master.namespace().delete(ROOT, DfsPath.of(path), recursive).orThrow();
    assertThat(done).isInstanceOf(Deletion.Trashed.class);
    return ((Deletion.Trashed) done).entry();
  }

  List<TrashEntry> trash(Caller caller) {
    return master.trash().list(caller, null, 0).orThrow().entries();
  }

  static DfsError refusal(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<?>) outcome).error();
  }

  /** The names in the trash's folder, as the store holds them (none when there is no folder). */
  List<String> trashFolder() {
    Outcome<Listing> names =
        store.query(new NamespaceQuery.ListDirectory(ReservedPaths.TRASH, null, 100));
    return names.isOk()
        ? names.orThrow().entries().stream().map(s -> s.path().name()).toList()
        : List.of();
  }

  List<String> rootNames(Caller caller) {
    return master.namespace().list(caller, DfsPath.ROOT, null, 0).orThrow().entries().stream()
        .map(s -> s.path().name())
        .toList();
  }

  @Test
  void aDeletedFileIsHiddenListedAndRestoredWithItsBytes() {
    write("/data/a.txt", "hello");
    TrashEntry entry = delete("/data/a.txt", false);

    assertThat(entry.original()).isEqualTo(DfsPath.of("/data/a.txt"));
    assertThat(entry.type()).isEqualTo(FileType.FILE);
    assertThat(entry.length()).isEqualTo(5);
    assertThat(entry.deletedAt()).isEqualTo(clock.instant());
    assertThat(entry.purgeAt()).isEqualTo(clock.instant().plus(GRACE));
    assertThat(refusal(master.namespace().stat(ROOT, DfsPath.of("/data/a.txt"))).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(master.namespace().list(ROOT, DfsPath.of("/data"), null, 0).orThrow().entries())
        .isEmpty();
    assertThat(rootNames(ROOT)).containsExactly("data");
    assertThat(trash(ROOT)).containsExactly(entry);

    assertThat(master.trash().restore(ROOT, entry.original(), Optional.empty()).orThrow().length())
        .isEqualTo(5);
    assertThat(read("/data/a.txt")).isEqualTo("hello");
    assertThat(trash(ROOT)).isEmpty();
    // The emptied entry went with the restore.
    assertThat(trashFolder()).isEmpty();
  }

  @Test
  void aDeletedTreeComesBackWholeAndMissingParentsAreMade() {
    write("/p/q/one", "1");
    write("/p/q/r/two", "22");
    write("/p/three", "333");
    TrashEntry tree = delete("/p/q", true);
    assertThat(tree.type()).isEqualTo(FileType.DIRECTORY);
    assertThat(tree.length()).isZero();
    clock.advance(Duration.ofSeconds(1));
    TrashEntry three = delete("/p/three", false);
    clock.advance(Duration.ofSeconds(1));
    delete("/p", false); // empty now: a non-recursive delete of an empty folder goes too
    assertThat(rootNames(ROOT)).isEmpty();
    assertThat(trash(ROOT)) // oldest first
        .extracting(TrashEntry::original)
        .containsExactly(DfsPath.of("/p/q"), DfsPath.of("/p/three"), DfsPath.of("/p"));

    // Restoring the tree makes /p again (its parents), not the deleted /p itself.
    master.trash().restore(ROOT, DfsPath.of("/p/q"), Optional.empty()).orThrow();
    assertThat(read("/p/q/one")).isEqualTo("1");
    assertThat(read("/p/q/r/two")).isEqualTo("22");
    master.trash().restore(ROOT, DfsPath.of("/p/three"), Optional.of(three.id())).orThrow();
    assertThat(read("/p/three")).isEqualTo("333");
    assertThat(trash(ROOT)).extracting(TrashEntry::original).containsExactly(DfsPath.of("/p"));
    // /p exists again: its own deletion cannot come back over it.
    assertThat(refusal(master.trash().restore(ROOT, DfsPath.of("/p"), Optional.empty())).code())
        .isEqualTo(ErrorCode.ALREADY_EXISTS);
  }

  @Test
  void theLatestDeletionOfAPathIsRestoredUnlessAnEntryIsNamed() {
    write("/f", "first");
    TrashEntry first = delete("/f", false);
    clock.advance(Duration.ofSeconds(1));
    write("/f", "second");
    delete("/f", false);

    master.trash().restore(ROOT, DfsPath.of("/f"), Optional.empty()).orThrow();
    assertThat(read("/f")).isEqualTo("second");
    DfsError occupied =
        refusal(master.trash().restore(ROOT, DfsPath.of("/f"), Optional.of(first.id())));
    assertThat(occupied.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(occupied.message()).contains("/f", "exists");
    delete("/f", false);
    master.trash().restore(ROOT, DfsPath.of("/f"), Optional.of(first.id())).orThrow();
    assertThat(read("/f")).isEqualTo("first");
    DfsError none =
        refusal(master.trash().restore(ROOT, DfsPath.of("/f"), Optional.of(first.id())));
    assertThat(none.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refusal(master.trash().restore(ROOT, DfsPath.of("/never"), Optional.empty())))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .satisfies(e -> assertThat(e.message()).contains("no deletion of /never"));
  }

  @Test
  void aDeleteRefusesWhatItRefusedBeforeAndLeavesNoEntryBehind() {
    write("/d/f", "x");
    DfsError notEmpty = refusal(master.namespace().delete(ROOT, DfsPath.of("/d"), false));
    assertThat(notEmpty.code()).isEqualTo(ErrorCode.NOT_EMPTY);
    assertThat(refusal(master.namespace().delete(ROOT, DfsPath.of("/missing"), false)).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refusal(master.namespace().delete(ROOT, DfsPath.ROOT, true)).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(read("/d/f")).isEqualTo("x");
    assertThat(trashFolder()).isEmpty();
  }

  @Test
  void theTrashFolderIsReservedForEveryCallerNamingIt() {
    write("/f", "x");
    delete("/f", false);
    DfsPath inside = DfsPath.of("/.trash/x");
    List<Supplier<Outcome<?>>> calls =
        List.of(
            () -> master.namespace().stat(ROOT, ReservedPaths.TRASH),
            () -> master.namespace().list(ROOT, ReservedPaths.TRASH, null, 0),
            () -> master.namespace().listNames(ROOT, ReservedPaths.TRASH, null, 0),
            () -> master.namespace().mkdir(ROOT, inside, true),
            () -> master.namespace().create(ROOT, NewFile.withClusterDefaults(inside, true)),
            () -> master.namespace().rename(ROOT, DfsPath.of("/g"), inside, false),
            () -> master.namespace().rename(ROOT, ReservedPaths.TRASH, DfsPath.of("/t"), false),
            () -> master.namespace().delete(ROOT, ReservedPaths.TRASH, true),
            () -> master.namespace().truncate(ROOT, inside, 0),
            () -> master.chunkReads().locate(ROOT, inside, 0, 0),
            () -> master.trash().restore(ROOT, inside, Optional.empty()));
    for (Supplier<Outcome<?>> call : calls) {
      DfsError refused = refusal(call.get());
      assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(refused.message()).contains("reserved", "/.trash");
    }
    assertThat(trash(ROOT)).hasSize(1);
  }

  @Test
  void theRootListingNeverShowsTheTrashAndItsPagesStayFull() {
    for (String name : List.of("-a", ".a", ".tras", ".trasi", "0", "a")) {
      master.namespace().mkdir(ROOT, DfsPath.ROOT.child(name), false).orThrow();
    }
    write("/gone", "x");
    delete("/gone", false);
    List<String> seen = new ArrayList<>();
    String after = null;
    while (true) {
      var page = master.namespace().list(ROOT, DfsPath.ROOT, after, 1).orThrow();
      assertThat(page.entries()).hasSize(1);
      seen.add(page.entries().getFirst().path().name());
      if (!page.hasMore()) {
        break;
      }
      after = page.entries().getLast().path().name();
    }
    assertThat(seen).containsExactly("-a", ".a", ".tras", ".trasi", "0", "a");
    List<String> names = new ArrayList<>();
    after = null;
    while (true) { // the names-only listing (ADR 0033) hides it the same way
      NameListing page = master.namespace().listNames(ROOT, DfsPath.ROOT, after, 1).orThrow();
      assertThat(page.size()).isEqualTo(1);
      names.add(page.name(0));
      if (!page.hasMore()) {
        break;
      }
      after = page.name(0);
    }
    assertThat(names).isEqualTo(seen);
    NameListing whole = master.namespace().listNames(ROOT, DfsPath.ROOT, null, 0).orThrow();
    assertThat(whole.indexOf(ReservedPaths.TRASH.name())).isEqualTo(-1);
    assertThat(whole.size()).isEqualTo(seen.size());
  }

  @Test
  void thePurgeRemovesWhatOutlivedTheGracePeriodAndFreesItsChunks() {
    ChunkId chunk = chunkedFile("/old");
    TrashEntry old = delete("/old", false);
    assertThat(store.query(new NamespaceQuery.QueuedForDeletion(chunk)).orThrow()).isFalse();
    clock.advance(Duration.ofMinutes(5));
    write("/young", "y");
    delete("/young", false);
    // An entry left empty by a crash between a delete's two steps, and a name that is no entry.
    TrashEntry.Id crashed = TrashEntry.Id.of(clock.instant().minus(GRACE), 7, 1);
    store.execute(
        new NamespaceCommand.Mkdir(TrashLayout.entry(crashed), true, clock.instant()), ROOT);
    store.execute(
        new NamespaceCommand.Mkdir(ReservedPaths.TRASH.child("keep-me"), true, clock.instant()),
        ROOT);

    heartbeat(); // the node lives on: its replicas stay known
    master.maintenance().runOnce();
    assertThat(trash(ROOT)).extracting(TrashEntry::original).contains(DfsPath.of("/old"));
    clock.advance(Duration.ofMinutes(5)); // /old's grace ends now, /young's in 5 minutes
    heartbeat();
    master.maintenance().runOnce();

    assertThat(trash(ROOT)).extracting(TrashEntry::original).containsExactly(DfsPath.of("/young"));
    assertThat(trashFolder()).doesNotContain(old.id().value(), crashed.value()).contains("keep-me");
    assertThat(refusal(master.trash().restore(ROOT, DfsPath.of("/old"), Optional.empty())).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    // Its chunk went through the deletion queue, and its node is told to delete it.
    assertThat(store.query(new NamespaceQuery.QueuedForDeletion(chunk)).orThrow()).isTrue();
    assertThat(heartbeat()).containsExactly(chunk);
  }

  @Test
  void aBadReplicaOfATrashedFileIsReportedByWhoCouldReadItWhereItWas() {
    master =
        master(
            GRACE,
            AccessRules.of(
                List.of(
                    new Grant(
                        new Grant.User("alice"),
                        DfsPath.of("/data/alice"),
                        Set.of(Permission.READ)))));
    ChunkId chunk = chunkedFile("/data/alice/f");
    delete("/data/alice/f", false);
    Caller alice = Caller.of(Principal.user("alice", Set.of(), Set.of()), "test");
    Caller bob = Caller.of(Principal.user("bob", Set.of(), Set.of()), "test");
    assertThat(master.chunkReads().reportBadReplica(alice, chunk, NODE, "crc").isOk()).isTrue();
    assertThat(refusal(master.chunkReads().reportBadReplica(bob, chunk, NODE, "crc")).message())
        .contains("bob lacks 'read' on /data/alice/f");
  }

  @Test
  void withTheTrashOffADeleteIsImmediateAndWhatTheTrashStillHeldIsPurged() {
    write("/kept", "k");
    delete("/kept", false);
    master = master(Duration.ZERO, AccessRules.of(List.of()));
    write("/f", "x");
    assertThat(master.namespace().delete(ROOT, DfsPath.of("/f"), false).orThrow())
        .isEqualTo(new Deletion.Deleted(1));
    assertThat(trash(ROOT)).extracting(TrashEntry::original).containsExactly(DfsPath.of("/kept"));
    master.maintenance().runOnce();
    assertThat(trash(ROOT)).isEmpty();
  }

  @Test
  void goDfsOwnWorkingFilesAreDeletedAtOnce() {
    write("/d/.f.0123456789ab._COPYING_", "staged");
    write("/.godfs/tmp/part", "p");
    assertThat(
            master
                .namespace()
                .delete(ROOT, DfsPath.of("/d/.f.0123456789ab._COPYING_"), false)
                .orThrow())
        .isEqualTo(new Deletion.Deleted(1));
    assertThat(master.namespace().delete(ROOT, DfsPath.of("/.godfs"), true).orThrow())
        .isEqualTo(new Deletion.Deleted(1));
    assertThat(trash(ROOT)).isEmpty();
  }

  @Test
  void aCallerSeesOnlyWhatItCouldReadAndRestoresOnlyWhereItMayWrite() {
    Set<Permission> rwd = Set.of(Permission.READ, Permission.WRITE, Permission.DELETE);
    master =
        master(
            GRACE,
            AccessRules.of(
                List.of(
                    new Grant(new Grant.User("alice"), DfsPath.of("/data/alice"), rwd),
                    new Grant(new Grant.User("bob"), DfsPath.of("/data/bob"), rwd))));
    Caller alice = Caller.of(Principal.user("alice", Set.of(), Set.of()), "test");
    Caller bob = Caller.of(Principal.user("bob", Set.of(), Set.of()), "test");
    Caller reader = Caller.of(Principal.user("rita", Set.of(), Set.of(Role.READ)), "test");
    write("/data/alice/secret", "s");
    write("/data/bob/notes", "n");
    TrashEntry secret =
        ((Deletion.Trashed)
                master.namespace().delete(alice, DfsPath.of("/data/alice/secret"), false).orThrow())
            .entry();
    master.namespace().delete(bob, DfsPath.of("/data/bob/notes"), false).orThrow();

    assertThat(trash(alice)).extracting(TrashEntry::original).containsExactly(secret.original());
    assertThat(trash(bob))
        .extracting(TrashEntry::original)
        .containsExactly(DfsPath.of("/data/bob/notes"));
    assertThat(trash(reader)).hasSize(2);
    for (Caller denied : List.of(bob, reader)) {
      // Refused before the trash is looked at: by path or by entry, the same answer.
      for (Optional<TrashEntry.Id> id :
          List.of(Optional.<TrashEntry.Id>empty(), Optional.of(secret.id()))) {
        DfsError refused = refusal(master.trash().restore(denied, secret.original(), id));
        assertThat(refused.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(refused.message())
            .contains(denied.principal().name() + " lacks 'write' on /data/alice/secret");
      }
    }
    master.trash().restore(alice, secret.original(), Optional.empty()).orThrow();
    assertThat(read("/data/alice/secret")).isEqualTo("s");
  }

  @Test
  void entryIdsSayWhenAndHowDeepAndRefuseAnythingElse() {
    TrashEntry.Id id = TrashEntry.Id.of(Instant.parse("2026-01-01T00:00:00.123Z"), -1, 3);
    assertThat(id.value()).isEqualTo("1767225600123-ffffffffffffffff-3");
    assertThat(id.deletedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
    assertThat(id.depth()).isEqualTo(3);
    assertThat(TrashEntry.Id.parse("keep-me")).isEmpty();
    assertThat(TrashEntry.Id.parse(id.value())).contains(id);
    assertThatThrownBy(() -> new TrashEntry.Id("../x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trash entry id");
  }

  @Test
  void anEmptyTrashListsNothing() {
    assertThat(master.trash().list(ROOT, null, 0).orThrow()).isEqualTo(TrashPage.EMPTY);
    assertThat(refusal(master.trash().list(ROOT, null, 5000)).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  /** A directory with snapshots cannot be deleted (ADR 0025): not into the trash either. */
  @Test
  void aDirectoryWithSnapshotsIsNotMovedToTheTrash() {
    write("/keep/f", "kept");
    Instant now = clock.instant();
    store.execute(new NamespaceCommand.SnapshotsAllowed(DfsPath.of("/keep"), true, now), ROOT);
    store.execute(new NamespaceCommand.CreateSnapshot(DfsPath.of("/keep"), "s1", now), ROOT);
    DfsError refused = refusal(master.namespace().delete(ROOT, DfsPath.of("/keep"), true));
    assertThat(refused.code()).isEqualTo(ErrorCode.NOT_EMPTY);
    assertThat(refused.message()).contains("/keep has snapshots");
    assertThat(trash(ROOT)).isEmpty();
    assertThat(read("/keep/f")).isEqualTo("kept");
    // A file under it goes to the trash as any other.
    delete("/keep/f", false);
    assertThat(read("/keep/.snapshot/s1/f")).isEqualTo("kept");
  }
}
