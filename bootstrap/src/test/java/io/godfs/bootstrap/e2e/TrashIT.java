package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsManagers;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.in.TrashEntry;
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
import io.godfs.domain.file.FileType;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trash's lifecycle (ADR 0024) on a real {@code godfs dev} cluster, secured as it starts by
 * default (TLS on every port, API keys), with a grace period of a few seconds: deleted files and
 * trees disappear from stat and listings, {@code godfs fs trash ls} shows them, they come back
 * through the SDK, the CLI and {@code POST /v1/fs/restore} over real HTTPS, a reader may see but
 * not restore them, and once the grace period ends the leader purges them and the chunkservers
 * delete their chunks.
 */
class TrashIT {
  /** Long enough for a delete and its restore a few calls later, short enough to wait out. */
  static final Duration GRACE = Duration.ofSeconds(8);

  static final DfsPath REPORT = DfsPath.of("/data/report.bin");
  static final DfsPath TREE = DfsPath.of("/tree");

  @TempDir Path dir;
  SecuredDev cluster;
  DevCluster dev;
  Path credentials;
  Path ca;
  String adminKey;
  GodfsClient admin;

  @BeforeEach
  void start() throws Exception {
    cluster = SecuredDev.start(dir, c -> c.withTrashGrace(GRACE));
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
    try (OutputStream out = admin.create(path, false)) {
      out.write(bytes);
    }
    return bytes;
  }

  byte[] read(DfsPath path) throws Exception {
    try (SeekableInput in = admin.open(path)) {
      return in.readAllBytes();
    }
  }

  static ErrorCode refusal(Runnable call) {
    return catchThrowableOfType(DfsException.class, call::run).code();
  }

  List<TrashEntry> trash(GodfsClient client) {
    List<TrashEntry> all = new ArrayList<>();
    Optional<String> next = Optional.empty();
    do {
      var page = client.trash().list(next.orElse(null), 0);
      all.addAll(page.entries());
      next = page.next();
    } while (next.isPresent());
    return all;
  }

  /** {@code godfs ARGS} in this JVM as the admin (credentials file): code, stdout, stderr. */
  String[] godfs(String... args) {
    return cluster.godfs(args);
  }

  String[] godfs(Map<String, String> env, String... args) {
    return cluster.godfs(env, args);
  }

  @Test
  void deletedFilesAndTreesWaitInTheTrashUntilRestoredOrPurged() throws Exception {
    byte[] report = write(REPORT, (3 << 20) + 123, 1);
    byte[] one = write(TREE.child("a").child("one.bin"), 2 << 20, 2);
    byte[] two = write(TREE.child("b").child("two.txt"), 300, 3); // inline: no chunk
    admin.mkdir(TREE.child("empty"), false);

    // A file: hidden from stat and listings, listed in the trash, restored with its bytes.
    Deletion deleted = admin.remove(REPORT, false);
    assertThat(deleted).isInstanceOf(Deletion.Trashed.class);
    TrashEntry entry = ((Deletion.Trashed) deleted).entry();
    assertThat(entry.original()).isEqualTo(REPORT);
    assertThat(entry.type()).isEqualTo(FileType.FILE);
    assertThat(entry.length()).isEqualTo(report.length);
    assertThat(entry.purgeAt()).isEqualTo(entry.deletedAt().plus(GRACE));
    assertThat(refusal(() -> admin.stat(REPORT))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(admin.list(DfsPath.of("/data"), null, 0).entries()).isEmpty();
    assertThat(admin.list(DfsPath.ROOT, null, 0).entries())
        .extracting(s -> s.path().name())
        .containsExactly("data", "tree");
    assertThat(refusal(() -> admin.stat(DfsPath.of("/.trash"))))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(trash(admin)).contains(entry);
    assertThat(admin.trash().restore(REPORT, Optional.empty()).length()).isEqualTo(report.length);
    assertThat(read(REPORT)).isEqualTo(report);

    // A tree, through the CLI: rm says where it went, trash ls lists it, restore brings it back.
    String[] rm = godfs("fs", "rm", "-r", TREE.value());
    assertThat(rm[0]).as(rm[2]).isEqualTo("0");
    assertThat(rm[1]).contains("moved /tree to the trash until", "godfs fs restore /tree");
    assertThat(refusal(() -> admin.stat(TREE.child("a").child("one.bin"))))
        .isEqualTo(ErrorCode.NOT_FOUND);
    String[] ls = godfs("fs", "trash", "ls", "--json");
    assertThat(ls[0]).as(ls[2]).isEqualTo("0");
    assertThat(ls[1]).contains("\"path\":\"/tree\"", "\"type\":\"directory\"");
    String[] restored = godfs("fs", "restore", TREE.value());
    assertThat(restored[0]).as(restored[2]).isEqualTo("0");
    assertThat(restored[1]).contains("restored /tree");
    assertThat(read(TREE.child("a").child("one.bin"))).isEqualTo(one);
    assertThat(read(TREE.child("b").child("two.txt"))).isEqualTo(two);
    assertThat(admin.stat(TREE.child("empty")).isDirectory()).isTrue();
    String[] again = godfs("fs", "restore", TREE.value());
    assertThat(again[0]).isEqualTo("1");
    assertThat(again[2]).contains("godfs: restore /tree:", "no deletion of /tree");

    // Purge: both deleted again and left; the leader purges them once the grace period ends,
    // and every replica of their chunks leaves the chunkservers' disks.
    List<ChunkId> chunks = new ArrayList<>();
    chunks.addAll(chunksOf(REPORT));
    chunks.addAll(chunksOf(TREE.child("a").child("one.bin")));
    assertThat(chunks).hasSize(6);
    chunks.forEach(c -> assertThat(ReplicaFiles.of(dir.resolve("data"), c)).hasSize(3));
    admin.remove(REPORT, false);
    admin.remove(TREE, true);
    Waits.until(Duration.ofSeconds(60), "the trash to be purged", () -> trash(admin).isEmpty());
    assertThat(refusal(() -> admin.trash().restore(REPORT, Optional.empty())))
        .isEqualTo(ErrorCode.NOT_FOUND);
    Waits.until(
        Duration.ofSeconds(60),
        "every replica of the purged files' chunks to be deleted",
        () -> chunks.stream().allMatch(c -> ReplicaFiles.of(dir.resolve("data"), c).isEmpty()));
  }

  @Test
  void aReaderSeesTheTrashButMayNotRestoreAndAStrangerSeesNothing() throws Exception {
    Path keys = dir.resolve("data/security/api-keys");
    SecureRandom random = new SecureRandom();
    String readerKey =
        ApiKeyFile.addKey(keys, Principal.user("reader", Set.of(), Set.of(Role.READ)), random);
    String strangerKey =
        ApiKeyFile.addKey(keys, Principal.user("stranger", Set.of(), Set.of()), random);
    write(REPORT, 100, 4);
    try (GodfsClient reader = client(readerKey);
        GodfsClient stranger = client(strangerKey)) {
      // The master reads its keys file again within a second of a change.
      Waits.until(Duration.ofSeconds(30), "the new keys to be read", () -> knows(reader));
      admin.remove(REPORT, false);

      assertThat(trash(reader)).extracting(TrashEntry::original).containsExactly(REPORT);
      assertThat(trash(stranger)).isEmpty();
      DfsException refused =
          catchThrowableOfType(
              DfsException.class, () -> reader.trash().restore(REPORT, Optional.empty()));
      assertThat(refused.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
      assertThat(refused.getMessage()).contains("reader lacks 'write' on /data/report.bin");
      String[] cli = godfsAs(readerKey, "fs", "restore", REPORT.value());
      assertThat(cli[0]).isEqualTo("1");
      assertThat(cli[2]).contains("lacks 'write' on /data/report.bin");
      admin.trash().restore(REPORT, Optional.empty());
      assertThat(reader.stat(REPORT).length()).isEqualTo(100);
    }
  }

  @Test
  void restoreOverRealHttpsAnswers204AndAJsonErrorForWhatTheTrashDoesNotHold() throws Exception {
    byte[] bytes = write(REPORT, 2000, 5);
    String base = "https://127.0.0.1:" + dev.gatewayPort() + "/v1/fs";
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(null, new TrustManager[] {TlsManagers.trusting(List.of(ca), Optional.empty())}, null);
    HttpClient http = HttpClient.newBuilder().sslContext(tls).build();

    HttpResponse<String> deleted =
        http.send(
            authorized(URI.create(base + "?path=" + REPORT)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(refusal(() -> admin.stat(REPORT))).isEqualTo(ErrorCode.NOT_FOUND);
    HttpResponse<String> listed =
        http.send(
            authorized(URI.create(base + "/trash")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).contains("\"path\":\"/data/report.bin\"", "\"size\":2000");

    HttpResponse<String> restored = http.send(restore(base, REPORT.value()), ofString());
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(204);
    assertThat(read(REPORT)).isEqualTo(bytes);

    HttpResponse<String> missing = http.send(restore(base, "/data/never"), ofString());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(missing.body())
        .contains("\"code\":\"not_found\"", "no deletion of /data/never", "\"request_id\"");
    HttpResponse<String> reserved = http.send(restore(base, "/.trash/x"), ofString());
    assertThat(reserved.statusCode()).isEqualTo(400);
    assertThat(reserved.body()).contains("\"code\":\"invalid_argument\"", "reserved");
  }

  private HttpRequest restore(String base, String path) {
    return authorized(URI.create(base + "/restore"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"" + path + "\"}"))
        .build();
  }

  private HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + adminKey);
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  /** The chunks the master says {@code path} has, asked over gRPC as the admin. */
  private List<ChunkId> chunksOf(DfsPath path) {
    Optional<GrpcTls> trusting = Optional.of(CredentialsFile.trusting(ca));
    return ReplicaFiles.locate(
            new ChannelPool(Optional.of(adminKey), trusting), dev.masterAddresses(), path)
        .stream()
        .map(LocatedChunk::chunkId)
        .toList();
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

  /** {@code godfs ARGS} as the holder of {@code key}, trusting the dev CA (no credentials file). */
  private String[] godfsAs(String key, String... args) {
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
}
