package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.PosixIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The master's POSIX checks for SDK and REST principals (ADR 0029): after the grants, a user with a
 * POSIX identity that is not an administrator is held to the owners and modes; administrators and
 * users without an identity are not.
 */
class PosixPermissionServiceTest {
  static final Caller ADMIN =
      Caller.of(Principal.user("root", Set.of(), Set.of(Role.ADMIN)), "test");
  static final Caller ADMIN_MAPPED =
      Caller.of(
          Principal.user("ops", Set.of(), Set.of(Role.ADMIN))
              .withPosix(PosixIdentity.of(3000, 3000)),
          "test");
  static final Caller ALICE =
      Caller.of(
          Principal.user("alice", Set.of(), Set.of(Role.WRITE))
              .withPosix(new PosixIdentity(1000, 1000, Set.of(500))),
          "test");
  static final Caller BOB =
      Caller.of(
          Principal.user("bob", Set.of(), Set.of(Role.WRITE))
              .withPosix(PosixIdentity.of(2000, 2000)),
          "test");
  static final Caller UNMAPPED =
      Caller.of(Principal.user("carol", Set.of(), Set.of(Role.WRITE)), "t");

  final MasterServices master =
      MasterServices.create(
          new FakeMetadataStore(),
          new MutableClock(Instant.parse("2026-01-01T00:00:00Z")),
          new MasterSettings(1 << 20, 1, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1),
          AccessPolicy.fixed(AccessRules.of(List.of())));

  private static DfsPath p(String s) {
    return DfsPath.of(s);
  }

  private static void denied(Outcome<?> outcome, String... parts) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    var error = ((Outcome.Rejected<?>) outcome).error();
    assertThat(error.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(error.message()).contains(parts);
  }

  private InodeAttributes attributes(String path) {
    return master.namespace().stat(ADMIN, p(path)).orThrow().attributes();
  }

  /** /data root-owned 0755, /data/alice alice's, /data/bob bob's. */
  private void homes() {
    master.namespace().mkdir(ADMIN, p("/data"), false).orThrow();
    master
        .namespace()
        .mkdir(ADMIN, p("/data/alice"), false, new Ownership(1000, 1000, 0755))
        .orThrow();
    master
        .namespace()
        .mkdir(ADMIN, p("/data/bob"), false, new Ownership(2000, 2000, 0755))
        .orThrow();
  }

  @Test
  void creatingInARootOwnedDirectoryIsRefusedNamingWriteOnTheParent() {
    homes();
    denied(
        master.namespace().create(ALICE, NewFile.withClusterDefaults(p("/data/f"), false)),
        "alice (uid 1000) lacks 'write' on directory /data");
    denied(master.namespace().mkdir(BOB, p("/data/alice/x"), false), "lacks 'write'");
  }

  @Test
  void whatAUserCreatesInItsOwnDirectoryIsItsOwnUnderTheUmask() {
    homes();
    master
        .namespace()
        .create(ALICE, NewFile.withClusterDefaults(p("/data/alice/f"), false))
        .orThrow();
    master.namespace().mkdir(ALICE, p("/data/alice/d"), false).orThrow();
    assertThat(attributes("/data/alice/f"))
        .extracting(a -> a.owner(), a -> a.group(), a -> a.mode())
        .containsExactly(1000, 1000, 0644);
    assertThat(attributes("/data/alice/d").mode()).isEqualTo(0755);
    // A mapped administrator's files are its own too; an unmapped user's stay root's.
    master
        .namespace()
        .create(ADMIN_MAPPED, NewFile.withClusterDefaults(p("/ops"), false))
        .orThrow();
    assertThat(attributes("/ops").owner()).isEqualTo(3000);
    master
        .namespace()
        .create(UNMAPPED, NewFile.withClusterDefaults(p("/data/carol"), false))
        .orThrow();
    assertThat(attributes("/data/carol").owner()).isZero();
    // A checked user may not create what another user owns.
    denied(
        master
            .namespace()
            .create(
                ALICE,
                NewFile.withClusterDefaults(p("/data/alice/g"), false)
                    .withOwnership(new Ownership(2000, 2000, 0644))),
        "may not create what uid 2000");
  }

  /** link and exchange (ADR 0028) need write on the directories whose entries change. */
  @Test
  void linksAndExchangesNeedWriteOnTheDirectoriesTheyChange() {
    homes();
    master.namespace().create(BOB, NewFile.withClusterDefaults(p("/data/bob/f"), false)).orThrow();
    master
        .namespace()
        .create(ALICE, NewFile.withClusterDefaults(p("/data/alice/a"), false))
        .orThrow();
    denied(
        master.namespace().link(ALICE, p("/data/alice/a"), p("/data/bob/a")),
        "alice (uid 1000) lacks 'write' on directory /data/bob");
    assertThat(
            master.namespace().link(ALICE, p("/data/bob/f"), p("/data/alice/f")).orThrow().links())
        .isEqualTo(2);
    denied(
        master.namespace().exchange(ALICE, p("/data/alice/a"), p("/data/bob/f")),
        "lacks 'write' on directory /data/bob");
    master.namespace().exchange(BOB, p("/data/bob/f"), p("/data/bob/f")).orThrow();
    master.namespace().exchange(ADMIN, p("/data/alice/a"), p("/data/bob/f")).orThrow();
  }

  @Test
  void chmodOfOthersFilesAndChownAreRefusedChgrpToOwnGroupAllowed() {
    homes();
    master.namespace().create(BOB, NewFile.withClusterDefaults(p("/data/bob/f"), false)).orThrow();
    denied(
        master.namespace().setAttributes(ALICE, p("/data/bob/f"), AttributeChange.mode(0777)),
        "may not change the mode of /data/bob/f");
    master
        .namespace()
        .create(ALICE, NewFile.withClusterDefaults(p("/data/alice/f"), false))
        .orThrow();
    denied(
        master
            .namespace()
            .setAttributes(
                ALICE,
                p("/data/alice/f"),
                AttributeChange.owner(OptionalInt.of(2000), OptionalInt.empty())),
        "only an administrator");
    master
        .namespace()
        .setAttributes(
            ALICE,
            p("/data/alice/f"),
            AttributeChange.owner(OptionalInt.empty(), OptionalInt.of(500)))
        .orThrow();
    assertThat(attributes("/data/alice/f").group()).isEqualTo(500);
    // The administrator may do what the users may not.
    master
        .namespace()
        .setAttributes(
            ADMIN_MAPPED,
            p("/data/alice/f"),
            AttributeChange.owner(OptionalInt.of(2000), OptionalInt.of(2000)))
        .orThrow();
    assertThat(attributes("/data/alice/f").owner()).isEqualTo(2000);
  }

  @Test
  void stickyDirectoriesKeepOthersEntries() {
    master.namespace().mkdir(ADMIN, p("/tmp"), false, new Ownership(0, 0, 01777)).orThrow();
    master.namespace().create(BOB, NewFile.withClusterDefaults(p("/tmp/b"), false)).orThrow();
    denied(master.namespace().delete(ALICE, p("/tmp/b"), false), "its directory is sticky");
    denied(master.namespace().rename(ALICE, p("/tmp/b"), p("/tmp/a"), false), "sticky");
    assertThat(master.namespace().delete(BOB, p("/tmp/b"), false).isOk()).isTrue();
  }

  @Test
  void searchOnAnAncestorAndReadOfAPrivateFile() {
    homes();
    master
        .namespace()
        .mkdir(BOB, p("/data/bob/closed"), false, new Ownership(2000, 2000, 0700))
        .orThrow();
    master
        .namespace()
        .create(BOB, NewFile.withClusterDefaults(p("/data/bob/closed/f"), false))
        .orThrow();
    denied(
        master.namespace().stat(ALICE, p("/data/bob/closed/f")),
        "lacks 'search' (x) on directory /data/bob/closed");
    master
        .namespace()
        .createWithContent(
            BOB,
            NewFile.withClusterDefaults(p("/data/bob/secret"), false)
                .withOwnership(new Ownership(2000, 2000, 0600)),
            new byte[] {1})
        .orThrow();
    denied(
        master.chunkReads().locate(ALICE, p("/data/bob/secret"), 0, 1),
        "alice (uid 1000) lacks 'read' on /data/bob/secret");
    denied(master.namespace().list(ALICE, p("/data/bob/closed"), null, 0), "lacks 'read'");
    denied(master.namespace().listNames(ALICE, p("/data/bob/closed"), null, 0), "lacks 'read'");
    denied(master.namespace().truncate(ALICE, p("/data/bob/secret"), 0), "lacks 'write'");
    assertThat(master.chunkReads().locate(BOB, p("/data/bob/secret"), 0, 1).isOk()).isTrue();
    // Administrators and users without an identity are held to the grants alone.
    assertThat(master.chunkReads().locate(ADMIN_MAPPED, p("/data/bob/secret"), 0, 1).isOk())
        .isTrue();
    assertThat(master.chunkReads().locate(UNMAPPED, p("/data/bob/secret"), 0, 1).isOk()).isTrue();
    assertThat(master.namespace().delete(ADMIN_MAPPED, p("/data/bob"), true).isOk()).isTrue();
  }
}
