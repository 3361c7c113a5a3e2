package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The POSIX permission rules the master applies to a user with a POSIX identity who is not an
 * administrator (ADR 0029), run as commands so that the check and the change are one step.
 */
class PosixPermissionsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(10);
  private static final long CHUNK = 65536;
  private static final PosixIdentity ALICE = new PosixIdentity(1000, 1000, Set.of(500));
  private static final PosixIdentity BOB = PosixIdentity.of(2000, 2000);

  private final Namespace ns = Namespace.empty(T0);

  private static DfsPath p(String s) {
    return DfsPath.of(s);
  }

  private <R> Outcome<R> as(PosixIdentity who, NamespaceCommand<R> c, PermissionCheck... checks) {
    String name = who == ALICE ? "alice" : "bob";
    return new NamespaceCommand.AsUser<>(name, who, List.of(checks), c).applyTo(ns);
  }

  private <R> Outcome<R> read(PosixIdentity who, NamespaceQuery<R> q, PermissionCheck... checks) {
    return new NamespaceQuery.AsUser<>("someone", who, List.of(checks), q).readFrom(ns);
  }

  private void mkdirAsRoot(String path, int owner, int mode) {
    ns.mkdir(p(path), true, new Ownership(owner, owner, mode), T0).orThrow();
  }

  private void fileAsRoot(String path, int owner, int mode) {
    ns.createFile(p(path), false, 3, CHUNK, LeaseHolder.NONE, new Ownership(owner, owner, mode), T0)
        .orThrow();
  }

  private Outcome<FileStatus> mkdir(PosixIdentity who, String path) {
    return as(
        who,
        new NamespaceCommand.Mkdir(p(path), false, new Ownership(who.uid(), who.gid(), 0755), T1),
        PermissionCheck.make(p(path)));
  }

  private static void assertDenied(Outcome<?> outcome, String... parts) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    var error = ((Outcome.Rejected<?>) outcome).error();
    assertThat(error.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(error.message()).contains(parts);
  }

  @Test
  void theClassIsTheOwnersTheGroupsOrOthersAndOnlyOne() {
    InodeAttributes a = new InodeAttributes(1000, 500, 0075, T0, T0);
    assertThat(PosixPermissions.held(ALICE, a)).isZero();
    assertThat(PosixPermissions.held(new PosixIdentity(3, 3, Set.of(500)), a)).isEqualTo(7);
    assertThat(PosixPermissions.held(BOB, a)).isEqualTo(5);
  }

  @Test
  void creatingInARootOwnedDirectoryNeedsWriteOnTheParentAndOwnDirectoriesWork() {
    mkdirAsRoot("/data", 0, 0755);
    assertDenied(mkdir(ALICE, "/data/alice"), "alice (uid 1000) lacks 'write' on directory /data");
    mkdirAsRoot("/data/alice", 1000, 0755);
    FileStatus made = mkdir(ALICE, "/data/alice/docs").orThrow();
    assertThat(made.attributes().owner()).isEqualTo(1000);
    assertThat(made.attributes().group()).isEqualTo(1000);
    var create =
        new NamespaceCommand.CreateFile(
            p("/data/alice/docs/f"),
            false,
            3,
            CHUNK,
            LeaseHolder.NONE,
            null,
            new Ownership(1000, 1000, 0600),
            T1);
    assertThat(as(ALICE, create, PermissionCheck.create(create.path())).isOk()).isTrue();
    assertDenied(
        as(BOB, create, PermissionCheck.create(create.path())),
        "bob (uid 2000) lacks 'write' on /data/alice/docs/f (owner uid 1000, group gid 1000,"
            + " mode 0600)");
    assertDenied(mkdir(BOB, "/data/alice/docs/g"), "lacks 'write' on directory /data/alice/docs");
  }

  @Test
  void searchIsNeededOnEveryAncestor() {
    mkdirAsRoot("/private", 1000, 0700);
    mkdirAsRoot("/private/open", 1000, 0777);
    fileAsRoot("/private/open/f", 1000, 0666);
    assertDenied(
        read(
            BOB,
            new NamespaceQuery.Stat(p("/private/open/f")),
            PermissionCheck.reach(p("/private/open/f"))),
        "lacks 'search' (x) on directory /private");
    assertThat(
            read(
                    ALICE,
                    new NamespaceQuery.Stat(p("/private/open/f")),
                    PermissionCheck.reach(p("/private/open/f")))
                .isOk())
        .isTrue();
  }

  @Test
  void anotherUsersPrivateFileIsNotReadable() {
    fileAsRoot("/secret", 2000, 0600);
    assertDenied(
        read(ALICE, new NamespaceQuery.Stat(p("/secret")), PermissionCheck.read(p("/secret"))),
        "lacks 'read' on /secret (owner uid 2000, group gid 2000, mode 0600)");
    assertThat(
            read(BOB, new NamespaceQuery.Stat(p("/secret")), PermissionCheck.read(p("/secret")))
                .isOk())
        .isTrue();
  }

  @Test
  void chmodOnlyByTheOwnerChownNeverAndChgrpToOwnGroups() {
    fileAsRoot("/f", 2000, 0644);
    var chmod = new NamespaceCommand.SetAttributes(p("/f"), AttributeChange.mode(0666), T1);
    assertDenied(as(ALICE, chmod, PermissionCheck.reach(p("/f"))), "may not change the mode of /f");
    assertThat(as(BOB, chmod, PermissionCheck.reach(p("/f"))).orThrow().attributes().mode())
        .isEqualTo(0666);

    fileAsRoot("/mine", 1000, 04755);
    var chown =
        new NamespaceCommand.SetAttributes(
            p("/mine"), AttributeChange.owner(OptionalInt.of(2000), OptionalInt.empty()), T1);
    assertDenied(as(ALICE, chown, PermissionCheck.reach(p("/mine"))), "only an administrator");
    var chgrpOther =
        new NamespaceCommand.SetAttributes(
            p("/mine"), AttributeChange.owner(OptionalInt.empty(), OptionalInt.of(2000)), T1);
    assertDenied(as(ALICE, chgrpOther, PermissionCheck.reach(p("/mine"))), "to gid 2000");
    var chgrpOwn =
        new NamespaceCommand.SetAttributes(
            p("/mine"), AttributeChange.owner(OptionalInt.empty(), OptionalInt.of(500)), T1);
    InodeAttributes after =
        as(ALICE, chgrpOwn, PermissionCheck.reach(p("/mine"))).orThrow().attributes();
    assertThat(after.group()).isEqualTo(500);
    // A chgrp by a user who is not root drops setuid (and setgid with group execute).
    assertThat(after.mode()).isEqualTo(0755);
  }

  @Test
  void explicitTimesOnlyByTheOwnerNowByAWriter() {
    fileAsRoot("/shared", 2000, 0666);
    var explicit =
        new NamespaceCommand.SetAttributes(
            p("/shared"),
            AttributeChange.times(new AttributeChange.At(T0), AttributeChange.TimeChange.KEEP),
            T1);
    assertDenied(as(ALICE, explicit, PermissionCheck.reach(p("/shared"))), "explicit times");
    var now =
        new NamespaceCommand.SetAttributes(
            p("/shared"),
            AttributeChange.times(AttributeChange.TimeChange.NOW, AttributeChange.TimeChange.NOW),
            T1);
    assertThat(as(ALICE, now, PermissionCheck.reach(p("/shared"))).isOk()).isTrue();
    fileAsRoot("/readonly", 2000, 0644);
    var nowThere =
        new NamespaceCommand.SetAttributes(
            p("/readonly"),
            AttributeChange.times(AttributeChange.TimeChange.NOW, AttributeChange.TimeChange.NOW),
            T1);
    assertDenied(as(ALICE, nowThere, PermissionCheck.reach(p("/readonly"))), "lacks 'write'");
  }

  @Test
  void inAStickyDirectoryOnlyOwnersRemoveEntries() {
    mkdirAsRoot("/tmp", 0, 01777);
    fileAsRoot("/tmp/bobs", 2000, 0666);
    var delete = new NamespaceCommand.Delete(p("/tmp/bobs"), false, T1);
    assertDenied(
        as(ALICE, delete, PermissionCheck.remove(p("/tmp/bobs"), true)),
        "may not remove or rename /tmp/bobs: its directory is sticky");
    var rename = new NamespaceCommand.Rename(p("/tmp/bobs"), p("/tmp/mine"), false, T1);
    assertDenied(
        as(
            ALICE,
            rename,
            PermissionCheck.remove(p("/tmp/bobs"), false),
            PermissionCheck.renameTo(p("/tmp/mine"))),
        "sticky");
    assertThat(as(BOB, delete, PermissionCheck.remove(p("/tmp/bobs"), true)).isOk()).isTrue();
  }

  @Test
  void aRecursiveDeleteNeedsEveryNonEmptyDirectoryUnderIt() {
    mkdirAsRoot("/home/alice/locked", 1000, 0777);
    ns.setAttributes(p("/home"), AttributeChange.mode(0777), T0).orThrow();
    mkdirAsRoot("/home/alice/locked/inner", 2000, 0555);
    fileAsRoot("/home/alice/locked/inner/f", 2000, 0644);
    var delete = new NamespaceCommand.Delete(p("/home/alice"), true, T1);
    assertDenied(
        as(ALICE, delete, PermissionCheck.remove(p("/home/alice"), true)),
        "lacks 'write' on directory /home/alice/locked/inner");
  }

  @Test
  void writingOrTruncatingDropsSetuid() {
    fileAsRoot("/tool", 1000, 06775);
    var cut = new NamespaceCommand.Truncate(p("/tool"), 0, LeaseHolder.NONE, T1);
    assertThat(as(BOB, cut, PermissionCheck.write(p("/tool"))))
        .isInstanceOf(Outcome.Rejected.class);
    as(ALICE, cut, PermissionCheck.write(p("/tool"))).orThrow();
    assertThat(ns.stat(p("/tool")).orThrow().attributes().mode()).isEqualTo(0775);
  }

  @Test
  void chmodOfSetgidOutsideTheGroupDropsIt() {
    ns.createFile(p("/g"), false, 3, CHUNK, LeaseHolder.NONE, new Ownership(1000, 77, 0644), T0)
        .orThrow();
    var chmod = new NamespaceCommand.SetAttributes(p("/g"), AttributeChange.mode(02755), T1);
    assertThat(as(ALICE, chmod, PermissionCheck.reach(p("/g"))).orThrow().attributes().mode())
        .isEqualTo(0755);
  }

  @Test
  void aSnapshotKeepsTheModesItWasTakenWith() {
    mkdirAsRoot("/s", 0, 0755);
    fileAsRoot("/s/f", 2000, 0644);
    ns.allowSnapshots(p("/s"), T0).orThrow();
    ns.createSnapshot(p("/s"), "one", T0).orThrow();
    ns.setAttributes(p("/s/f"), AttributeChange.mode(0600), T1).orThrow();
    DfsPath old = p("/s/.snapshot/one/f");
    assertThat(read(ALICE, new NamespaceQuery.Stat(old), PermissionCheck.read(old)).isOk())
        .isTrue();
    assertDenied(
        read(ALICE, new NamespaceQuery.Stat(p("/s/f")), PermissionCheck.read(p("/s/f"))),
        "lacks 'read'");
  }
}
