package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.ChunkRecoveryRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.InlineWriteRequest;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.node.MasterInfo;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every master use case asks the access rules before it acts: a principal without a permission is
 * refused by each, naming the permission; one that holds it gets past the check.
 */
class MasterAuthorizationTest {
  static final long CHUNK = 1 << 20;
  static final Caller ROOT =
      Caller.of(Principal.user("root", Set.of(), Set.of(Role.ADMIN)), "test");
  static final Caller NOBODY = Caller.of(Principal.user("nobody", Set.of(), Set.of()), "test");
  static final Caller READER = Caller.of(Principal.user("rita", Set.of(), Set.of(Role.READ)), "t");
  static final Caller NODE = Caller.of(new Principal.Chunkserver(new NodeId("cs-1")), "test");

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final MasterServices master =
      MasterServices.create(
          new FakeMetadataStore(),
          clock,
          new MasterSettings(CHUNK, 1, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1),
          AccessPolicy.fixed(AccessRules.of(List.of())));

  private static DfsError refusal(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<?>) outcome).error();
  }

  private static void deniedFor(String principal, String permission, Outcome<?> outcome) {
    DfsError error = refusal(outcome);
    assertThat(error.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(error.message()).contains(principal + " lacks '" + permission + "'");
  }

  @Test
  void everyNamespaceAndWriteCallNeedsItsPermission() {
    FileStatus f =
        master
            .namespace()
            .create(ROOT, NewFile.withClusterDefaults(DfsPath.of("/f"), false))
            .orThrow();
    DfsPath p = f.path();
    FileId id = f.fileId();
    LeaseHolder.Client writer = LeaseHolder.client("c1");
    NewFile other = NewFile.withClusterDefaults(DfsPath.of("/g"), false);
    ChunkId chunk = new ChunkId(1);
    ChunkVersion v1 = new ChunkVersion(1);
    List<NodeId> nodes = List.of(new NodeId("cs-1"));
    Map<String, Supplier<Outcome<?>>> writes =
        Map.ofEntries(
            Map.entry("mkdir", () -> master.namespace().mkdir(NOBODY, DfsPath.of("/d"), true)),
            Map.entry("create", () -> master.namespace().create(NOBODY, other)),
            Map.entry(
                "createWithContent",
                () -> master.namespace().createWithContent(NOBODY, other, new byte[1])),
            Map.entry("truncate", () -> master.namespace().truncate(NOBODY, p, 0)),
            Map.entry("openForWrite", () -> master.leases().openForWrite(NOBODY, p, writer)),
            Map.entry(
                "allocate",
                () -> master.chunkWrites().allocate(NOBODY, new ChunkAllocationRequest(p, id, 0))),
            Map.entry(
                "recover",
                () ->
                    master
                        .chunkWrites()
                        .recover(
                            NOBODY, new ChunkRecoveryRequest(p, id, 0, chunk, v1, nodes), writer)),
            Map.entry(
                "commit",
                () ->
                    master
                        .chunkWrites()
                        .commit(NOBODY, new ChunkCommitRequest(p, id, 0, chunk, v1, 1, nodes))),
            Map.entry(
                "storeInline",
                () ->
                    master
                        .chunkWrites()
                        .storeInline(
                            NOBODY, new InlineWriteRequest(p, id, 0, new byte[1], false), writer)));
    writes.forEach(
        (call, outcome) ->
            assertThat(refusal(outcome.get()).message()).as(call).contains("nobody lacks 'write'"));
    deniedFor("nobody", "write", master.namespace().rename(NOBODY, p, DfsPath.of("/h"), false));
    deniedFor("rita", "write", master.namespace().renameOver(READER, p, DfsPath.of("/h"), id));
    deniedFor("rita", "delete", master.namespace().delete(READER, p, false));
    deniedFor("nobody", "read", master.namespace().stat(NOBODY, p));
    deniedFor("nobody", "read", master.namespace().list(NOBODY, DfsPath.ROOT, "", 0));
    deniedFor("nobody", "read", master.namespace().listNames(NOBODY, DfsPath.ROOT, "", 0));
    deniedFor("nobody", "read", master.chunkReads().locate(NOBODY, p, 0, 0));
    deniedFor("cs-1", "read", master.namespace().stat(NODE, p));

    assertThat(master.namespace().stat(READER, p).orThrow().fileId()).isEqualTo(id);
    assertThat(master.chunkReads().locate(READER, p, 0, 0).isOk()).isTrue();
    assertThat(master.namespace().delete(ROOT, p, false).orThrow())
        .isEqualTo(new Deletion.Deleted(1));
  }

  @Test
  void everyAdminCallNeedsAdminAndAChunkserverActsOnlyAsItself() {
    for (Outcome<?> outcome :
        List.of(
            master.admin().nodes(READER),
            master.admin().fsck(READER, DfsPath.ROOT),
            master.admin().decommission(READER, new NodeId("cs-1")),
            master.admin().safeMode(READER),
            master.admin().setSafeMode(READER, true),
            master.admin().masters(READER),
            master
                .admin()
                .addMaster(READER, new MasterInfo("m2", "127.0.0.1:1", "127.0.0.1:2", false)),
            master.admin().removeMaster(READER, "m2"),
            master.admin().clusterFigures(READER),
            master.admin().repairs(READER, 10))) {
      deniedFor("rita", "admin", outcome);
    }
    assertThat(master.admin().setSafeMode(ROOT, true).orThrow().on()).isTrue();
    assertThat(master.admin().nodes(ROOT).isOk()).isTrue();
    assertThat(master.admin().clusterFigures(ROOT).isOk()).isTrue();
    assertThat(master.admin().repairs(ROOT, 10).isOk()).isTrue();

    NodeAddress address = new NodeAddress("127.0.0.1", 8001);
    deniedFor(
        "root",
        "node",
        master.registry().register(ROOT, new NodeId("cs-1"), address, 1L << 40, 0, List.of()));
    assertThat(
            refusal(
                    master
                        .registry()
                        .register(NODE, new NodeId("cs-2"), address, 1L << 40, 0, List.of()))
                .message())
        .isEqualTo(
            "permission denied: chunkserver:cs-1 may act only as itself, not as chunkserver cs-2");
    assertThat(
            master.registry().register(NODE, new NodeId("cs-1"), address, 1L << 40, 0, List.of()))
        .isEqualTo(Outcome.ok(Duration.ofSeconds(2)));
    deniedFor(
        "rita",
        "node",
        master.registry().heartbeat(READER, new NodeId("cs-1"), 1L << 40, 0, 0, List.of()));
    assertThat(
            master.registry().heartbeat(NODE, new NodeId("cs-1"), 1L << 40, 0, 0, List.of()).isOk())
        .isTrue();
  }
}
