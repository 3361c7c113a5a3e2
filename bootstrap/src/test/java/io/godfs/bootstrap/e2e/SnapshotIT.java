package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.tls.TlsManagers;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.application.port.in.SnapshotManifest;
import io.godfs.bootstrap.wiring.DevCluster;
import io.godfs.client.CredentialsFile;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.SnapshotChange;
import io.godfs.domain.file.SnapshotInfo;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots (ADR 0025) through every front end on a real, secured {@code godfs dev} cluster (TLS on
 * every port, API keys, the gateway over HTTPS): allow, take, change the tree, then read the old
 * bytes through the SDK, the CLI and REST; diff; restore a file and a subtree by reference (the
 * same chunk ids, no byte copied); the seed's {@code /v1/snapshots} routes; writes under {@code
 * .snapshot} refused; a non-admin refused with the permission named. The lifecycle runs on the
 * in-memory master and on a group of three Ratis masters.
 */
class SnapshotIT {
  static final DfsPath DIR = DfsPath.of("/proj");
  static final DfsPath S1 = DIR.child(".snapshot").child("s1");

  @TempDir Path dir;
  SecuredDev cluster;
  DevCluster dev;
  Path credentials;
  Path ca;
  String adminKey;
  GodfsClient admin;

  void start(int masters) {
    cluster = SecuredDev.start(dir, c -> c.withMasters(masters));
    dev = cluster.dev;
    credentials = cluster.credentials;
    ca = cluster.ca;
    adminKey = cluster.adminKey;
    admin = cluster.admin;
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  GodfsClient client(String key) {
    return cluster.client(key);
  }

  byte[] write(DfsPath path, int length, int seed) throws Exception {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    admin.mkdir(path.parent(), true);
    try (OutputStream out = admin.create(path, true)) {
      out.write(bytes);
    }
    return bytes;
  }

  byte[] read(DfsPath path) throws Exception {
    try (SeekableInput in = admin.open(path)) {
      return in.readAllBytes();
    }
  }

  static DfsException refusal(Runnable call) {
    return catchThrowableOfType(DfsException.class, call::run);
  }

  List<ChunkId> chunksOf(DfsPath path) {
    return ReplicaFiles.locate(
            new ChannelPool(Optional.of(adminKey), Optional.of(CredentialsFile.trusting(ca))),
            dev.masterAddresses(),
            path)
        .stream()
        .map(LocatedChunk::chunkId)
        .toList();
  }

  /** {@code godfs ARGS} in this JVM as the admin (credentials file): code, stdout, stderr. */
  String[] godfs(String... args) {
    return cluster.godfs(args);
  }

  String[] godfs(Map<String, String> env, String... args) {
    return cluster.godfs(env, args);
  }

  String[] godfsAs(String key, String... args) {
    return godfs(
        Map.of(
            "GODFS_CLIENT_API_KEY",
            key,
            "GODFS_TLS_ENABLED",
            "1",
            "GODFS_TLS_CA_FILE",
            ca.toString()),
        args);
  }

  /**
   * Allows and takes s1 of /proj, then creates, deletes, renames and truncates under it; the SDK
   * reads the old bytes, the diff names each change, and a restored file and subtree hold the
   * snapshot's chunks. Returns the snapshot.
   */
  SnapshotInfo lifecycle() throws Exception {
    byte[] gone = write(DIR.child("gone.bin"), (1 << 20) + 17, 1);
    byte[] moved = write(DIR.child("old-name.bin"), 200_000, 2);
    byte[] deep = write(DIR.child("sub").child("deep.bin"), (3 << 19) + 5, 3);
    byte[] small = write(DIR.child("small.txt"), 300, 4); // inline: the master holds it
    SnapshotClient snapshots = admin.snapshots();
    snapshots.allow(DIR);
    assertThat(snapshots.snapshottable()).contains(DIR);
    SnapshotInfo s1 = snapshots.create(DIR, "s1");
    assertThat(s1.path()).isEqualTo(S1);
    assertThat(snapshots.list(DIR)).containsExactly(s1);
    List<ChunkId> deepChunks = chunksOf(DIR.child("sub").child("deep.bin"));

    byte[] created = write(DIR.child("new.bin"), 5000, 5);
    admin.delete(DIR.child("gone.bin"), false);
    admin.rename(DIR.child("old-name.bin"), DIR.child("new-name.bin"), false);
    admin.truncate(DIR.child("sub").child("deep.bin"), 1000);
    admin.delete(DIR.child("small.txt"), false);

    // The snapshot reads as it was, byte for byte.
    assertThat(read(S1.child("gone.bin"))).isEqualTo(gone);
    assertThat(read(S1.child("old-name.bin"))).isEqualTo(moved);
    assertThat(read(S1.child("sub").child("deep.bin"))).isEqualTo(deep);
    assertThat(read(S1.child("small.txt"))).isEqualTo(small);
    assertThat(admin.stat(DIR.child("sub").child("deep.bin")).length()).isEqualTo(1000);
    assertThat(refusal(() -> admin.stat(S1.child("new.bin"))).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(read(DIR.child("new.bin"))).isEqualTo(created);
    // Nothing changes under .snapshot.
    assertThat(refusal(() -> admin.delete(S1.child("gone.bin"), false)).code())
        .isEqualTo(ErrorCode.READ_ONLY);
    assertThat(refusal(() -> admin.mkdir(S1.child("x"), false)).code())
        .isEqualTo(ErrorCode.READ_ONLY);

    List<SnapshotChange> diff = snapshots.diff(DIR, "s1", null);
    assertThat(diff)
        .contains(
            new SnapshotChange(SnapshotChange.Kind.CREATED, DIR.child("new.bin"), null),
            new SnapshotChange(SnapshotChange.Kind.DELETED, DIR.child("gone.bin"), null),
            new SnapshotChange(SnapshotChange.Kind.DELETED, DIR.child("small.txt"), null),
            new SnapshotChange(
                SnapshotChange.Kind.RENAMED, DIR.child("old-name.bin"), DIR.child("new-name.bin")),
            new SnapshotChange(
                SnapshotChange.Kind.MODIFIED, DIR.child("sub").child("deep.bin"), null));

    // Restore a file and a subtree: the snapshot's chunks, not copies.
    List<ChunkId> goneChunks = chunksOf(S1.child("gone.bin"));
    assertThat(goneChunks).hasSize(2);
    snapshots.restore(S1.child("gone.bin"), DIR.child("gone.bin"));
    assertThat(read(DIR.child("gone.bin"))).isEqualTo(gone);
    assertThat(chunksOf(DIR.child("gone.bin"))).isEqualTo(goneChunks);
    snapshots.restore(S1.child("sub"), DIR.child("sub"));
    assertThat(read(DIR.child("sub").child("deep.bin"))).isEqualTo(deep);
    assertThat(chunksOf(DIR.child("sub").child("deep.bin"))).isEqualTo(deepChunks);

    // The manifest lists the snapshot's files, sorted, with replicas of each chunk.
    SnapshotManifest m = snapshots.manifest(s1.id());
    assertThat(m.files())
        .extracting(SnapshotManifest.File::path)
        .containsExactly(
            DIR.child("gone.bin"),
            DIR.child("old-name.bin"),
            DIR.child("small.txt"),
            DIR.child("sub").child("deep.bin"));
    assertThat(m.files().getFirst().chunks()).allSatisfy(c -> assertThat(c.replicas()).hasSize(3));

    // A snapshottable directory with snapshots cannot be deleted, nor disallowed.
    assertThat(refusal(() -> admin.delete(DIR, true))).isNotNull();
    assertThat(refusal(() -> snapshots.disallow(DIR))).isNotNull();
    assertThat(admin.stat(DIR).isDirectory()).isTrue();
    return s1;
  }

  @Test
  void snapshotsThroughTheSdkTheCliAndRest() throws Exception {
    start(1);
    SnapshotInfo s1 = lifecycle();

    // The CLI: ls, diff, get, reading through fs get, rename, rm.
    String[] ls = godfs("snapshot", "ls", DIR.value());
    assertThat(ls[0]).as(ls[2]).isEqualTo("0");
    assertThat(ls[1]).contains(s1.id() + " ", "/proj/.snapshot/s1");
    String[] diff = godfs("snapshot", "diff", DIR.value(), "s1");
    assertThat(diff[0]).as(diff[2]).isEqualTo("0");
    assertThat(diff[1].lines())
        .contains(
            "+ /proj/new.bin", "- /proj/small.txt", "R /proj/old-name.bin -> /proj/new-name.bin");
    String[] get = godfs("snapshot", "get", Long.toString(s1.id()));
    assertThat(get[0]).as(get[2]).isEqualTo("0");
    assertThat(get[1])
        .contains(
            "\"snapshot_id\": \"" + s1.id() + "\"",
            "\"label\": \"s1\"",
            "\"path\": \"/proj/gone.bin\"",
            "\"mode\": 420",
            "\"grpc_address\"");
    Path local = dir.resolve("old.bin");
    String[] fetched = godfs("fs", "get", S1.child("old-name.bin").value(), local.toString());
    assertThat(fetched[0]).as(fetched[2]).isEqualTo("0");
    assertThat(Files.readAllBytes(local)).isEqualTo(read(S1.child("old-name.bin")));
    String[] put = godfs("fs", "mkdir", S1.child("nope").value());
    assertThat(put[0]).isEqualTo("1");
    assertThat(put[2]).contains("godfs: mkdir /proj/.snapshot/s1/nope:");
    String[] renamed = godfs("snapshot", "rename", DIR.value(), "s1", "first");
    assertThat(renamed[0]).as(renamed[2]).isEqualTo("0");
    assertThat(admin.snapshots().list(DIR)).extracting(SnapshotInfo::name).containsExactly("first");
    String[] created = godfs("snapshot", "create", DIR.value(), "second");
    assertThat(created[0]).as(created[2]).isEqualTo("0");
    assertThat(created[1]).startsWith("created snapshot /proj/.snapshot/second (id ");
    String[] restored =
        godfs(
            "snapshot", "restore", DIR.child(".snapshot").child("first").child("gone.bin").value());
    assertThat(restored[0]).as(restored[2]).isEqualTo("0");
    assertThat(restored[1]).contains("to /proj/gone.bin");

    // REST over HTTPS: the old bytes, the listing, the diff; a write there is a JSON 403.
    HttpClient http = https();
    String base = "https://127.0.0.1:" + dev.gatewayPort() + "/v1";
    DfsPath snapFile = DIR.child(".snapshot").child("first").child("old-name.bin");
    HttpResponse<byte[]> content =
        http.send(
            authorized(base + "/fs/content?path=" + q(snapFile.value())).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.body()).isEqualTo(read(snapFile));
    HttpResponse<String> stat =
        http.send(authorized(base + "/fs/stat?path=" + q(snapFile.value())).GET().build(), text());
    assertThat(stat.statusCode()).as(stat.body()).isEqualTo(200);
    HttpResponse<String> forbidden =
        http.send(
            authorized(base + "/fs/content?path=" + q(snapFile.value()))
                .PUT(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            text());
    assertThat(forbidden.statusCode()).as(forbidden.body()).isEqualTo(403);
    assertThat(forbidden.body()).contains("\"code\":\"read_only\"");
    HttpResponse<String> deleted =
        http.send(authorized(base + "/fs?path=" + q(snapFile.value())).DELETE().build(), text());
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(403);
    HttpResponse<String> listed =
        http.send(authorized(base + "/fs/snapshots?path=/proj").GET().build(), text());
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).contains("\"name\":\"first\"", "\"name\":\"second\"");
    HttpResponse<String> restDiff =
        http.send(
            authorized(base + "/fs/snapshots/diff?path=/proj&from=first&to=second").GET().build(),
            text());
    assertThat(restDiff.statusCode()).as(restDiff.body()).isEqualTo(200);
    assertThat(restDiff.body()).contains("{\"kind\":\"created\",\"path\":\"/proj/new.bin\"}");
    HttpResponse<String> dropped =
        http.send(
            authorized(base + "/fs/snapshots?path=/proj&name=second").DELETE().build(), text());
    assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(204);
    String[] rm = godfs("snapshot", "rm", Long.toString(s1.id()));
    assertThat(rm[0]).as(rm[2]).isEqualTo("0");
    assertThat(admin.snapshots().list(DIR)).isEmpty();
    assertThat(godfs("snapshot", "disallow", DIR.value())[0]).isEqualTo("0");
  }

  @Test
  void theSeedsRoutesSnapshotTheRootAndANonAdminIsRefused() throws Exception {
    start(1);
    byte[] bytes = write(DfsPath.of("/data/a.bin"), (1 << 20) + 3, 7);
    HttpClient http = https();
    String base = "https://127.0.0.1:" + dev.gatewayPort() + "/v1";

    HttpResponse<String> allowed =
        http.send(
            authorized(base + "/fs/snapshottable?path=/")
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            text());
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(204);
    HttpResponse<String> created =
        http.send(
            authorized(base + "/snapshots")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"nightly\"}"))
                .build(),
            text());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(created.body()).contains("\"snapshot_id\":\"", "\"created_at_unix\":");
    SnapshotInfo nightly = admin.snapshots().listAll().getFirst();
    assertThat(nightly.path()).isEqualTo(DfsPath.of("/.snapshot/nightly"));
    admin.delete(DfsPath.of("/data/a.bin"), false);

    HttpResponse<String> list = http.send(authorized(base + "/snapshots").GET().build(), text());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains(
            "{\"snapshot_id\":\"" + nightly.id() + "\",\"label\":\"nightly\"", "\"file_count\":1");
    HttpResponse<String> manifest =
        http.send(authorized(base + "/snapshots/" + nightly.id()).GET().build(), text());
    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(manifest.body())
        .contains(
            "\"snapshotId\":\"" + nightly.id() + "\"",
            "\"label\":\"nightly\"",
            "\"chunkSizeBytes\":1048576",
            "\"replicationFactor\":3",
            "\"path\":\"/data/a.bin\"",
            "\"size\":" + bytes.length,
            "\"mode\":420",
            "\"chunkIndex\":1",
            "\"grpcAddress\":\"");
    assertThat(read(DfsPath.of("/.snapshot/nightly/data/a.bin"))).isEqualTo(bytes);

    // A reader may list and read, not take or allow snapshots; the refusal names the permission.
    String readerKey =
        ApiKeyFile.addKey(
            dir.resolve("data/security/api-keys"),
            Principal.user("reader", Set.of(), Set.of(Role.READ)),
            new SecureRandom());
    try (GodfsClient reader = client(readerKey)) {
      Waits.until(Duration.ofSeconds(30), "the new key to be read", () -> knows(reader));
      assertThat(reader.snapshots().listAll()).containsExactly(nightly);
      DfsException take = refusal(() -> reader.snapshots().create(DfsPath.ROOT, "mine"));
      assertThat(take.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
      assertThat(take.getMessage()).contains("reader lacks 'write' on /");
      assertThat(refusal(() -> reader.snapshots().allow(DfsPath.of("/data"))).getMessage())
          .contains("reader lacks 'admin'");
      String[] cli = godfsAs(readerKey, "snapshot", "rm", Long.toString(nightly.id()));
      assertThat(cli[0]).isEqualTo("1");
      assertThat(cli[2]).contains("godfs: snapshot rm", "reader lacks 'write'");
      HttpResponse<String> restRefused =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/snapshots/" + nightly.id()))
                  .header("Authorization", "Bearer " + readerKey)
                  .DELETE()
                  .build(),
              text());
      assertThat(restRefused.statusCode()).isEqualTo(403);
      assertThat(restRefused.body()).contains("\"code\":\"permission_denied\"", "'write'");
    }

    HttpResponse<String> gone =
        http.send(authorized(base + "/snapshots/" + nightly.id()).DELETE().build(), text());
    assertThat(gone.statusCode()).as(gone.body()).isEqualTo(204);
    HttpResponse<String> missing =
        http.send(authorized(base + "/snapshots/" + nightly.id()).GET().build(), text());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("\"code\":\"not_found\"");
  }

  /** The same lifecycle on three Ratis masters: the commands and queries through the Raft log. */
  @Test
  void snapshotsOnThreeRatisMasters() throws Exception {
    start(3);
    SnapshotInfo s1 = lifecycle();
    admin.snapshots().delete(DIR, "s1");
    assertThat(admin.snapshots().listAll()).doesNotContain(s1);
  }

  private HttpClient https() throws Exception {
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(null, new TrustManager[] {TlsManagers.trusting(List.of(ca), Optional.empty())}, null);
    return HttpClient.newBuilder().sslContext(tls).build();
  }

  private HttpRequest.Builder authorized(String uri) {
    return HttpRequest.newBuilder(URI.create(uri))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + adminKey);
  }

  private static HttpResponse.BodyHandler<String> text() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static boolean knows(GodfsClient client) {
    try {
      client.whoAmI();
      return true;
    } catch (DfsException e) {
      if (e.code() == ErrorCode.UNAUTHENTICATED) {
        return false;
      }
      throw e;
    }
  }
}
