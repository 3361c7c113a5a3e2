package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.SnapshotClient;
import io.godfs.application.port.in.SnapshotManifest;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.SnapshotChange;
import io.godfs.domain.file.SnapshotInfo;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code godfs snapshot ...}: what each command asks the master and what it prints. */
class SnapshotCommandsTest {
  private static final String NL = System.lineSeparator();
  private static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final DfsPath D = DfsPath.of("/d");
  private final CliHarness cli = new CliHarness();
  private final Recording snapshots = new Recording();

  @TempDir Path tmp;

  SnapshotCommandsTest() {
    cli.fs.snapshots = snapshots;
  }

  @Test
  void changesSayWhatTheyDid() {
    assertThat(cli.run("snapshot", "allow", "/d").out()).isEqualTo("allowed snapshots of /d" + NL);
    assertThat(cli.run("snapshot", "create", "/d", "s1").out())
        .isEqualTo("created snapshot /d/.snapshot/s1 (id 7)" + NL);
    // The original goDFS's form: one label, a snapshot of /.
    assertThat(cli.run("snapshot", "create", "nightly").out())
        .isEqualTo("created snapshot /.snapshot/nightly (id 7)" + NL);
    cli.run("snapshot", "create", "/d")
        .failedWith(
            1,
            "godfs: snapshot create /d: give DIR NAME (one argument alone is the label of a"
                + " snapshot of /)");
    assertThat(cli.run("snapshot", "rename", "/d", "s1", "s2").out())
        .isEqualTo("renamed snapshot to /d/.snapshot/s2 (id 7)" + NL);
    assertThat(cli.run("snapshot", "rm", "/d", "s2").out())
        .isEqualTo("deleted snapshot /d/.snapshot/s2" + NL);
    assertThat(cli.run("snapshot", "rm", "7").out())
        .isEqualTo("deleted snapshot /d/.snapshot/byid" + NL);
    cli.run("snapshot", "rm", "x7")
        .failedWith(
            1,
            "godfs: snapshot rm x7: snapshot id : 'x7' (expected: a number, as 'godfs snapshot"
                + " ls' shows it)");
    assertThat(cli.run("snapshot", "disallow", "/d").out())
        .isEqualTo("disallowed snapshots of /d" + NL);
    assertThat(snapshots.calls)
        .containsExactly(
            "allow /d",
            "create /d s1",
            "create / nightly",
            "rename /d s1 s2",
            "delete /d s2",
            "delete 7",
            "disallow /d");
  }

  @Test
  void readsPrintListsDiffsAndManifests() throws Exception {
    assertThat(cli.run("snapshot", "ls", "/d").out())
        .isEqualTo("     7 2026-01-02T03:04:05Z /d/.snapshot/s1" + NL);
    assertThat(cli.run("snapshot", "ls").out())
        .isEqualTo(
            "     7 2026-01-02T03:04:05Z /d/.snapshot/s1"
                + NL
                + "     9 2026-01-02T03:04:05Z /e/.snapshot/x"
                + NL);
    assertThat(cli.run("snapshot", "ls", "--json", "/d").out())
        .isEqualTo(
            "[\n  {\"id\":7,\"path\":\"/d\",\"name\":\"s1\",\"createdAt\":\"2026-01-02T03:04:05.678Z\"}]"
                + NL);
    assertThat(cli.run("snapshot", "ls", "--dirs").out()).isEqualTo("/d" + NL + "/e" + NL);
    assertThat(cli.run("snapshot", "diff", "/d", "s1").out())
        .isEqualTo(
            "+ /d/new" + NL + "- /d/gone" + NL + "M /d/f" + NL + "R /d/old -> /d/renamed" + NL);
    assertThat(cli.run("snapshot", "diff", "/d", "s1", "s2").code()).isZero();
    assertThat(snapshots.calls).contains("diff /d s1 null", "diff /d s1 s2");

    String manifest = cli.run("snapshot", "get", "7").out();
    assertThat(manifest)
        .isEqualTo(
            "{\n"
                + "  \"snapshot_id\": \"7\",\n"
                + "  \"label\": \"s1\",\n"
                + "  \"path\": \"/d\",\n"
                + "  \"created_at_unix\": 1767323045,\n"
                + "  \"chunk_size_bytes\": 1048576,\n"
                + "  \"replication_factor\": 3,\n"
                + "  \"files\": [\n"
                + "    {\"path\": \"/d/f\", \"snapshot_path\": \"/d/.snapshot/s1/f\", \"size\": 10,"
                + " \"mode\": 420, \"created_at_unix\": 1767323045, \"modified_at_unix\":"
                + " 1767323045, \"inline\": false, \"chunks\": [{\"chunk_id\": 5, \"chunk_index\":"
                + " 0, \"version\": 2, \"length\": 10, \"replicas\": [{\"node_id\": \"cs-1\","
                + " \"grpc_address\": \"127.0.0.1:8001\"}]}]}\n"
                + "  ]\n"
                + "}"
                + NL);
    Path file = tmp.resolve("m.json");
    assertThat(cli.run("snapshot", "get", "7", file.toString()).out())
        .isEqualTo("wrote the manifest of snapshot 7 to " + file + NL);
    assertThat(Files.readString(file)).isEqualTo(manifest.strip() + "\n");
  }

  @Test
  void restoreDefaultsToThePathOutsideTheSnapshot() {
    assertThat(cli.run("snapshot", "restore", "/d/.snapshot/s1/a/f").out())
        .isEqualTo("restored /d/.snapshot/s1/a/f to /d/a/f" + NL);
    assertThat(cli.run("snapshot", "restore", "/d/.snapshot/s1/a", "/elsewhere").out())
        .isEqualTo("restored /d/.snapshot/s1/a to /elsewhere" + NL);
    cli.run("snapshot", "restore", "/d/a")
        .failedWith(
            1,
            "godfs: snapshot restore /d/a: /d/a is not in a snapshot (expected:"
                + " DIR/.snapshot/NAME/...)");
    assertThat(snapshots.calls)
        .containsExactly(
            "restore /d/.snapshot/s1/a/f /d/a/f", "restore /d/.snapshot/s1/a /elsewhere");
  }

  @Test
  void refusalsAreOneLineAndAGroupWithoutACommandPrintsUsage() {
    snapshots.refuse =
        new DfsException(ErrorCode.PERMISSION_DENIED, "permission denied: bob lacks 'write' on /d");
    cli.run("snapshot", "create", "/d", "s1")
        .failedWith(1, "godfs: snapshot create /d s1: permission denied: bob lacks 'write' on /d");
    assertThat(cli.run("snapshot").code()).isEqualTo(GodfsCli.USAGE);
    cli.fs.snapshots = null;
    cli.run("snapshot", "ls")
        .failedWith(
            1, "godfs: snapshot ls: this client reaches no master, and so no snapshots to manage");
  }

  /** Records each call; answers canned values. */
  static final class Recording implements SnapshotClient {
    final List<String> calls = new ArrayList<>();
    DfsException refuse;

    private void call(String call) {
      if (refuse != null) {
        throw refuse;
      }
      calls.add(call);
    }

    private static FileStatus dir(DfsPath path) {
      return new FileStatus(path, FileType.DIRECTORY, new FileId(1), 0, T, T, 0, 0, 0);
    }

    @Override
    public FileStatus allow(DfsPath dir) {
      call("allow " + dir);
      return dir(dir);
    }

    @Override
    public FileStatus disallow(DfsPath dir) {
      call("disallow " + dir);
      return dir(dir);
    }

    @Override
    public SnapshotInfo create(DfsPath dir, String name) {
      call("create " + dir + " " + name);
      return new SnapshotInfo(dir, name, 7, T);
    }

    @Override
    public SnapshotInfo delete(DfsPath dir, String name) {
      call("delete " + dir + " " + name);
      return new SnapshotInfo(dir, name, 7, T);
    }

    @Override
    public SnapshotInfo delete(long id) {
      call("delete " + id);
      return new SnapshotInfo(D, "byid", id, T);
    }

    @Override
    public SnapshotInfo rename(DfsPath dir, String from, String to) {
      call("rename " + dir + " " + from + " " + to);
      return new SnapshotInfo(dir, to, 7, T);
    }

    @Override
    public List<SnapshotInfo> list(DfsPath dir) {
      call("list " + dir);
      return List.of(new SnapshotInfo(dir, "s1", 7, T));
    }

    @Override
    public List<SnapshotInfo> listAll() {
      call("listAll");
      return List.of(
          new SnapshotInfo(D, "s1", 7, T), new SnapshotInfo(DfsPath.of("/e"), "x", 9, T));
    }

    @Override
    public List<DfsPath> snapshottable() {
      call("snapshottable");
      return List.of(D, DfsPath.of("/e"));
    }

    @Override
    public SnapshotManifest manifest(long id) {
      call("manifest " + id);
      LocatedChunk chunk =
          new LocatedChunk(
              0,
              new ChunkId(5),
              new ChunkVersion(2),
              10,
              List.of(new NodeLocation(new NodeId("cs-1"), new NodeAddress("127.0.0.1", 8001))));
      return new SnapshotManifest(
          new SnapshotInfo(D, "s1", id, T),
          1 << 20,
          3,
          List.of(
              new SnapshotManifest.File(
                  DfsPath.of("/d/f"),
                  DfsPath.of("/d/.snapshot/s1/f"),
                  10,
                  T,
                  T,
                  false,
                  List.of(chunk))));
    }

    @Override
    public List<SnapshotChange> diff(DfsPath dir, String from, String to) {
      call("diff " + dir + " " + from + " " + to);
      return List.of(
          new SnapshotChange(SnapshotChange.Kind.CREATED, DfsPath.of("/d/new"), null),
          new SnapshotChange(SnapshotChange.Kind.DELETED, DfsPath.of("/d/gone"), null),
          new SnapshotChange(SnapshotChange.Kind.MODIFIED, DfsPath.of("/d/f"), null),
          new SnapshotChange(
              SnapshotChange.Kind.RENAMED, DfsPath.of("/d/old"), DfsPath.of("/d/renamed")));
    }

    @Override
    public FileStatus restore(DfsPath snapshotPath, DfsPath target) {
      call("restore " + snapshotPath + " " + target);
      return dir(target);
    }
  }
}
