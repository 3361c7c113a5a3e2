package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.PosixIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master's POSIX checks for SDK and REST principals (ADR 0029) on a secured {@code godfs dev}
 * cluster: alice's key maps her to uid 1000, bob's to uid 2000, both hold the {@code write} role.
 * What each creates, through the SDK or through REST, is owned by its uid; each is refused on the
 * other's 0600 file and 0755 directory with a message naming the missing permission; the
 * administrator may do everything.
 */
class PosixPermissionsIT {
  @TempDir Path dir;
  SecuredDev cluster;
  GodfsClient admin;
  GodfsClient alice;
  GodfsClient bob;
  String aliceKey;
  String bobKey;
  HttpClient http;

  @BeforeEach
  void start() {
    cluster = SecuredDev.start(dir, c -> c);
    admin = cluster.admin;
    http = cluster.https();
    Path keys = dir.resolve("data/security/api-keys");
    SecureRandom random = new SecureRandom();
    aliceKey =
        ApiKeyFile.addKey(
            keys,
            Principal.user("alice", Set.of(), Set.of(Role.WRITE))
                .withPosix(PosixIdentity.of(1000, 1000)),
            random);
    bobKey =
        ApiKeyFile.addKey(
            keys,
            Principal.user("bob", Set.of(), Set.of(Role.WRITE))
                .withPosix(PosixIdentity.of(2000, 2000)),
            random);
    alice = cluster.client(aliceKey);
    bob = cluster.client(bobKey);
    Waits.until(Duration.ofSeconds(30), "the new keys to be read", () -> knows(bob));
    admin.mkdir(DfsPath.of("/home/alice"), true);
    admin.mkdir(DfsPath.of("/home/bob"), true);
    admin.setOwner(DfsPath.of("/home/alice"), OptionalInt.of(1000), OptionalInt.of(1000));
    admin.setOwner(DfsPath.of("/home/bob"), OptionalInt.of(2000), OptionalInt.of(2000));
  }

  @AfterEach
  void stop() {
    if (alice != null) {
      alice.close();
    }
    if (bob != null) {
      bob.close();
    }
    if (cluster != null) {
      cluster.close();
    }
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

  private HttpResponse<String> rest(String key, String method, String route, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(cluster.fsUrl() + route))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key);
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && body.startsWith("{")) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private InodeAttributes attributes(String path) {
    return admin.stat(DfsPath.of(path)).attributes();
  }

  private static void denied(ThrowingCallable call, String... parts) {
    DfsException e = catchThrowableOfType(DfsException.class, call);
    assertThat(e).as("refused").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    for (String part : parts) {
      assertThat(e.getMessage()).contains(part);
    }
  }

  private static void forbidden(HttpResponse<String> response, String... parts) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(response.body()).contains(parts);
  }

  @Test
  void eachUserOwnsWhatItMakesAndIsHeldToTheOthersModes() throws Exception {
    // alice through the SDK: a private file and a shared directory, hers.
    alice.writeSmallFile(
        DfsPath.of("/home/alice/secret"), "alice's".getBytes(StandardCharsets.UTF_8), false);
    alice.setPermission(DfsPath.of("/home/alice/secret"), 0600);
    alice.mkdir(DfsPath.of("/home/alice/shared"), false);
    assertThat(attributes("/home/alice/secret"))
        .extracting(InodeAttributes::owner, InodeAttributes::group, InodeAttributes::mode)
        .containsExactly(1000, 1000, 0600);
    assertThat(attributes("/home/alice/shared"))
        .extracting(InodeAttributes::owner, InodeAttributes::group, InodeAttributes::mode)
        .containsExactly(1000, 1000, 0755);

    // bob through REST: a file (staged, then renamed into place) and a directory, his.
    assertThat(rest(bobKey, "PUT", "/content?path=/home/bob/notes", "bob's").statusCode())
        .isBetween(200, 204);
    assertThat(rest(bobKey, "POST", "/mkdir", "{\"path\":\"/home/bob/d\"}").statusCode())
        .isEqualTo(204);
    assertThat(
            rest(bobKey, "PATCH", "/attributes?path=/home/bob/notes", "{\"mode\":\"600\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(attributes("/home/bob/notes"))
        .extracting(InodeAttributes::owner, InodeAttributes::group, InodeAttributes::mode)
        .containsExactly(2000, 2000, 0600);
    assertThat(attributes("/home/bob/d").owner()).isEqualTo(2000);

    // Each is refused on the other's 0600 file and 0755 directory, naming what it lacks.
    forbidden(
        rest(bobKey, "GET", "/content?path=/home/alice/secret", null),
        "bob (uid 2000) lacks 'read' on /home/alice/secret");
    denied(
        () -> bob.open(DfsPath.of("/home/alice/secret")).close(),
        "bob (uid 2000) lacks 'read' on /home/alice/secret");
    denied(
        () -> alice.open(DfsPath.of("/home/bob/notes")).readAllBytes(),
        "alice (uid 1000) lacks 'read' on /home/bob/notes");
    denied(
        () -> alice.mkdir(DfsPath.of("/home/bob/d/x"), false),
        "alice (uid 1000) lacks 'write' on directory /home/bob/d");
    denied(
        () -> bob.writeSmallFile(DfsPath.of("/home/alice/shared/f"), new byte[1], false),
        "bob (uid 2000) lacks 'write' on directory /home/alice/shared");
    forbidden(
        rest(aliceKey, "PUT", "/content?path=/home/bob/d/y", "hers"),
        "alice (uid 1000) lacks 'write' on directory /home/bob/d");
    forbidden(
        rest(aliceKey, "POST", "/mkdir", "{\"path\":\"/home/bob/d/z\"}"),
        "lacks 'write' on directory /home/bob/d");
    forbidden(
        rest(aliceKey, "DELETE", "?path=/home/bob/notes", null),
        "lacks 'write' on directory /home/bob");
    denied(
        () -> alice.setPermission(DfsPath.of("/home/bob/notes"), 0644),
        "may not change the mode of /home/bob/notes");
    denied(
        () ->
            alice.setOwner(
                DfsPath.of("/home/alice/secret"), OptionalInt.of(2000), OptionalInt.empty()),
        "only an administrator");

    // The administrator may do everything.
    try (var in = admin.open(DfsPath.of("/home/alice/secret"))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("alice's");
    }
    admin.writeSmallFile(DfsPath.of("/home/bob/d/admins"), new byte[1], false);
    admin.setOwner(DfsPath.of("/home/alice/secret"), OptionalInt.of(2000), OptionalInt.of(2000));
    assertThat(rest(bobKey, "GET", "/content?path=/home/alice/secret", null).body())
        .isEqualTo("alice's");
    assertThat(
            rest(cluster.adminKey, "DELETE", "?path=/home/bob&recursive=true", null).statusCode())
        .isBetween(200, 204);
  }
}
