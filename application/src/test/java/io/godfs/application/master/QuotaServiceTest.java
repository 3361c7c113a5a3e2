package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.in.QuotaUseCase;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Grant;
import io.godfs.domain.access.Permission;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.file.QuotaUsage;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The quota use cases (ADR 0026) over the real namespace (the shared transition function under a
 * monitor): who may set, clear and show a quota, and what a set keeps; the domain's refusals come
 * through unchanged.
 */
class QuotaServiceTest {
  static final long CHUNK = 1 << 20;
  static final DfsPath DATA = DfsPath.of("/data");
  static final DfsPath ALICE = DfsPath.of("/data/alice");
  static final NodeId NODE = new NodeId("cs-1");
  static final OptionalLong KEEP = OptionalLong.empty();

  static final Caller ADMIN = user("root", Role.ADMIN);
  static final Caller WRITER = user("walt", Role.WRITE);
  static final Caller READER = user("rita", Role.READ);
  static final Caller STRANGER = user("sam");

  /** Holds every permission under /data/alice, admin included, and nothing above it. */
  static final Caller ALICE_USER = user("alice");

  final FakeMetadataStore store = new FakeMetadataStore();
  final MasterServices master =
      MasterServices.create(
          store,
          new MutableClock(Instant.parse("2026-01-01T00:00:00Z")),
          new MasterSettings(CHUNK, 1, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1),
          AccessPolicy.fixed(
              AccessRules.of(
                  List.of(
                      new Grant(
                          new Grant.User("alice"),
                          ALICE,
                          EnumSet.of(
                              Permission.READ,
                              Permission.WRITE,
                              Permission.DELETE,
                              Permission.ADMIN))))));
  final QuotaUseCase quotas = master.quotas();

  static Caller user(String name, Role... roles) {
    return Caller.of(Principal.user(name, Set.of(), Set.of(roles)), "test");
  }

  QuotaServiceTest() {
    master.namespace().mkdir(ADMIN, ALICE, true).orThrow();
  }

  static DfsError refusal(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<?>) outcome).error();
  }

  @Test
  void onlyAnAdministratorOfTheWholeClusterSetsOrClearsAQuota() {
    for (Caller caller : List.of(WRITER, READER, STRANGER, ALICE_USER)) {
      for (DfsPath dir : List.of(DATA, ALICE)) {
        DfsError refused = refusal(quotas.set(caller, dir, OptionalLong.of(5), KEEP));
        assertThat(refused.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(refused.message())
            .as("names the permission and where it is needed")
            .contains(caller.principal().name() + " lacks 'admin'");
      }
    }
    assertThat(quotas.get(ADMIN, ALICE).orThrow().hasNameQuota()).isFalse();

    QuotaUsage set =
        quotas.set(ADMIN, ALICE, OptionalLong.of(5), OptionalLong.of(3 * CHUNK)).orThrow();
    assertThat(set).isEqualTo(new QuotaUsage(ALICE, 5, 1, 3 * CHUNK, 0));
  }

  @Test
  void showingAQuotaNeedsReadOnTheDirectory() {
    quotas.set(ADMIN, ALICE, OptionalLong.of(10), KEEP).orThrow();
    for (Caller caller : List.of(ADMIN, WRITER, READER, ALICE_USER)) {
      assertThat(quotas.get(caller, ALICE).orThrow().nameQuota())
          .as(caller.toString())
          .isEqualTo(10);
    }
    DfsError stranger = refusal(quotas.get(STRANGER, ALICE));
    assertThat(stranger.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(stranger.message()).contains("sam lacks 'read' on /data/alice");
    DfsError above = refusal(quotas.get(ALICE_USER, DATA));
    assertThat(above.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(above.message()).contains("alice lacks 'read' on /data");
    // Asked before the namespace: a stranger learns nothing of a missing path either.
    assertThat(refusal(quotas.get(STRANGER, DfsPath.of("/nope"))).code())
        .isEqualTo(ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void aSetKeepsTheQuotaItDoesNotNameAndAClearRemovesOnlyWhatItNames() {
    quotas.set(ADMIN, DATA, OptionalLong.of(100), OptionalLong.of(10 * CHUNK)).orThrow();

    assertThat(quotas.set(ADMIN, DATA, OptionalLong.of(50), KEEP).orThrow())
        .isEqualTo(new QuotaUsage(DATA, 50, 2, 10 * CHUNK, 0));
    assertThat(quotas.set(ADMIN, DATA, KEEP, OptionalLong.of(CHUNK)).orThrow())
        .isEqualTo(new QuotaUsage(DATA, 50, 2, CHUNK, 0));
    assertThat(quotas.set(ADMIN, DATA, OptionalLong.of(QuotaUsage.NONE), KEEP).orThrow())
        .isEqualTo(new QuotaUsage(DATA, QuotaUsage.NONE, 2, CHUNK, 0));
    QuotaUsage cleared =
        quotas
            .set(ADMIN, DATA, OptionalLong.of(QuotaUsage.NONE), OptionalLong.of(QuotaUsage.NONE))
            .orThrow();
    assertThat(cleared.hasNameQuota()).isFalse();
    assertThat(cleared.hasSpaceQuota()).isFalse();
    assertThat(quotas.get(ADMIN, DATA).orThrow()).isEqualTo(cleared);
  }

  @Test
  void badQuotasMissingDirectoriesFilesAndTheTrashAreRefusedNamingWhy() {
    DfsError bad = refusal(quotas.set(ADMIN, DATA, OptionalLong.of(0), KEEP));
    assertThat(bad.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(bad.message()).contains("names 0", "expected: names at least 1");
    assertThat(refusal(quotas.set(ADMIN, DATA, KEEP, OptionalLong.of(-7))).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(quotas.set(ADMIN, DfsPath.of("/nope"), OptionalLong.of(3), KEEP)).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refusal(quotas.get(ADMIN, DfsPath.of("/nope"))).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    master
        .namespace()
        .createWithContent(
            ADMIN, NewFile.withClusterDefaults(DfsPath.of("/data/f"), false), new byte[3])
        .orThrow();
    assertThat(refusal(quotas.set(ADMIN, DfsPath.of("/data/f"), OptionalLong.of(3), KEEP)).code())
        .isNotEqualTo(ErrorCode.PERMISSION_DENIED)
        .isIn(ErrorCode.NOT_A_DIRECTORY, ErrorCode.INVALID_ARGUMENT, ErrorCode.NOT_FOUND);
    DfsError trash = refusal(quotas.set(ADMIN, DfsPath.of("/.trash"), OptionalLong.of(3), KEEP));
    assertThat(trash.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(trash.message()).contains("reserved");
  }

  @Test
  void aQuotaSetHereRefusesGrowthWithTheDomainsMessage() {
    quotas.set(ADMIN, ALICE, OptionalLong.of(2), OptionalLong.of(CHUNK)).orThrow();
    master
        .registry()
        .register(
            Caller.master("test"),
            NODE,
            new NodeAddress("127.0.0.1", 8001),
            1L << 40,
            0,
            List.of());

    // Names: the directory and one file fill a quota of 2.
    FileStatus f =
        master
            .namespace()
            .create(ALICE_USER, NewFile.withClusterDefaults(ALICE.child("f"), false))
            .orThrow();
    DfsError names =
        refusal(
            master
                .namespace()
                .create(ALICE_USER, NewFile.withClusterDefaults(ALICE.child("g"), false)));
    assertThat(names.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(names.message()).contains("name quota of /data/alice", "quota 2");

    // Space: one chunk (replication 1) fits; the next grant would pass the quota.
    ChunkWriteTarget first =
        master
            .chunkWrites()
            .allocate(ALICE_USER, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    master
        .chunkWrites()
        .commit(
            ALICE_USER,
            new ChunkCommitRequest(
                f.path(), f.fileId(), 0, first.chunkId(), first.version(), CHUNK, List.of(NODE)))
        .orThrow();
    DfsError space =
        refusal(
            master
                .chunkWrites()
                .allocate(ALICE_USER, new ChunkAllocationRequest(f.path(), f.fileId(), 1)));
    assertThat(space.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(space.message()).contains("space quota of /data/alice");
    assertThat(quotas.get(READER, ALICE).orThrow())
        .isEqualTo(new QuotaUsage(ALICE, 2, 2, CHUNK, CHUNK));

    quotas.set(ADMIN, ALICE, KEEP, OptionalLong.of(QuotaUsage.NONE)).orThrow();
    assertThat(
            master
                .chunkWrites()
                .allocate(ALICE_USER, new ChunkAllocationRequest(f.path(), f.fileId(), 1))
                .isOk())
        .isTrue();
  }
}
