package io.godfs.deployments.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import io.godfs.adapters.backup.DirectoryBackupArchive;
import io.godfs.application.client.ClusterBackup;
import io.godfs.application.client.ClusterRestore;
import io.godfs.application.port.in.BackupReport;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.in.RestoreReport;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * Issue 24's container test (ADR 0027): a tree written to a cluster of 3 Ratis masters and 3
 * chunkservers is backed up to the test's disk, changed and backed up again (only the new chunks
 * copied); then every container of the cluster is removed with its volume, a fresh cluster of the
 * same shape on new volumes is restored from the newest backup, and every directory and every file
 * (byte for byte) is the tree of the second backup.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BackupRestoreIT {
  private static final int MIB = 1 << 20;

  @TempDir Path temp;

  /** What the tree holds: directories, and files with their content. */
  record Tree(SortedSet<String> directories, SortedMap<String, byte[]> files) {
    Tree() {
      this(new TreeSet<>(), new TreeMap<>());
    }

    /**
     * Without goDFS's own folder {@code /.godfs} (the gateway's staging folders, made by the REST
     * upload): what the test's writes alone made.
     */
    Tree written() {
      Tree t = new Tree();
      directories.stream().filter(d -> !reserved(d)).forEach(t.directories()::add);
      files.forEach(
          (path, bytes) -> {
            if (!reserved(path)) {
              t.files().put(path, bytes);
            }
          });
      return t;
    }

    private static boolean reserved(String path) {
      return ReservedPaths.ROOT.contains(DfsPath.of(path));
    }

    long chunkedFiles() {
      return files.values().stream().filter(b -> b.length > 4096).count();
    }
  }

  @Test
  void aDestroyedClusterIsRestoredFromItsBackupByteForByte() throws Exception {
    DockerClient docker = DockerClientFactory.instance().client();
    Path dest = temp.resolve("backups");
    Random random = new Random(27);
    Tree model = new Tree(); // what the test wrote, as of the second backup
    Tree backedUp; // the whole namespace (but the trash) as of the second backup
    BackupReport first;
    BackupReport second;
    String destroyedRun;
    List<String> destroyedVolumes;

    try (ContainerCluster cluster = ContainerCluster.start("backup", 3, 3)) {
      GodfsClient client = cluster.client();
      assertThat(client.clusterInfo().defaultChunkSize())
          .as("the suite's chunk size (the chunk counts below depend on it)")
          .isEqualTo(MIB);
      assertThat(client.smallFileLimit()).as("the client's inline limit").isEqualTo(4096);

      for (String dir :
          List.of("/projects/alpha/src", "/projects/beta", "/media/video", "/logs", "/empty")) {
        mkdirs(client, model, dir);
      }
      mkdirs(client, model, "/empty/nested");
      // Chunks with 1 MiB chunks: inline files (at most 4096 bytes) and empty ones have none.
      write(client, model, "/zero", new byte[0]); // 0
      write(client, model, "/projects/alpha/README", bytes(random, 37)); // 0, inline
      writeSmall(client, model, "/projects/alpha/src/config", bytes(random, 300), false); // 0
      write(client, model, "/projects/alpha/src/exact-chunk", bytes(random, MIB)); // 1
      write(client, model, "/projects/beta/page", bytes(random, 4097)); // 1
      write(client, model, "/projects/beta/two-chunks", bytes(random, 2 * MIB)); // 2
      write(client, model, "/media/video/big", bytes(random, 3 * MIB + 12_345)); // 4
      write(client, model, "/media/video/other", bytes(random, 2 * MIB + 1)); // 3
      write(client, model, "/logs/app.log", bytes(random, 200_000)); // 1
      client.createEmpty(DfsPath.of("/logs/empty-too"), false); // 0
      model.files().put("/logs/empty-too", new byte[0]);
      putThroughGateway(cluster.gateway(), model, "/logs/rest-upload", bytes(random, 300_000)); // 1
      Tree atFirst = read(client);
      assertSame("the cluster as written", atFirst.written(), model);

      DirectoryBackupArchive archive = DirectoryBackupArchive.at(dest);
      first = new ClusterBackup(client, Clock.systemUTC(), 4).backup(archive);
      print("first backup", first);
      assertThat(first.chunksCopied()).as("chunks of the first backup").isEqualTo(13);
      assertThat(first.chunksSkipped()).isZero();
      assertThat(first.files()).isEqualTo(atFirst.files().size());
      assertThat(first.directories()).isEqualTo(atFirst.directories().size() + 1); // and /

      // The changes: part of a chunk overwritten, an append, a new file in a new directory, an
      // inline file replaced, a deleted file, one more empty directory.
      overwrite(client, model, "/media/video/big", MIB + 5, bytes(random, 100)); // big's chunk 1
      overwrite(client, model, "/logs/app.log", 200_000, bytes(random, 1000)); // its only chunk
      mkdirs(client, model, "/projects/gamma");
      write(client, model, "/projects/gamma/new", bytes(random, MIB + 1)); // 2
      writeSmall(client, model, "/projects/alpha/src/config", bytes(random, 500), true); // 0
      client.delete(DfsPath.of("/projects/beta/two-chunks"), false); // its 2 chunks not needed
      model.files().remove("/projects/beta/two-chunks");
      mkdirs(client, model, "/empty/later");
      backedUp = read(client);
      assertSame("the cluster after the changes", backedUp.written(), model);

      second = new ClusterBackup(client, Clock.systemUTC(), 4).backup(archive);
      print("second backup", second);
      assertThat(second.chunksCopied())
          .as("only the new chunks: big's chunk 1, app.log's chunk 0, new's 2")
          .isEqualTo(4);
      assertThat(second.chunksSkipped()).as("the first backup's chunks still used").isEqualTo(9);
      assertThat(second.bytesCopied()).isEqualTo(MIB + 201_000 + MIB + 1);
      assertThat(second.files()).isEqualTo(backedUp.files().size());
      assertThat(second.directories()).isEqualTo(backedUp.directories().size() + 1);
      assertThat(archive.backups()).containsExactly(first.name(), second.name());
      assertThat(chunkFiles(dest)).as("chunk files in %s", dest).isEqualTo(13 + 4);

      destroyedRun = cluster.runId();
      destroyedVolumes = cluster.volumes();
      assertThat(volumeNames(docker))
          .as("the cluster's volumes before it is destroyed")
          .containsAll(destroyedVolumes);
    } // closing removes every container (masters, chunkservers, gateway), the network, the volumes

    assertThat(volumeNames(docker))
        .as("no volume of the destroyed cluster is left")
        .doesNotContainAnyElementsOf(destroyedVolumes);
    assertThat(
            docker
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(ContainerCluster.LABEL, destroyedRun))
                .exec())
        .as("no container of the destroyed cluster is left")
        .isEmpty();

    try (ContainerCluster cluster = ContainerCluster.start("restored", 3, 3)) {
      assertThat(cluster.volumes()).doesNotContainAnyElementsOf(destroyedVolumes);
      GodfsClient client = cluster.client();
      Tree empty = read(client);
      assertThat(empty.directories()).as("directories of the new cluster").isEmpty();
      assertThat(empty.files()).as("files of the new cluster").isEmpty();

      RestoreReport restored =
          new ClusterRestore(client, Clock.systemUTC(), 4)
              .restore(DirectoryBackupArchive.existing(dest), null);
      System.out.printf(
          "restore of %s: %d directories, %d files, %d bytes in %d ms%n",
          restored.name(),
          restored.directories(),
          restored.files(),
          restored.bytes(),
          restored.took().toMillis());
      assertThat(restored.name()).as("the newest backup").isEqualTo(second.name());

      assertSame("the restored cluster", read(client), backedUp);
      assertSame("the test's files in the restored cluster", read(client).written(), model);
      // A client that never wrote to it: nothing it sees comes from a client's cache.
      assertSame("the restored cluster, read by a new client", read(cluster.client()), backedUp);
      verifyThroughGateway(cluster.gateway(), model);
      System.out.printf(
          "backup/restore: %d directories (%d of goDFS's own) and %d files (%d with chunks)"
              + " identical after the cluster was destroyed with its volumes%n",
          backedUp.directories().size(),
          backedUp.directories().size() - model.directories().size(),
          backedUp.files().size(),
          backedUp.chunkedFiles());
    }
  }

  private static byte[] bytes(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  private static void mkdirs(GodfsClient client, Tree model, String dir) {
    client.mkdir(DfsPath.of(dir), true);
    for (DfsPath d : DfsPath.of(dir).ancestorsAndSelf()) {
      if (!d.isRoot()) {
        model.directories().add(d.value());
      }
    }
  }

  private static void write(GodfsClient client, Tree model, String path, byte[] content)
      throws IOException {
    try (DfsOutput out = client.create(DfsPath.of(path), false)) {
      out.write(content);
    }
    model.files().put(path, content);
  }

  private static void writeSmall(
      GodfsClient client, Tree model, String path, byte[] content, boolean overwrite) {
    client.writeSmallFile(DfsPath.of(path), content, overwrite);
    model.files().put(path, content);
  }

  /** Writes {@code content} into an existing file at {@code offset} (at its end: an append). */
  private static void overwrite(
      GodfsClient client, Tree model, String path, long offset, byte[] content) throws IOException {
    try (DfsOutput out = client.openForWriteAt(DfsPath.of(path), offset)) {
      out.write(content);
    }
    byte[] before = model.files().get(path);
    byte[] after = Arrays.copyOf(before, Math.max(before.length, (int) offset + content.length));
    System.arraycopy(content, 0, after, (int) offset, content.length);
    model.files().put(path, after);
  }

  private static void putThroughGateway(
      GatewayClient gateway, Tree model, String path, byte[] content) throws Exception {
    HttpResponse<String> put =
        gateway
            .http()
            .send(
                gateway.content(path).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as("REST PUT %s: %s", path, put.body()).isEqualTo(204);
    model.files().put(path, content);
  }

  /** The whole tree through the SDK, but the trash (which a restore does not carry over). */
  private static Tree read(GodfsClient client) throws IOException {
    Tree tree = new Tree();
    Deque<DfsPath> pending = new ArrayDeque<>(List.of(DfsPath.ROOT));
    while (!pending.isEmpty()) {
      DfsPath dir = pending.pop();
      String after = "";
      Listing page;
      do {
        page = client.list(dir, after, 1000);
        for (FileStatus entry : page.entries()) {
          after = entry.path().name();
          if (entry.path().equals(ReservedPaths.TRASH)) {
            continue;
          }
          if (entry.isDirectory()) {
            tree.directories().add(entry.path().value());
            pending.push(entry.path());
          } else {
            try (SeekableInput in = client.open(entry.path())) {
              tree.files().put(entry.path().value(), in.readAllBytes());
            }
          }
        }
      } while (page.hasMore());
    }
    return tree;
  }

  /**
   * The same directories, the same files, every file's bytes equal (the first difference named).
   */
  private static void assertSame(String what, Tree actual, Tree expected) {
    assertThat(actual.directories())
        .as("directories of %s", what)
        .containsExactlyElementsOf(expected.directories());
    assertThat(actual.files().keySet())
        .as("files of %s", what)
        .containsExactlyElementsOf(expected.files().keySet());
    for (Map.Entry<String, byte[]> file : expected.files().entrySet()) {
      byte[] found = actual.files().get(file.getKey());
      byte[] wanted = file.getValue();
      int at = Arrays.mismatch(found, wanted);
      assertThat(at)
          .as(
              "first differing byte of %s in %s (%d bytes there, %d expected)",
              file.getKey(), what, found.length, wanted.length)
          .isEqualTo(-1);
    }
  }

  private static void verifyThroughGateway(GatewayClient gateway, Tree model) throws Exception {
    for (Map.Entry<String, byte[]> file : model.files().entrySet()) {
      HttpResponse<byte[]> got =
          gateway
              .http()
              .send(
                  gateway.content(file.getKey()).GET().build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(got.statusCode()).as("GET %s through the gateway", file.getKey()).isEqualTo(200);
      assertThat(Arrays.mismatch(got.body(), file.getValue()))
          .as("first differing byte of %s through the gateway", file.getKey())
          .isEqualTo(-1);
    }
  }

  private static List<String> volumeNames(DockerClient docker) {
    List<InspectVolumeResponse> volumes = docker.listVolumesCmd().exec().getVolumes();
    return volumes == null
        ? List.of()
        : volumes.stream().map(InspectVolumeResponse::getName).filter(Objects::nonNull).toList();
  }

  private static long chunkFiles(Path dest) throws IOException {
    try (Stream<Path> files = Files.list(dest.resolve("chunks"))) {
      return files.filter(f -> !f.getFileName().toString().startsWith(".tmp-")).count();
    }
  }

  private static void print(String what, BackupReport r) {
    System.out.printf(
        "%s %s: %d directories, %d files, %d bytes; copied %d chunks (%d bytes), %d already"
            + " there; %d ms%n",
        what,
        r.name(),
        r.directories(),
        r.files(),
        r.bytes(),
        r.chunksCopied(),
        r.bytesCopied(),
        r.chunksSkipped(),
        r.took().toMillis());
  }
}
