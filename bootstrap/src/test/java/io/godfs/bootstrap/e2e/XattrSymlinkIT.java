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
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extended attributes and symbolic links (ADR 0028, stage 2) through the CLI, the SDK and REST of a
 * real {@code godfs dev} cluster, secured as it starts by default (TLS on every port, API keys):
 * {@code godfs fs setfattr|getfattr} round-trip a binary value as setfattr(1) and getfattr(1) write
 * it; {@code PUT|GET|DELETE /v1/fs/xattrs} over real HTTPS carry raw bytes in and base64 out; a key
 * without {@code admin} may not set {@code trusted.*} (nor see it); {@code godfs fs ln -s}, {@code
 * readlink}, {@code stat} and {@code ls -l}, and {@code POST /v1/fs/symlink} and {@code GET
 * /v1/fs/readlink}, make and read links; on three Ratis masters both survive, and a hand-over of
 * the leadership and the old leader's stop.
 */
class XattrSymlinkIT {
  static final String NL = System.lineSeparator();
  static final byte[] BINARY = {0, (byte) 0xff, '"', '\n', 'z'};

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

  HttpResponse<String> rest(String method, String pathAndQuery) throws Exception {
    return rest(cluster.adminKey, method, pathAndQuery, null, null);
  }

  HttpResponse<String> json(String method, String pathAndQuery, String body) throws Exception {
    return rest(
        cluster.adminKey,
        method,
        pathAndQuery,
        "application/json",
        body.getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> putXattr(String key, String query, byte[] value) throws Exception {
    return rest(key, "PUT", "/xattrs?" + query, "application/octet-stream", value);
  }

  HttpResponse<String> rest(
      String key, String method, String pathAndQuery, String contentType, byte[] body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  byte[] xattr(GodfsClient client, String path, String name) {
    return client.xattrs(DfsPath.of(path)).get(name).orElse(null);
  }

  @Test
  void theCliSetsAndPrintsABinaryValueAsSetfattrAndGetfattrDo() throws Exception {
    start(1);
    admin.mkdir(DfsPath.of("/x"), false);
    admin.createEmpty(DfsPath.of("/x/f"), false);

    godfs("fs", "setfattr", "-n", "user.bin", "-v", "0x00ff220a7a", "/x/f");
    godfs("fs", "setfattr", "-n", "user.note", "-v", "hello world", "/x/f");
    assertThat(xattr(admin, "/x/f", "user.bin")).isEqualTo(BINARY);
    assertThat(xattr(admin, "/x/f", "user.note"))
        .isEqualTo("hello world".getBytes(StandardCharsets.UTF_8));

    String dump = godfs("fs", "getfattr", "-d", "/x/f");
    assertThat(dump)
        .isEqualTo(
            "# file: /x/f"
                + NL
                + "user.bin=0s"
                + b64(BINARY)
                + NL
                + "user.note=\"hello world\""
                + NL
                + NL);
    assertThat(godfs("fs", "getfattr", "-n", "user.bin", "-e", "hex", "/x/f"))
        .isEqualTo("# file: /x/f" + NL + "user.bin=0x00ff220a7a" + NL + NL);
    assertThat(godfs("fs", "getfattr", "/x/f"))
        .isEqualTo("# file: /x/f" + NL + "user.bin" + NL + "user.note" + NL + NL);

    // What getfattr printed (text with escapes, too), setfattr reads back to the same bytes.
    String text = godfs("fs", "getfattr", "-n", "user.bin", "-e", "text", "/x/f");
    String printed = text.lines().toList().get(1).substring("user.bin=".length());
    assertThat(printed).isEqualTo("\"\\000\\377\\\"\\012z\"");
    godfs("fs", "setfattr", "-n", "user.copy", "-v", printed, "/x/f");
    assertThat(xattr(admin, "/x/f", "user.copy")).isEqualTo(BINARY);

    godfs("fs", "setfattr", "-x", "user.note", "/x/f");
    assertThat(xattr(admin, "/x/f", "user.note")).isNull();
    String[] missing = cluster.godfs("fs", "getfattr", "-n", "user.note", "/x/f");
    assertThat(missing[0]).isEqualTo("1");
    assertThat(missing[2])
        .isEqualTo("godfs: getfattr /x/f: /x/f has no extended attribute user.note" + NL);
    String[] security = cluster.godfs("fs", "setfattr", "-n", "security.x", "-v", "1", "/x/f");
    assertThat(security[0]).isEqualTo("1");
    assertThat(security[2])
        .startsWith("godfs: setfattr /x/f: ")
        .contains("only the user. and trusted. namespaces are supported")
        .hasLineCount(1);
    String[] usage = cluster.godfs("fs", "setfattr", "-n", "user.a", "-v", "0xabc", "/x/f");
    assertThat(usage[0]).isEqualTo("2");
  }

  @Test
  void restPutsRawBytesAndShowsThemAsBase64() throws Exception {
    start(1);
    admin.mkdir(DfsPath.of("/web"), false);
    admin.createEmpty(DfsPath.of("/web/f"), false);
    String key = cluster.adminKey;

    HttpResponse<String> put = putXattr(key, "path=/web/f&name=user.bin", BINARY);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(put.body()).contains("\"path\":\"/web/f\"", "\"type\":\"file\"");
    assertThat(xattr(admin, "/web/f", "user.bin")).isEqualTo(BINARY);
    assertThat(putXattr(key, "path=/web/f&name=user.empty", new byte[0]).statusCode())
        .isEqualTo(200);

    HttpResponse<String> all = rest("GET", "/xattrs?path=/web/f");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body())
        .isEqualTo(
            "{\"path\":\"/web/f\",\"xattrs\":{\"user.bin\":\""
                + b64(BINARY)
                + "\",\"user.empty\":\"\"}}");
    HttpResponse<String> one = rest("GET", "/xattrs?path=/web/f&name=user.bin");
    assertThat(one.body())
        .isEqualTo("{\"path\":\"/web/f\",\"name\":\"user.bin\",\"value\":\"" + b64(BINARY) + "\"}");

    HttpResponse<String> create = putXattr(key, "path=/web/f&name=user.bin&mode=create", BINARY);
    assertThat(create.statusCode()).as(create.body()).isEqualTo(409);
    assertThat(create.body()).contains("\"code\":\"already_exists\"");
    HttpResponse<String> replace = putXattr(key, "path=/web/f&name=user.no&mode=replace", BINARY);
    assertThat(replace.statusCode()).isEqualTo(404);
    assertThat(replace.body()).contains("\"code\":\"no_attribute\"");

    HttpResponse<String> deleted = rest("DELETE", "/xattrs?path=/web/f&name=user.bin");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    assertThat(xattr(admin, "/web/f", "user.bin")).isNull();
    HttpResponse<String> gone = rest("GET", "/xattrs?path=/web/f&name=user.bin");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body())
        .contains("\"code\":\"no_attribute\"", "/web/f has no extended attribute user.bin");

    HttpResponse<String> big =
        putXattr(key, "path=/web/f&name=user.big", new byte[Xattrs.MAX_VALUE_BYTES + 1]);
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(big.body()).contains("\"code\":\"too_large\"");
    HttpResponse<String> security = putXattr(key, "path=/web/f&name=security.x", BINARY);
    assertThat(security.statusCode()).isEqualTo(501);
    assertThat(security.body()).contains("\"code\":\"unsupported\"");
    assertThat(putXattr(key, "path=/web/none&name=user.a", BINARY).statusCode()).isEqualTo(404);
  }

  @Test
  void aKeyWithoutAdminMayNotSetTrustedAttributesNorSeeThem() throws Exception {
    start(1);
    DfsPath f = DfsPath.of("/t/f");
    admin.mkdir(f.parent(), false);
    admin.createEmpty(f, false);
    admin.setXattr(f, "trusted.secret", new byte[] {7}, XattrMode.EITHER);
    String writerKey =
        ApiKeyFile.addKey(
            dir.resolve("data/security/api-keys"),
            Principal.user("walt", Set.of(), Set.of(Role.WRITE)),
            new SecureRandom());
    try (GodfsClient writer = cluster.client(writerKey)) {
      Waits.until(Duration.ofSeconds(30), "the new key to be read", () -> knows(writer));
      DfsException refused =
          catchThrowableOfType(
              DfsException.class,
              () -> writer.setXattr(f, "trusted.mine", new byte[] {1}, XattrMode.EITHER));
      assertThat(refused.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
      assertThat(refused.getMessage()).contains("walt lacks 'admin'");
      writer.setXattr(f, "user.ok", new byte[] {1}, XattrMode.EITHER);
      assertThat(writer.xattrs(f).names()).containsExactly("user.ok");
      assertThat(admin.xattrs(f).names()).containsExactly("trusted.secret", "user.ok");

      HttpResponse<String> rest = putXattr(writerKey, "path=/t/f&name=trusted.mine", BINARY);
      assertThat(rest.statusCode()).as(rest.body()).isEqualTo(403);
      assertThat(rest.body()).contains("\"code\":\"permission_denied\"", "lacks 'admin'");
      HttpResponse<String> hidden =
          rest(writerKey, "GET", "/xattrs?path=/t/f&name=trusted.secret", null, null);
      assertThat(hidden.statusCode()).isEqualTo(404);

      String[] cli =
          cluster.godfs(
              Map.of(
                  "GODFS_CLIENT_API_KEY",
                  writerKey,
                  "GODFS_TLS_ENABLED",
                  "1",
                  "GODFS_TLS_CA_FILE",
                  cluster.ca.toString()),
              "fs",
              "setfattr",
              "-n",
              "trusted.mine",
              "-v",
              "1",
              "/t/f");
      assertThat(cli[0]).isEqualTo("1");
      assertThat(cli[2]).startsWith("godfs: setfattr /t/f: ").contains("walt lacks 'admin'");
      assertThat(admin.xattrs(f).names()).containsExactly("trusted.secret", "user.ok");
    }
    // The admin's CLI sees trusted.* too.
    assertThat(godfs("fs", "getfattr", "-d", "/t/f"))
        .isEqualTo("# file: /t/f" + NL + "trusted.secret=0sBw==" + NL + "user.ok=0sAQ==" + NL + NL);
  }

  @Test
  void theCliMakesReadsAndShowsSymbolicLinks() throws Exception {
    start(1);
    admin.mkdir(DfsPath.of("/data"), false);
    admin.mkdir(DfsPath.of("/links"), false);
    admin.createEmpty(DfsPath.of("/data/f"), false);

    assertThat(godfs("fs", "ln", "-s", "../data/f", "/links/l")).isEmpty();
    FileStatus link = admin.stat(DfsPath.of("/links/l"));
    assertThat(link.isSymlink()).isTrue();
    assertThat(link.length()).isEqualTo(9);
    assertThat(link.attributes().mode()).isEqualTo(0777);
    assertThat(admin.readlink(DfsPath.of("/links/l"))).isEqualTo("../data/f");

    assertThat(godfs("fs", "readlink", "/links/l")).isEqualTo("../data/f" + NL);
    assertThat(godfs("fs", "stat", "/links/l"))
        .contains(
            "type:        symlink" + NL,
            "target:      ../data/f" + NL,
            "length:      9" + NL,
            "mode:        0777 (lrwxrwxrwx)" + NL);
    assertThat(godfs("fs", "stat", "--json", "/links/l"))
        .contains("\"type\":\"symlink\",\"target\":\"../data/f\",\"length\":9");
    assertThat(godfs("fs", "ls", "-l", "/links"))
        .startsWith("lrwxrwxrwx ")
        .endsWith(" l -> ../data/f" + NL);
    assertThat(godfs("fs", "ls", "/links")).startsWith("l ");

    String[] exists = cluster.godfs("fs", "ln", "-s", "elsewhere", "/links/l");
    assertThat(exists[0]).isEqualTo("1");
    assertThat(exists[2]).startsWith("godfs: ln /links/l: ").contains("exists").hasLineCount(1);
    String[] notALink = cluster.godfs("fs", "readlink", "/data/f");
    assertThat(notALink[0]).isEqualTo("1");
    assertThat(notALink[2])
        .isEqualTo("godfs: readlink /data/f: /data/f is not a symbolic link" + NL);

    // Removing the link leaves its target.
    godfs("fs", "rm", "/links/l");
    assertThat(
            catchThrowableOfType(DfsException.class, () -> admin.stat(DfsPath.of("/links/l")))
                .code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(admin.stat(DfsPath.of("/data/f")).isSymlink()).isFalse();
  }

  @Test
  void restMakesAndReadsSymbolicLinks() throws Exception {
    start(1);
    admin.mkdir(DfsPath.of("/web"), false);
    admin.createEmpty(DfsPath.of("/web/f"), false);

    HttpResponse<String> made =
        json("POST", "/symlink", "{\"path\":\"/web/l\",\"target\":\"/web/f\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    assertThat(made.body())
        .contains(
            "\"path\":\"/web/l\"",
            "\"is_dir\":false",
            "\"type\":\"symlink\"",
            "\"target\":\"/web/f\"",
            "\"size\":6",
            "\"mode_octal\":\"0777\"");
    assertThat(admin.readlink(DfsPath.of("/web/l"))).isEqualTo("/web/f");

    HttpResponse<String> read = rest("GET", "/readlink?path=/web/l");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("{\"path\":\"/web/l\",\"target\":\"/web/f\"}");
    assertThat(rest("GET", "/stat?path=/web/l").body())
        .contains("\"type\":\"symlink\"", "\"target\":\"/web/f\"");
    assertThat(rest("GET", "/stat?path=/web/f").body())
        .contains("\"type\":\"file\"")
        .doesNotContain("\"target\"");
    assertThat(rest("GET", "/list?path=/web").body())
        .contains(
            "{\"name\":\"f\",\"is_dir\":false,\"type\":\"file\"",
            "{\"name\":\"l\",\"is_dir\":false,\"type\":\"symlink\"")
        .doesNotContain("\"target\"");
    // The content of a link is not its target's bytes: the gateway follows no link, it says so.
    HttpResponse<String> content = rest("GET", "/content?path=/web/l");
    assertThat(content.statusCode()).as(content.body()).isEqualTo(400);
    assertThat(content.body()).contains("is a symbolic link to /web/f");

    HttpResponse<String> again = json("POST", "/symlink", "{\"path\":\"/web/l\",\"target\":\"x\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("\"code\":\"already_exists\"");
    HttpResponse<String> notALink = rest("GET", "/readlink?path=/web/f");
    assertThat(notALink.statusCode()).isEqualTo(400);
    assertThat(notALink.body()).contains("/web/f is not a symbolic link");
    HttpResponse<String> noParent =
        json("POST", "/symlink", "{\"path\":\"/none/l\",\"target\":\"x\"}");
    assertThat(noParent.statusCode()).isEqualTo(404);
  }

  /**
   * Special files (ADR 0028) made through the SDK on three Ratis masters: another client sees each
   * kind with its owner, mode and device number; REST's stat names the kind and the device, and
   * refuses their content; the CLI's stat and ls -l show them as stat(1) and ls(1) do.
   */
  @Test
  void specialFilesKeepTheirKindAndDeviceNumberEverywhere() throws Exception {
    start(3);
    admin.mkdir(DfsPath.of("/dev"), false);
    long sda1 = (8L << 8) | 1;
    admin.makeNode(DfsPath.of("/dev/fifo"), FileType.FIFO, 0, new Ownership(1000, 100, 0640));
    admin.makeNode(DfsPath.of("/dev/sda1"), FileType.BLOCK_DEVICE, sda1, null);
    admin.makeNode(
        DfsPath.of("/dev/null"),
        FileType.CHARACTER_DEVICE,
        (1 << 8) | 3,
        new Ownership(0, 0, 0666));
    admin.makeNode(DfsPath.of("/dev/sock"), FileType.SOCKET, 0, null);
    DfsException taken =
        catchThrowableOfType(
            DfsException.class,
            () -> admin.makeNode(DfsPath.of("/dev/fifo"), FileType.SOCKET, 0, null));
    assertThat(taken.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
    DfsException numbered =
        catchThrowableOfType(
            DfsException.class, () -> admin.makeNode(DfsPath.of("/dev/p"), FileType.FIFO, 7, null));
    assertThat(numbered.getMessage()).contains("device : 7 (expected: 0 for a FIFO)");

    try (GodfsClient other = cluster.client(cluster.adminKey)) {
      FileStatus fifo = other.stat(DfsPath.of("/dev/fifo"));
      assertThat(fifo.type()).isEqualTo(FileType.FIFO);
      assertThat(fifo.length()).isZero();
      assertThat(fifo.attributes().owner()).isEqualTo(1000);
      assertThat(fifo.attributes().group()).isEqualTo(100);
      assertThat(fifo.attributes().mode()).isEqualTo(0640);
      FileStatus disk = other.stat(DfsPath.of("/dev/sda1"));
      assertThat(disk.type()).isEqualTo(FileType.BLOCK_DEVICE);
      assertThat(disk.attributes().device()).isEqualTo(sda1);
      assertThat(other.stat(DfsPath.of("/dev/sock")).type()).isEqualTo(FileType.SOCKET);
    }

    assertThat(rest("GET", "/stat?path=/dev/sda1").body())
        .contains("\"type\":\"block_device\"", "\"device\":" + sda1);
    assertThat(rest("GET", "/stat?path=/dev/fifo").body())
        .contains("\"type\":\"fifo\"", "\"mode_octal\":\"0640\"")
        .doesNotContain("\"device\"");
    assertThat(rest("GET", "/list?path=/dev").body())
        .contains("\"type\":\"character_device\"", "\"type\":\"socket\"");
    HttpResponse<String> content = rest("GET", "/content?path=/dev/fifo");
    assertThat(content.statusCode()).as(content.body()).isEqualTo(400);
    assertThat(content.body()).contains("/dev/fifo is a FIFO: it has no content");

    assertThat(godfs("fs", "stat", "/dev/null"))
        .contains(
            "type:        character_device" + NL,
            "device:      1,3 (major,minor)" + NL,
            "mode:        0666 (crw-rw-rw-)" + NL);
    assertThat(godfs("fs", "ls", "-l", "/dev"))
        .contains("prw-r----- ", "brw-r--r-- ", "crw-rw-rw- ", "srw-r--r-- ");
  }

  /**
   * Hard links and exchanges (ADR 0028) on three Ratis masters: {@code godfs fs ln}, {@code POST
   * /v1/fs/link} and the SDK give a file more names, each showing one file id and the link count;
   * bytes written through one name read through another; a directory cannot be linked; {@code godfs
   * fs mv --exchange} and REST's {@code exchange} swap two names.
   */
  @Test
  void hardLinksAndExchangesThroughTheCliRestAndTheSdk() throws Exception {
    start(3);
    admin.mkdir(DfsPath.of("/h"), false);
    try (var out = admin.create(DfsPath.of("/h/f"), false)) {
      out.write("first".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(godfs("fs", "ln", "/h/f", "/h/cli")).isEmpty();
    HttpResponse<String> made =
        json("POST", "/link", "{\"existing\":\"/h/f\",\"link\":\"/h/rest\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    assertThat(made.body()).contains("\"path\":\"/h/rest\"", "\"links\":3");
    FileStatus sdk = admin.link(DfsPath.of("/h/rest"), DfsPath.of("/h/sdk"));
    assertThat(sdk.links()).isEqualTo(4);
    try (GodfsClient other = cluster.client(cluster.adminKey)) {
      FileStatus f = other.stat(DfsPath.of("/h/f"));
      for (String name : new String[] {"/h/cli", "/h/rest", "/h/sdk"}) {
        FileStatus named = other.stat(DfsPath.of(name));
        assertThat(named.fileId()).as(name).isEqualTo(f.fileId());
        assertThat(named.links()).as(name).isEqualTo(4);
      }
    }
    assertThat(godfs("fs", "stat", "/h/cli")).contains("links:       4" + NL);
    assertThat(rest("GET", "/stat?path=/h/sdk").body()).contains("\"links\":4");
    // One inode: a rewrite through one name is what every other name reads.
    admin.delete(DfsPath.of("/h/f"), false);
    try (var out = admin.openForWriteAt(DfsPath.of("/h/sdk"), 0)) {
      out.write("SECOND".getBytes(StandardCharsets.UTF_8));
    }
    try (var in = admin.open(DfsPath.of("/h/cli"))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("SECOND");
    }
    assertThat(admin.stat(DfsPath.of("/h/rest")).links()).isEqualTo(3);

    String[] dir = cluster.godfs("fs", "ln", "/h", "/h2");
    assertThat(dir[0]).isEqualTo("1");
    assertThat(dir[2]).startsWith("godfs: ln /h2: ").hasLineCount(1);
    HttpResponse<String> restDir = json("POST", "/link", "{\"existing\":\"/h\",\"link\":\"/h3\"}");
    assertThat(restDir.statusCode()).as(restDir.body()).isEqualTo(403);
    assertThat(restDir.body()).contains("\"code\":\"not_permitted\"");

    admin.mkdir(DfsPath.of("/h/sub"), false);
    assertThat(godfs("fs", "mv", "--exchange", "/h/sub", "/h/cli")).isEmpty();
    assertThat(admin.stat(DfsPath.of("/h/cli")).isDirectory()).isTrue();
    assertThat(admin.stat(DfsPath.of("/h/sub")).links()).isEqualTo(3);
    HttpResponse<String> swapped =
        json(
            "POST",
            "/rename",
            "{\"old_path\":\"/h/sub\",\"new_path\":\"/h/cli\",\"exchange\":true}");
    assertThat(swapped.statusCode()).as(swapped.body()).isEqualTo(204);
    assertThat(admin.stat(DfsPath.of("/h/sub")).isDirectory()).isTrue();
    assertThat(admin.stat(DfsPath.of("/h")).links()).isEqualTo(3);
  }

  @Test
  void onThreeRatisMastersLinksAndAttributesAreKept() throws Exception {
    start(3);
    admin.mkdir(DfsPath.of("/r"), false);
    admin.createEmpty(DfsPath.of("/r/f"), false);
    godfs("fs", "ln", "-s", "f", "/r/l");
    HttpResponse<String> made =
        json("POST", "/symlink", "{\"path\":\"/r/l2\",\"target\":\"../r/f\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    godfs("fs", "setfattr", "-n", "user.a", "-v", "0x01", "/r/f");
    assertThat(putXattr(cluster.adminKey, "path=/r/f&name=user.b", BINARY).statusCode())
        .isEqualTo(200);
    try (GodfsClient other = cluster.client(cluster.adminKey)) {
      assertThat(other.stat(DfsPath.of("/r/l")).isSymlink()).isTrue();
      assertThat(other.readlink(DfsPath.of("/r/l"))).isEqualTo("f");
      assertThat(other.readlink(DfsPath.of("/r/l2"))).isEqualTo("../r/f");
      assertThat(xattr(other, "/r/f", "user.a")).containsExactly(1);
      assertThat(xattr(other, "/r/f", "user.b")).isEqualTo(BINARY);
    }
    assertThat(godfs("fs", "readlink", "/r/l", "/r/l2")).isEqualTo("f" + NL + "../r/f" + NL);
  }

  @Test
  void aLinkAndAttributesSurviveAHandOverOfTheLeadershipAndTheOldLeadersStop() throws Exception {
    try (MasterGroup group = new MasterGroup(dir.resolve("group"), 3, 1, 1 << 20)) {
      GodfsClient client = group.client();
      DfsPath d = DfsPath.of("/h");
      DfsPath link = d.child("l");
      client.mkdir(d, false);
      client.symlink(link, "../elsewhere/x", null);
      client.setXattr(d, "user.bin", BINARY, XattrMode.CREATE);

      int leader = group.awaitLeader();
      assertThat(group.handOverLeadership(leader)).as("handed over").isTrue();
      group.stopMaster(leader);
      int next = group.awaitLeader();
      assertThat(next).isNotEqualTo(leader);

      assertThat(client.stat(link).isSymlink()).isTrue();
      assertThat(client.readlink(link)).isEqualTo("../elsewhere/x");
      assertThat(client.xattrs(d).get("user.bin")).hasValue(BINARY);
      // The new leader makes them too; the old one, back, has every change.
      client.symlink(d.child("l2"), "l", null);
      client.removeXattr(d, "user.bin");
      group.startMaster(leader);
      group.stopMaster(next);
      group.awaitLeader();
      assertThat(client.readlink(d.child("l2"))).isEqualTo("l");
      assertThat(client.readlink(link)).isEqualTo("../elsewhere/x");
      assertThat(client.xattrs(d).isEmpty()).isTrue();
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
}
