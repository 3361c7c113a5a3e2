package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.InodeAttributes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POSIX attributes (ADR 0028, stage 1) through the CLI and REST of a real {@code godfs dev}
 * cluster, secured as it starts by default (TLS on every port, API keys): {@code godfs fs chmod},
 * {@code chown} and {@code touch} then the SDK's stat shows them; {@code PATCH /v1/fs/attributes}
 * over real HTTPS then the stat JSON does; times before 1970 come back to the nanosecond; a change
 * under {@code .snapshot} is refused read-only by both; on three Ratis masters they work, and they
 * survive a hand-over of the leadership and the old leader's stop.
 */
class AttributesIT {
  static final String NL = System.lineSeparator();
  static final Instant MOON = Instant.parse("1969-07-20T20:17:40.123456789Z");
  static final Instant EARLY = Instant.parse("1900-01-01T00:00:00.000000001Z");

  @TempDir Path dir;
  SecuredDev cluster;
  GodfsClient admin;
  HttpClient http;
  String base;

  void start(int masters) throws Exception {
    cluster = SecuredDev.start(dir, c -> c.withMasters(masters));
    admin = cluster.admin;
    http = cluster.https();
    base = cluster.fsUrl();
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** {@code godfs ARGS} in this JVM as the admin; fails the test unless it exits 0. */
  String godfs(String... args) {
    return cluster.godfsOk(args);
  }

  HttpResponse<String> rest(String method, String pathAndQuery, String json) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + cluster.adminKey);
    if (json == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  InodeAttributes attributes(String path) {
    return admin.stat(DfsPath.of(path)).attributes();
  }

  @Test
  void theCliChangesModesOwnersAndTimesAndTheSdkSeesThem() throws Exception {
    start(1);
    admin.mkdir(DfsPath.of("/a"), true);
    admin.createEmpty(DfsPath.of("/a/f"), false);
    Instant before = Instant.now().minusSeconds(60);

    godfs("fs", "chmod", "0750", "/a/f");
    godfs("fs", "chmod", "u+s,o+r", "/a/f");
    godfs("fs", "chown", "1000:100", "/a/f");
    godfs("fs", "chmod", "g+s,a-x", "/a");
    godfs("fs", "touch", "-d", "1969-07-20T20:17:40.123456789Z", "/a/f");
    godfs("fs", "touch", "/a/new");

    FileStatus f = admin.stat(DfsPath.of("/a/f"));
    assertThat(f.attributes().mode()).isEqualTo(04754);
    assertThat(f.attributes().owner()).isEqualTo(1000);
    assertThat(f.attributes().group()).isEqualTo(100);
    assertThat(f.attributes().accessed()).isEqualTo(MOON);
    assertThat(f.modificationTime()).isEqualTo(MOON);
    assertThat(f.attributes().changed()).isAfter(before);
    assertThat(attributes("/a").mode()).isEqualTo(02644);
    FileStatus created = admin.stat(DfsPath.of("/a/new"));
    assertThat(created.length()).isZero();
    assertThat(created.modificationTime()).isAfter(before);

    // touch -a keeps the modification time; -m with an exact time keeps the access time.
    godfs("fs", "touch", "-a", "-d", "@-2208988799.999999999", "/a/f");
    assertThat(attributes("/a/f").accessed()).isEqualTo(EARLY);
    assertThat(admin.stat(DfsPath.of("/a/f")).modificationTime()).isEqualTo(MOON);

    assertThat(godfs("fs", "stat", "/a/f"))
        .contains(
            "owner:       1000" + NL,
            "group:       100" + NL,
            "mode:        4754 (-rwsr-xr--)" + NL,
            "accessed:    1900-01-01T00:00:00.000000001Z" + NL,
            "modified:    1969-07-20T20:17:40.123456789Z" + NL);
    assertThat(godfs("fs", "ls", "-l", "/a"))
        .contains("-rwsr-xr-- 1000    100                0 1969-07-20T20:17:40Z f" + NL);

    // A path that does not exist is one line naming it; the others are changed.
    String[] partly = cluster.godfs("fs", "chmod", "600", "/a/missing", "/a/new");
    assertThat(partly[0]).isEqualTo("1");
    assertThat(partly[2]).isEqualTo("godfs: chmod /a/missing: /a/missing does not exist" + NL);
    assertThat(attributes("/a/new").mode()).isEqualTo(0600);
  }

  @Test
  void restShowsAndChangesTheAttributesExactly() throws Exception {
    start(1);
    admin.mkdir(DfsPath.of("/web"), true);
    admin.createEmpty(DfsPath.of("/web/f"), false);
    admin.setOwner(DfsPath.of("/web/f"), OptionalInt.of(1000), OptionalInt.of(100));
    Instant before = Instant.now().minusSeconds(60);

    HttpResponse<String> patched =
        rest(
            "PATCH",
            "/attributes?path=/web/f",
            "{\"mode\":\"2750\",\"group\":7,\"accessed\":\"1900-01-01T00:00:00.000000001Z\","
                + "\"modified\":\"1969-07-20T15:17:40.123456789-05:00\"}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(patched.body())
        .contains(
            "\"path\":\"/web/f\"",
            "\"owner\":1000",
            "\"group\":7",
            "\"mode\":1512",
            "\"mode_octal\":\"2750\"",
            "\"permissions\":\"rwxr-s---\"",
            "\"accessed_at\":\"1900-01-01T00:00:00.000000001Z\"",
            "\"modified_at\":\"1969-07-20T20:17:40.123456789Z\"",
            "\"modified_at_unix\":" + MOON.getEpochSecond());

    FileStatus f = admin.stat(DfsPath.of("/web/f"));
    assertThat(f.attributes())
        .extracting(InodeAttributes::owner, InodeAttributes::group, InodeAttributes::mode)
        .containsExactly(1000, 7, 02750);
    assertThat(f.attributes().accessed()).isEqualTo(EARLY);
    assertThat(f.modificationTime()).isEqualTo(MOON);

    // "now" is the master's time; an integer mode is its value; POST does the same as PATCH.
    HttpResponse<String> now =
        rest("POST", "/attributes?path=/web/f", "{\"mode\":420,\"modified\":\"now\"}");
    assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
    assertThat(admin.stat(DfsPath.of("/web/f")).modificationTime()).isAfter(before);
    HttpResponse<String> stat = rest("GET", "/stat?path=/web/f", null);
    assertThat(stat.statusCode()).isEqualTo(200);
    assertThat(stat.body())
        .contains(
            "\"mode_octal\":\"0644\"",
            "\"permissions\":\"rw-r--r--\"",
            "\"accessed_at\":\"1900-01-01T00:00:00.000000001Z\"",
            "\"changed_at\":\"",
            "\"created_at\":\"");
    assertThat(rest("GET", "/list?path=/web", null).body())
        .contains("\"name\":\"f\"", "\"owner\":1000", "\"group\":7", "\"mode_octal\":\"0644\"");

    HttpResponse<String> unknown = rest("PATCH", "/attributes?path=/web/f", "{\"colour\":1}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body())
        .contains("unknown field \\\"colour\\\"", "\"code\":\"invalid_argument\"");
    HttpResponse<String> badMode = rest("PATCH", "/attributes?path=/web/f", "{\"mode\":\"rwx\"}");
    assertThat(badMode.statusCode()).isEqualTo(400);
    assertThat(badMode.body()).contains("mode : \\\"rwx\\\"");
    HttpResponse<String> missing =
        rest("PATCH", "/attributes?path=/web/none", "{\"mode\":\"0600\"}");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("\"code\":\"not_found\"");
  }

  @Test
  void aChangeUnderDotSnapshotIsRefusedReadOnly() throws Exception {
    start(1);
    DfsPath s = DfsPath.of("/s");
    admin.mkdir(s, false);
    admin.createEmpty(s.child("f"), false);
    admin.snapshots().allow(s);
    admin.snapshots().create(s, "one");

    String[] cli = cluster.godfs("fs", "chmod", "0600", "/s/.snapshot/one/f");
    assertThat(cli[0]).isEqualTo("1");
    assertThat(cli[2])
        .startsWith("godfs: chmod /s/.snapshot/one/f: ")
        .contains("read-only")
        .hasLineCount(1);
    String[] touch = cluster.godfs("fs", "touch", "/s/.snapshot/one/f");
    assertThat(touch[0]).isEqualTo("1");
    assertThat(touch[2]).contains("read-only");

    HttpResponse<String> rest =
        rest("PATCH", "/attributes?path=/s/.snapshot/one/f", "{\"owner\":5}");
    assertThat(rest.statusCode()).as(rest.body()).isEqualTo(403);
    assertThat(rest.body()).contains("\"code\":\"read_only\"", "read-only");

    // The live file changes; the snapshot keeps the mode of its moment.
    godfs("fs", "chmod", "0600", "/s/f");
    assertThat(attributes("/s/f").mode()).isEqualTo(0600);
    assertThat(attributes("/s/.snapshot/one/f").mode()).isEqualTo(0644);
    DfsException sdk =
        catchThrowableOfType(
            DfsException.class, () -> admin.setPermission(DfsPath.of("/s/.snapshot/one/f"), 0700));
    assertThat(sdk.code()).isEqualTo(ErrorCode.READ_ONLY);
  }

  @Test
  void onThreeRatisMastersTheCliAndRestChangeThem() throws Exception {
    start(3);
    admin.mkdir(DfsPath.of("/r"), false);
    godfs("fs", "touch", "-d", "1969-07-20T20:17:40.123456789Z", "/r/f");
    godfs("fs", "chown", "42:43", "/r/f");
    HttpResponse<String> patched = rest("PATCH", "/attributes?path=/r/f", "{\"mode\":\"1770\"}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    try (GodfsClient other = cluster.client(cluster.adminKey)) {
      FileStatus f = other.stat(DfsPath.of("/r/f"));
      assertThat(f.attributes())
          .extracting(InodeAttributes::owner, InodeAttributes::group, InodeAttributes::mode)
          .containsExactly(42, 43, 01770);
      assertThat(f.attributes().accessed()).isEqualTo(MOON);
      assertThat(f.modificationTime()).isEqualTo(MOON);
    }
  }

  @Test
  void theAttributesSurviveAHandOverOfTheLeadershipAndTheOldLeadersStop() throws Exception {
    try (MasterGroup group = new MasterGroup(dir.resolve("group"), 3, 1, 1 << 20)) {
      GodfsClient client = group.client();
      DfsPath f = DfsPath.of("/h/f");
      client.mkdir(f.parent(), false);
      client.createEmpty(f, false);
      client.setAttributes(
          f,
          new AttributeChange(
              OptionalInt.of(1000),
              OptionalInt.of(100),
              OptionalInt.of(04751),
              new AttributeChange.At(EARLY),
              new AttributeChange.At(MOON)));
      FileStatus before = client.stat(f);

      int leader = group.awaitLeader();
      assertThat(group.handOverLeadership(leader)).as("handed over").isTrue();
      group.stopMaster(leader);
      int next = group.awaitLeader();
      assertThat(next).isNotEqualTo(leader);

      FileStatus after = client.stat(f);
      assertThat(after.attributes()).isEqualTo(before.attributes());
      assertThat(after.modificationTime()).isEqualTo(MOON);
      assertThat(after.attributes().accessed()).isEqualTo(EARLY);
      // The new leader changes them too; the old one, back, has every change.
      client.setPermission(f, 0640);
      group.startMaster(leader);
      group.stopMaster(next);
      group.awaitLeader();
      FileStatus later = client.stat(f);
      assertThat(later.attributes().mode()).isEqualTo(0640);
      assertThat(later.attributes().owner()).isEqualTo(1000);
      assertThat(later.attributes().accessed()).isEqualTo(EARLY);
    }
  }
}
