package io.godfs.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.authority.AuthorityCommand;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.JoinGrant;
import io.godfs.domain.authority.JoinToken;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.ChunkAllocation;
import io.godfs.domain.file.ChunkCopy;
import io.godfs.domain.file.CreatedFile;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileChunks;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceFigures;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.PermissionCheck;
import io.godfs.domain.file.PosixIdentity;
import io.godfs.domain.file.QuotaUsage;
import io.godfs.domain.file.Removed;
import io.godfs.domain.file.SnapshotChange;
import io.godfs.domain.file.SnapshotInfo;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetadataStore} must do, run against each implementation: commands apply the
 * shared transition function, refusals come back as results, acknowledged commands are visible to
 * later queries, and concurrent commands are serialised without losing any.
 */
public abstract class MetadataStoreContract {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long CHUNK = 1 << 20;
  protected MetadataStore store;

  /** A fresh, empty store. */
  protected abstract MetadataStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static DfsPath p(String s) {
    return DfsPath.of(s);
  }

  /**
   * Every store counts its namespace alike (ADR 0023), from counts kept as commands apply: files,
   * directories, lengths, inline files and bytes, leases.
   */
  @Test
  void theNamespaceFiguresFollowTheCommands() {
    assertThat(store.namespaceFigures()).isEqualTo(NamespaceFigures.EMPTY);
    store.execute(new NamespaceCommand.Mkdir(p("/x/y"), true, T0), Callers.ANONYMOUS).orThrow();
    store
        .execute(
            new NamespaceCommand.CreateFile(
                p("/x/s"), false, 3, CHUNK, LeaseHolder.NONE, new byte[50], T0),
            Callers.ANONYMOUS)
        .orThrow();
    store
        .execute(
            new NamespaceCommand.CreateFile(
                p("/x/y/w"), false, 3, CHUNK, LeaseHolder.client("c"), T0),
            Callers.ANONYMOUS)
        .orThrow();
    assertThat(store.namespaceFigures()).isEqualTo(new NamespaceFigures(2, 2, 50, 1, 50, 1));

    store
        .execute(
            new NamespaceCommand.Truncate(p("/x/s"), 10, LeaseHolder.NONE, T0), Callers.ANONYMOUS)
        .orThrow();
    store.execute(new NamespaceCommand.Delete(p("/x/y"), true, T0), Callers.ANONYMOUS).orThrow();
    assertThat(store.namespaceFigures()).isEqualTo(new NamespaceFigures(1, 1, 10, 1, 10, 0));
  }

  @Test
  void acknowledgedCommandsAreVisibleToQueries() {
    assertThat(
            store.execute(new NamespaceCommand.Mkdir(p("/d"), false, T0), Callers.ANONYMOUS).isOk())
        .isTrue();
    Outcome<CreatedFile> created =
        store.execute(
            new NamespaceCommand.CreateFile(p("/d/f"), false, 3, CHUNK, T0), Callers.ANONYMOUS);
    FileId fileId = created.orThrow().status().fileId();
    ChunkAllocation grant =
        store
            .execute(
                new NamespaceCommand.AllocateChunk(p("/d/f"), fileId, 0, T0), Callers.ANONYMOUS)
            .orThrow();
    Long length =
        store
            .execute(
                new NamespaceCommand.CommitChunk(
                    p("/d/f"),
                    fileId,
                    0,
                    grant.chunkId(),
                    grant.version(),
                    1234,
                    T0.plusSeconds(1)),
                Callers.ANONYMOUS)
            .orThrow();
    assertThat(length).isEqualTo(1234);

    FileStatus stat = store.query(new NamespaceQuery.Stat(p("/d/f"))).orThrow();
    assertThat(stat.length()).isEqualTo(1234);
    assertThat(stat.modificationTime()).isEqualTo(T0.plusSeconds(1));
    assertThat(store.query(new NamespaceQuery.OwnerOfChunk(grant.chunkId())).orThrow().path())
        .isEqualTo(p("/d/f"));
    assertThat(store.query(new NamespaceQuery.Locate(p("/d/f"), 0, 0)).orThrow().chunks())
        .hasSize(1);
  }

  @Test
  void anAsynchronousQueryAnswersWhatTheQueryDoesIncludingEveryAcknowledgedChange()
      throws Exception {
    store.execute(new NamespaceCommand.Mkdir(p("/q"), false, T0), Callers.ANONYMOUS).orThrow();
    FileStatus async =
        store.queryAsync(new NamespaceQuery.Stat(p("/q"))).get(10, TimeUnit.SECONDS).orThrow();
    assertThat(async).isEqualTo(store.query(new NamespaceQuery.Stat(p("/q"))).orThrow());
    assertThat(store.queryAsync(new NamespaceQuery.Stat(p("/q/none"))).get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> assertThat(r.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void refusalsAreResultsNotExceptions() {
    Outcome<FileStatus> missingParent =
        store.execute(new NamespaceCommand.Mkdir(p("/a/b"), false, T0), Callers.ANONYMOUS);
    assertThat(missingParent)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> assertThat(r.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
    Outcome<FileStatus> stat = store.query(new NamespaceQuery.Stat(p("/nope")));
    assertThat(stat)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> assertThat(r.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
    // The store is still usable after refusals.
    assertThat(
            store.execute(new NamespaceCommand.Mkdir(p("/a"), false, T0), Callers.ANONYMOUS).isOk())
        .isTrue();
  }

  @Test
  void aConditionalRenameReplacesOnlyTheFileItExpects() {
    FileId first =
        store
            .execute(
                new NamespaceCommand.CreateFile(p("/t"), false, 3, CHUNK, T0), Callers.ANONYMOUS)
            .orThrow()
            .status()
            .fileId();
    FileId upload =
        store
            .execute(
                new NamespaceCommand.CreateFile(p("/u"), false, 3, CHUNK, T0), Callers.ANONYMOUS)
            .orThrow()
            .status()
            .fileId();
    FileId other =
        store
            .execute(
                new NamespaceCommand.CreateFile(p("/t"), true, 3, CHUNK, T0), Callers.ANONYMOUS)
            .orThrow()
            .status()
            .fileId();

    Outcome<?> stale =
        store.execute(new NamespaceCommand.Rename(p("/u"), p("/t"), first, T0), Callers.ANONYMOUS);
    assertThat(stale)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> assertThat(r.error().code()).isEqualTo(ErrorCode.CONFLICT));
    assertThat(store.query(new NamespaceQuery.Stat(p("/t"))).orThrow().fileId()).isEqualTo(other);

    store
        .execute(new NamespaceCommand.Rename(p("/u"), p("/t"), other, T0), Callers.ANONYMOUS)
        .orThrow();
    assertThat(store.query(new NamespaceQuery.Stat(p("/t"))).orThrow().fileId()).isEqualTo(upload);
  }

  @Test
  void concurrentCommandsAreAllAppliedExactlyOnce() throws Exception {
    store.execute(new NamespaceCommand.Mkdir(p("/c"), false, T0), Callers.ANONYMOUS).orThrow();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> ids = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        ids.add(
            pool.submit(
                () -> {
                  long last = 0;
                  for (int i = 0; i < 50; i++) {
                    last =
                        store
                            .execute(
                                new NamespaceCommand.CreateFile(
                                    p("/c/f-" + thread + "-" + i), false, 1, CHUNK, T0),
                                Callers.ANONYMOUS)
                            .orThrow()
                            .status()
                            .fileId()
                            .value();
                  }
                  return last;
                }));
      }
      Set<Long> lastIds = new HashSet<>();
      for (Future<Long> f : ids) {
        lastIds.add(f.get());
      }
      assertThat(lastIds).hasSize(8);
    } finally {
      pool.shutdownNow();
    }
    Listing all = store.query(new NamespaceQuery.ListDirectory(p("/c"), null, 1000)).orThrow();
    assertThat(all.entries()).hasSize(400);
    assertThat(all.entries().stream().map(FileStatus::fileId).distinct().count()).isEqualTo(400);
  }

  @Test
  void theCertificateAuthorityIsInstalledOnceAndATokenWorksOnce() {
    AuthorityKeys first = new AuthorityKeys(new byte[] {1, 2}, new byte[] {3, 4}, T0);
    AuthorityKeys second = new AuthorityKeys(new byte[] {5}, new byte[] {6}, T0.plusSeconds(1));
    assertThat(store.authorityKeys()).isEmpty();
    assertThat(store.execute(new AuthorityCommand.Install(first, T0), Callers.ANONYMOUS))
        .isEqualTo(Outcome.ok(first));
    // A second master racing on the first start: the keys installed first stay.
    assertThat(store.execute(new AuthorityCommand.Install(second, T0), Callers.ANONYMOUS))
        .isEqualTo(Outcome.ok(first));
    assertThat(store.authorityKeys()).contains(first);

    String hash = "ab".repeat(32);
    JoinToken token =
        new JoinToken(
            hash, NodeRole.CHUNKSERVER, Optional.of("cs-1"), T0.plusSeconds(60), Optional.empty());
    assertThat(store.execute(new AuthorityCommand.AddJoinToken(token, T0), Callers.ANONYMOUS))
        .isEqualTo(Outcome.ok(1L));
    assertThat(
            store.execute(
                new AuthorityCommand.UseJoinToken(hash, NodeRole.CHUNKSERVER, T0.plusSeconds(1)),
                Callers.ANONYMOUS))
        .isEqualTo(Outcome.ok(new JoinGrant(NodeRole.CHUNKSERVER, Optional.of("cs-1"))));
    Outcome<JoinGrant> again =
        store.execute(
            new AuthorityCommand.UseJoinToken(hash, NodeRole.CHUNKSERVER, T0.plusSeconds(2)),
            Callers.ANONYMOUS);
    assertThat(again).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected<JoinGrant>) again).error().code())
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(((Outcome.Rejected<JoinGrant>) again).error().message())
        .isEqualTo("join token already used at " + T0.plusSeconds(1));
  }

  /**
   * Snapshots on every store (ADR 0025): a snapshot reads as the tree was; a write to a chunk it
   * holds gets a copy; its chunks are not collected after the file is deleted, and deleting the
   * snapshot releases them; diff and restore go through commands and queries alike.
   */
  @Test
  void snapshotsHoldTheirChunksUntilDeleted() {
    run(new NamespaceCommand.Mkdir(p("/data"), false, T0));
    run(new NamespaceCommand.SnapshotsAllowed(p("/data"), true, T0));
    FileId file =
        run(new NamespaceCommand.CreateFile(p("/data/f"), false, 3, CHUNK, T0)).status().fileId();
    ChunkAllocation first = run(new NamespaceCommand.AllocateChunk(p("/data/f"), file, 0, T0));
    run(
        new NamespaceCommand.CommitChunk(
            p("/data/f"), file, 0, first.chunkId(), first.version(), 100, T0));

    SnapshotInfo s1 = run(new NamespaceCommand.CreateSnapshot(p("/data"), "s1", T0));
    assertThat(s1.path()).isEqualTo(p("/data/.snapshot/s1"));
    assertThat(store.query(new NamespaceQuery.SnapshotById(s1.id())).orThrow()).isEqualTo(s1);

    // A write to the held chunk is granted a new chunk that starts as a copy of it.
    ChunkAllocation again = run(new NamespaceCommand.AllocateChunk(p("/data/f"), file, 0, T0));
    assertThat(again.chunkId()).isNotEqualTo(first.chunkId());
    assertThat(again.copyOf()).isEqualTo(new ChunkCopy(first.chunkId(), first.version(), 100));
    run(
        new NamespaceCommand.CommitChunk(
            p("/data/f"), file, 0, again.chunkId(), again.version(), 200, T0.plusSeconds(1)));

    FileChunks now = store.query(new NamespaceQuery.Locate(p("/data/f"), 0, 0)).orThrow();
    FileChunks then =
        store.query(new NamespaceQuery.Locate(p("/data/.snapshot/s1/f"), 0, 0)).orThrow();
    assertThat(now.status().length()).isEqualTo(200);
    assertThat(now.chunks().getFirst().chunk().id()).isEqualTo(again.chunkId());
    assertThat(then.status().length()).isEqualTo(100);
    assertThat(then.chunks().getFirst().chunk().id()).isEqualTo(first.chunkId());
    assertThat(store.query(new NamespaceQuery.SnapshotDiff(p("/data"), "s1", null)).orThrow())
        .containsExactly(new SnapshotChange(SnapshotChange.Kind.MODIFIED, p("/data/f"), null));

    // Snapshots are read-only.
    Outcome<CreatedFile> write =
        store.execute(
            new NamespaceCommand.CreateFile(p("/data/.snapshot/s1/g"), false, 3, CHUNK, T0),
            Callers.ANONYMOUS);
    assertThat(((Outcome.Rejected<CreatedFile>) write).error().code())
        .isEqualTo(ErrorCode.READ_ONLY);

    // Deleting the file keeps the snapshot's chunk; deleting the snapshot releases it.
    Removed deleted = run(new NamespaceCommand.Delete(p("/data/f"), false, T0));
    assertThat(deleted.chunks()).containsExactly(again.chunkId());
    assertThat(store.query(new NamespaceQuery.QueuedForDeletion(first.chunkId())).orThrow())
        .isFalse();
    assertThat(store.query(new NamespaceQuery.OwnerOfChunk(first.chunkId())).isOk()).isTrue();

    // Restore is a metadata operation: the restored file holds the snapshot's chunk.
    run(new NamespaceCommand.RestoreSnapshot(p("/data/.snapshot/s1/f"), p("/data/f"), T0));
    assertThat(
            store
                .query(new NamespaceQuery.Locate(p("/data/f"), 0, 0))
                .orThrow()
                .chunks()
                .getFirst()
                .chunk()
                .id())
        .isEqualTo(first.chunkId());

    Outcome<Removed> busy =
        store.execute(new NamespaceCommand.Delete(p("/data"), true, T0), Callers.ANONYMOUS);
    assertThat(((Outcome.Rejected<Removed>) busy).error().code()).isEqualTo(ErrorCode.NOT_EMPTY);
    run(new NamespaceCommand.RenameSnapshot(p("/data"), "s1", "first", T0));
    assertThat(store.query(new NamespaceQuery.SnapshotsOf(p("/data"))).orThrow())
        .extracting(SnapshotInfo::name)
        .containsExactly("first");
    run(new NamespaceCommand.DeleteSnapshot(p("/data"), "first", T0));
    run(new NamespaceCommand.Delete(p("/data/f"), false, T0));
    assertThat(store.query(new NamespaceQuery.QueuedForDeletion(first.chunkId())).orThrow())
        .isTrue();
    run(new NamespaceCommand.Delete(p("/data"), true, T0));
  }

  /** Quotas on every store (ADR 0026): set, shown, enforced, cleared. */
  @Test
  void quotasAreSetShownAndEnforced() {
    run(new NamespaceCommand.Mkdir(p("/q/a"), true, T0));
    QuotaUsage set = run(new NamespaceCommand.SetQuota(p("/q"), 3, QuotaUsage.NONE, T0));
    assertThat(set).isEqualTo(new QuotaUsage(p("/q"), 3, 2, QuotaUsage.NONE, 0));
    run(new NamespaceCommand.CreateFile(p("/q/f"), false, 3, CHUNK, T0));
    Outcome<CreatedFile> over =
        store.execute(
            new NamespaceCommand.CreateFile(p("/q/g"), false, 3, CHUNK, T0), Callers.ANONYMOUS);
    assertThat(((Outcome.Rejected<CreatedFile>) over).error().code())
        .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(store.query(new NamespaceQuery.QuotaOf(p("/q"))).orThrow().names()).isEqualTo(3);
    run(new NamespaceCommand.SetQuota(p("/q"), QuotaUsage.NONE, QuotaUsage.NONE, T0));
    run(new NamespaceCommand.CreateFile(p("/q/g"), false, 3, CHUNK, T0));
  }

  /**
   * POSIX attributes on every store (ADR 0028): a creator's ownership and a change of mode, owner
   * and times come back exactly, through the log and its results.
   */
  @Test
  void attributesAreKeptExactly() {
    Instant old = Instant.parse("1960-02-29T12:00:00.000000007Z");
    FileStatus dir =
        run(new NamespaceCommand.Mkdir(p("/d"), false, new Ownership(1000, 2000, 02770), T0));
    assertThat(dir.attributes()).isEqualTo(new InodeAttributes(1000, 2000, 02770, T0, T0));
    CreatedFile created =
        run(
            new NamespaceCommand.CreateFile(
                p("/d/f"),
                false,
                3,
                CHUNK,
                LeaseHolder.NONE,
                null,
                new Ownership(1001, 1, 0600),
                T0));
    assertThat(created.status().attributes().group()).isEqualTo(2000);
    FileStatus changed =
        run(
            new NamespaceCommand.SetAttributes(
                p("/d/f"),
                new AttributeChange(
                    OptionalInt.of(7),
                    OptionalInt.empty(),
                    OptionalInt.of(04755),
                    new AttributeChange.At(old),
                    AttributeChange.TimeChange.NOW),
                T0.plusSeconds(1)));
    assertThat(changed.attributes())
        .isEqualTo(new InodeAttributes(7, 2000, 04755, old, T0.plusSeconds(1)));
    assertThat(changed.modificationTime()).isEqualTo(T0.plusSeconds(1));
    assertThat(store.query(new NamespaceQuery.Stat(p("/d/f"))).orThrow()).isEqualTo(changed);
  }

  /**
   * A checked user's command (ADR 0029) goes through the store whole: its checks refuse on the
   * state it applies to, and what they allow is applied as the user makes it.
   */
  @Test
  void aCheckedUsersCommandIsCheckedWhereItApplies() {
    run(new NamespaceCommand.Mkdir(p("/home"), false, new Ownership(1000, 1000, 01755), T0));
    PosixIdentity bob = new PosixIdentity(2000, 2000, Set.of(7));
    Outcome<FileStatus> refused =
        store.execute(
            new NamespaceCommand.AsUser<>(
                "bob",
                bob,
                List.of(PermissionCheck.make(p("/home/x"))),
                new NamespaceCommand.Mkdir(p("/home/x"), false, T0)),
            Callers.ANONYMOUS);
    assertThat(refused).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected<FileStatus>) refused).error().message())
        .contains("bob (uid 2000) lacks 'write' on directory /home");
    PosixIdentity alice = new PosixIdentity(1000, 1000, Set.of(7));
    FileStatus chgrp =
        run(
            new NamespaceCommand.AsUser<>(
                "alice",
                alice,
                List.of(PermissionCheck.reach(p("/home"))),
                new NamespaceCommand.SetAttributes(
                    p("/home"),
                    AttributeChange.owner(OptionalInt.empty(), OptionalInt.of(7)),
                    T0)));
    assertThat(chgrp.attributes().group()).isEqualTo(7);
  }

  /** Extended attributes on every store (ADR 0028): set, replaced, removed, read back exactly. */
  @Test
  void extendedAttributesAreKeptExactly() {
    run(new NamespaceCommand.Mkdir(p("/x"), false, T0));
    byte[] binary = {0, 1, (byte) 0xff, 10};
    run(new NamespaceCommand.SetXattr(p("/x"), "user.bin", binary, XattrMode.CREATE, T0));
    run(new NamespaceCommand.SetXattr(p("/x"), "trusted.t", new byte[0], XattrMode.EITHER, T0));
    Outcome<FileStatus> again =
        store.execute(
            new NamespaceCommand.SetXattr(p("/x"), "user.bin", binary, XattrMode.CREATE, T0),
            Callers.ANONYMOUS);
    assertThat(((Outcome.Rejected<FileStatus>) again).error().code())
        .isEqualTo(ErrorCode.ALREADY_EXISTS);
    run(new NamespaceCommand.RemoveXattr(p("/x"), "trusted.t", T0));
    Xattrs read = store.query(new NamespaceQuery.XattrsOf(p("/x"))).orThrow();
    assertThat(read.names()).containsExactly("user.bin");
    assertThat(read.get("user.bin").orElseThrow()).isEqualTo(binary);
  }

  /** Symbolic links on every store (ADR 0028): kind, target and owner come back. */
  @Test
  void symbolicLinksKeepTheirTarget() {
    FileStatus link =
        run(new NamespaceCommand.CreateSymlink(p("/l"), "a/b", new Ownership(7, 8, 0600), T0));
    assertThat(link.type()).isEqualTo(FileType.SYMLINK);
    assertThat(link.attributes().mode()).isEqualTo(0777);
    FileChunks located = store.query(new NamespaceQuery.Locate(p("/l"), 0, 0)).orThrow();
    assertThat(located.inline()).isEqualTo("a/b".getBytes(StandardCharsets.UTF_8));
    assertThat(located.status()).isEqualTo(link);
  }

  /** Special files on every store (ADR 0028): kind, owner, mode and device number come back. */
  @Test
  void specialFilesKeepTheirKindAndDeviceNumber() {
    long device = (259L << 8) | (1L << 20) | 5; // major 259, a minor above 255
    FileStatus made =
        run(
            new NamespaceCommand.MakeNode(
                p("/disk"), FileType.BLOCK_DEVICE, device, new Ownership(7, 8, 0660), T0));
    assertThat(made.type()).isEqualTo(FileType.BLOCK_DEVICE);
    assertThat(made.attributes().device()).isEqualTo(device);
    assertThat(made.attributes().mode()).isEqualTo(0660);
    run(new NamespaceCommand.MakeNode(p("/fifo"), FileType.FIFO, 0, null, T0));
    assertThat(store.query(new NamespaceQuery.Stat(p("/disk"))).orThrow()).isEqualTo(made);
    assertThat(store.query(new NamespaceQuery.Stat(p("/fifo"))).orThrow().type())
        .isEqualTo(FileType.FIFO);
  }

  /** Hard links and exchanges on every store (ADR 0028): one inode, several names. */
  @Test
  void hardLinksNameOneInodeAndExchangesSwapNames() {
    run(new NamespaceCommand.Mkdir(p("/d"), false, T0));
    FileStatus a = run(new NamespaceCommand.CreateFile(p("/d/a"), false, 3, 1 << 20, T0)).status();
    FileStatus b = run(new NamespaceCommand.Link(p("/d/a"), p("/b"), T0));
    assertThat(b.fileId()).isEqualTo(a.fileId());
    assertThat(b.links()).isEqualTo(2);
    assertThat(store.query(new NamespaceQuery.Stat(p("/d/a"))).orThrow().links()).isEqualTo(2);
    Outcome<FileStatus> toDir =
        store.execute(new NamespaceCommand.Link(p("/d"), p("/e"), T0), Callers.ANONYMOUS);
    assertThat(((Outcome.Rejected<FileStatus>) toDir).error().code())
        .isEqualTo(ErrorCode.NOT_PERMITTED);
    run(new NamespaceCommand.Delete(p("/d/a"), false, T0));
    assertThat(store.query(new NamespaceQuery.Stat(p("/b"))).orThrow().links()).isEqualTo(1);
    assertThat(store.query(new NamespaceQuery.Stat(p("/"))).orThrow().links()).isEqualTo(3);
    run(new NamespaceCommand.ExchangeNames(p("/b"), p("/d"), T0));
    assertThat(store.query(new NamespaceQuery.Stat(p("/d"))).orThrow().fileId())
        .isEqualTo(a.fileId());
    assertThat(store.query(new NamespaceQuery.Stat(p("/b"))).orThrow().isDirectory()).isTrue();
  }

  private <R> R run(NamespaceCommand<R> command) {
    return store.execute(command, Callers.ANONYMOUS).orThrow();
  }
}
