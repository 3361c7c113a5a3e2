package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.godfs.adapters.grpc.tls.TlsManagers;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.application.port.in.DfsIOException;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.wiring.DevCluster;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.QuotaUsage;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directory quotas (ADR 0026) through every front end of a real {@code godfs dev} cluster, secured
 * as it starts by default (TLS on every port, API keys), with 1 MiB chunks and replication 3: the
 * CLI and the SDK set, show and clear them over real gRPC; a create past a name quota and a
 * streaming write past a space quota fail with QUOTA_EXCEEDED naming the directory, keeping the
 * chunks committed before; {@code godfs put} prints the refusal; REST shows, sets and clears them
 * over real HTTPS and answers a PUT past a quota 507; a non-admin may look but not set. One case
 * runs on three Ratis masters.
 */
class QuotaIT {
  static final int CHUNK = 1 << 20;
  static final int REPLICATION = 3;
  static final OptionalLong KEEP = OptionalLong.empty();

  @TempDir Path dir;
  SecuredDev cluster;
  DevCluster dev;
  Path credentials;
  Path ca;
  String adminKey;
  GodfsClient admin;

  void start(int masters) {
    // The fixture's chunks are CHUNK bytes with REPLICATION copies.
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

  static byte[] random(int length, int seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  byte[] read(DfsPath path) throws Exception {
    try (SeekableInput in = admin.open(path)) {
      return in.readAllBytes();
    }
  }

  /**
   * What {@code call} was refused with: a {@link DfsException} from a call, a {@link
   * DfsIOException} from a stream (Java I/O's way), each carrying the master's error.
   */
  static DfsError refusal(ThrowingCall call) {
    Throwable thrown = catchThrowable(call::run);
    return switch (thrown) {
      case DfsException e -> e.error();
      case DfsIOException e -> e.error();
      case null -> throw new AssertionError("not refused");
      default -> throw new AssertionError("refused with an unexpected " + thrown, thrown);
    };
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  /** {@code godfs ARGS} in this JVM as the admin (credentials file): code, stdout, stderr. */
  String[] godfs(String... args) {
    return cluster.godfs(args);
  }

  String[] godfs(Map<String, String> env, String... args) {
    return cluster.godfs(env, args);
  }

  @Test
  void nameAndSpaceQuotasRefuseGrowthAndKeepWhatWasCommitted() throws Exception {
    start(1);
    DfsPath names = DfsPath.of("/q/names");
    DfsPath space = DfsPath.of("/q/space");
    admin.mkdir(names, true);
    admin.mkdir(space, true);

    // A name quota through the CLI: the directory and two files fill 3.
    String[] set = godfs("fs", "quota", "set", names.value(), "--names", "3");
    assertThat(set[0]).as(set[2]).isEqualTo("0");
    assertThat(set[1])
        .isEqualTo(
            "quotas of /q/names: names 3 (1 used), space none (0 B used,"
                + " replicas counted)"
                + System.lineSeparator());
    admin.createEmpty(names.child("a"), false);
    admin.createEmpty(names.child("b"), false);
    DfsError third = refusal(() -> admin.createEmpty(names.child("c"), false));
    assertThat(third.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(third.message()).contains("name quota of /q/names", "quota 3");

    // A space quota of two chunks times the replication, through the SDK: a 12 MiB stream is
    // refused at the grant of its third chunk, though it keeps chunks in flight (they count at
    // their full size); the two chunks before stay, byte for byte, and the quota is not passed.
    long quota = 2L * CHUNK * REPLICATION;
    assertThat(admin.quotas().set(space, KEEP, OptionalLong.of(quota)))
        .isEqualTo(new QuotaUsage(space, QuotaUsage.NONE, 1, quota, 0));
    DfsPath big = space.child("big.bin");
    byte[] bytes = random(12 * CHUNK, 7);
    DfsError crossed =
        refusal(
            () -> {
              try (OutputStream out = admin.create(big, false)) {
                for (int at = 0; at < bytes.length; at += 64 << 10) {
                  out.write(bytes, at, 64 << 10);
                }
              }
            });
    assertThat(crossed.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(crossed.message()).contains("space quota of /q/space", "quota " + quota);
    assertCommittedPrefixKept(big, bytes);
    assertThat(admin.stat(big).length()).isEqualTo(2L * CHUNK);
    String[] json = godfs("fs", "quota", "get", "--json", space.value());
    assertThat(json[0]).as(json[2]).isEqualTo("0");
    assertThat(json[1])
        .contains("\"spaceQuota\":" + quota, "\"space\":" + quota, "\"spaceRemaining\":0");

    // godfs put past the quota prints the domain's message and exits 1.
    Path local = dir.resolve("local.bin");
    Files.write(local, random(CHUNK + 1, 8));
    String[] put = godfs("fs", "put", local.toString(), space.child("put.bin").value());
    assertThat(put[0]).isEqualTo("1");
    assertThat(put[2]).startsWith("godfs: put").contains("space quota of /q/space is exceeded");

    // Cleared (the space quota only, through the CLI), the same write goes through.
    String[] cleared = godfs("fs", "quota", "clear", space.value(), "--space");
    assertThat(cleared[0]).as(cleared[2]).isEqualTo("0");
    try (OutputStream out = admin.create(space.child("again.bin"), false)) {
      out.write(bytes);
    }
    assertThat(read(space.child("again.bin"))).isEqualTo(bytes);
    assertThat(admin.quotas().get(names).nameQuota()).isEqualTo(3);
    assertThat(admin.quotas().get(space).hasSpaceQuota()).isFalse();
  }

  @Test
  void aNonAdminMayLookButNotSetAndIsToldWhichPermissionIsMissing() throws Exception {
    start(1);
    DfsPath data = DfsPath.of("/data");
    admin.mkdir(data, true);
    admin.quotas().set(data, OptionalLong.of(100), KEEP);
    String writerKey =
        ApiKeyFile.addKey(
            dir.resolve("data/security/api-keys"),
            Principal.user("walt", Set.of(), Set.of(Role.WRITE)),
            new SecureRandom());
    try (GodfsClient writer = client(writerKey)) {
      Waits.until(Duration.ofSeconds(30), "the new key to be read", () -> knows(writer));
      assertThat(writer.quotas().get(data).nameQuota()).isEqualTo(100);
      DfsError refused = refusal(() -> writer.quotas().clear(data, true, true));
      assertThat(refused.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
      assertThat(refused.message()).contains("walt lacks 'admin'");
      String[] cli =
          godfs(
              Map.of(
                  "GODFS_CLIENT_API_KEY",
                  writerKey,
                  "GODFS_TLS_ENABLED",
                  "1",
                  "GODFS_TLS_CA_FILE",
                  ca.toString()),
              "fs",
              "quota",
              "set",
              data.value(),
              "--names",
              "1000");
      assertThat(cli[0]).isEqualTo("1");
      assertThat(cli[2]).startsWith("godfs: quota set /data: ").contains("walt lacks 'admin'");
      assertThat(admin.quotas().get(data).nameQuota()).isEqualTo(100);
    }
  }

  @Test
  void restShowsSetsAndClearsQuotasAndAnswers507PastOne() throws Exception {
    start(1);
    admin.mkdir(DfsPath.of("/web"), true);
    String base = "https://127.0.0.1:" + dev.gatewayPort() + "/v1/fs";
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(null, new TrustManager[] {TlsManagers.trusting(List.of(ca), Optional.empty())}, null);
    HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
    URI quota = URI.create(base + "/quota?path=/web");

    HttpResponse<String> put =
        http.send(
            authorized(quota)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"names\":null,\"space\":2048}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(put.body())
        .contains(
            "\"path\":\"/web\"", "\"name_quota\":null", "\"space_quota\":2048", "\"names\":1");

    // 1000 bytes stored three times (3000) do not fit 2048: refused as a whole.
    HttpResponse<String> tooBig =
        http.send(
            authorized(URI.create(base + "/content?path=/web/f.bin"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(random(1000, 9)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(507);
    assertThat(tooBig.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(tooBig.body())
        .contains("\"code\":\"quota_exceeded\"", "space quota of /web", "\"request_id\"");

    HttpResponse<String> got =
        http.send(authorized(quota).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body())
        .contains("\"space_quota\":2048", "\"space\":0", "\"space_remaining\":2048");

    HttpResponse<String> deleted =
        http.send(authorized(quota).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(admin.quotas().get(DfsPath.of("/web")).hasSpaceQuota()).isFalse();
    HttpResponse<String> fits =
        http.send(
            authorized(URI.create(base + "/content?path=/web/f.bin"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(random(1000, 9)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(fits.statusCode()).as(fits.body()).isBetween(200, 204);

    HttpResponse<String> missing =
        http.send(
            authorized(URI.create(base + "/quota?path=/nope")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void onThreeRatisMastersAQuotaIsReplicatedAndRefusesGrowth() throws Exception {
    start(3);
    DfsPath dir = DfsPath.of("/r");
    admin.mkdir(dir, false);
    admin.quotas().set(dir, OptionalLong.of(2), OptionalLong.of((long) CHUNK * REPLICATION));
    admin.createEmpty(dir.child("one"), false);
    DfsError names = refusal(() -> admin.createEmpty(dir.child("two"), false));
    assertThat(names.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(names.message()).contains("name quota of /r");
    assertThat(admin.quotas().get(dir)).isEqualTo(new QuotaUsage(dir, 2, 2, CHUNK * 3L, 0));
    admin.quotas().clear(dir, true, false);
    byte[] bytes = random(8 * CHUNK, 11);
    DfsError space =
        refusal(
            () -> {
              try (OutputStream out = admin.create(dir.child("two"), false)) {
                out.write(bytes);
              }
            });
    assertThat(space.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(space.message()).contains("space quota of /r");
    assertCommittedPrefixKept(dir.child("two"), bytes);
  }

  /**
   * The refused stream's file holds whole chunks, at least one, each byte as written: what was
   * committed before the refusal stays readable.
   */
  private void assertCommittedPrefixKept(DfsPath path, byte[] written) throws Exception {
    long length = admin.stat(path).length();
    assertThat(length).isPositive().isLessThan(written.length);
    assertThat(length % CHUNK).isZero();
    assertThat(read(path)).isEqualTo(Arrays.copyOf(written, (int) length));
  }

  private HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + adminKey);
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
