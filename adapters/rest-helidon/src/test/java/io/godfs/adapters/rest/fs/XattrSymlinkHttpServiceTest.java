package io.godfs.adapters.rest.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.adapters.rest.RestGateway;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/fs/xattrs}, {@code /v1/fs/symlink}, {@code /v1/fs/readlink} and the {@code type} and
 * {@code target} of stat and list (ADR 0028) over real HTTP against a file system double: values as
 * base64 both ways and raw bytes in a PUT, each refusal as its status and code.
 */
class XattrSymlinkHttpServiceTest {
  static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
  static final byte[] BINARY = {0, 1, (byte) 0xff, '"', '\n', 'x'};

  final Files files = new Files();
  final HttpClient http = HttpClient.newHttpClient();
  RestGateway gateway;

  @BeforeEach
  void start() {
    files.put("/d", FileType.DIRECTORY, 0);
    files.put("/d/f", FileType.FILE, 10);
    files.link("/d/l", "../d/f");
    gateway =
        RestGateway.start(
            files, null, null, GatewaySettings.defaults("127.0.0.1", 0), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  HttpResponse<String> send(String method, String path, byte[] body, String type) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    return send(method, path, null, null);
  }

  HttpResponse<String> json(String method, String path, String body) throws Exception {
    return send(method, path, body.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  HttpResponse<String> put(String pathAndQuery, byte[] value) throws Exception {
    return send("PUT", "/v1/fs/xattrs?" + pathAndQuery, value, "application/octet-stream");
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void statAndListNameTheTypeAndAStatOfALinkItsTarget() throws Exception {
    HttpResponse<String> link = send("GET", "/v1/fs/stat?path=/d/l");
    assertThat(link.statusCode()).as(link.body()).isEqualTo(200);
    assertThat(link.body())
        .contains(
            "\"is_dir\":false",
            "\"type\":\"symlink\"",
            "\"target\":\"../d/f\"",
            "\"size\":6",
            "\"mode_octal\":\"0777\"",
            "\"permissions\":\"rwxrwxrwx\"");
    assertThat(files.readlinks).isEqualTo(1);

    assertThat(send("GET", "/v1/fs/stat?path=/d/f").body())
        .contains("\"type\":\"file\"")
        .doesNotContain("target");
    assertThat(send("GET", "/v1/fs/stat?path=/d").body())
        .contains("\"type\":\"directory\"", "\"is_dir\":true")
        .doesNotContain("target");

    HttpResponse<String> list = send("GET", "/v1/fs/list?path=/d");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains(
            "{\"name\":\"f\",\"is_dir\":false,\"type\":\"file\"",
            "{\"name\":\"l\",\"is_dir\":false,\"type\":\"symlink\"")
        .doesNotContain("target");
    assertThat(files.readlinks).as("a listing reads no link").isEqualTo(1);
  }

  @Test
  void symlinkAnswers201WithTheStatAndReadlinkTheTarget() throws Exception {
    HttpResponse<String> made =
        json("POST", "/v1/fs/symlink", "{\"path\":\"/d/up\",\"target\":\"../../x y\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    assertThat(made.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(made.body())
        .contains(
            "\"path\":\"/d/up\"",
            "\"type\":\"symlink\"",
            "\"target\":\"../../x y\"",
            "\"size\":9",
            "\"mode_octal\":\"0777\"");

    HttpResponse<String> read = send("GET", "/v1/fs/readlink?path=/d/up");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("{\"path\":\"/d/up\",\"target\":\"../../x y\"}");

    HttpResponse<String> again =
        json("POST", "/v1/fs/symlink", "{\"path\":\"/d/f\",\"target\":\"elsewhere\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("\"code\":\"already_exists\"");
    HttpResponse<String> noTarget = json("POST", "/v1/fs/symlink", "{\"path\":\"/d/n\"}");
    assertThat(noTarget.statusCode()).isEqualTo(400);
    assertThat(noTarget.body()).contains("missing target");
    assertThat(json("POST", "/v1/fs/symlink", "{\"target\":\"x\"}").statusCode()).isEqualTo(400);

    HttpResponse<String> notALink = send("GET", "/v1/fs/readlink?path=/d/f");
    assertThat(notALink.statusCode()).isEqualTo(400);
    assertThat(notALink.body()).contains("/d/f is not a symbolic link");
    assertThat(send("GET", "/v1/fs/readlink?path=/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void xattrsAreSetAsRawBytesAndShownAsBase64() throws Exception {
    HttpResponse<String> set = put("path=/d/f&name=user.bin", BINARY);
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(set.body()).contains("\"path\":\"/d/f\"", "\"type\":\"file\"");
    assertThat(files.xattrs(DfsPath.of("/d/f")).get("user.bin")).hasValue(BINARY);
    assertThat(put("path=/d/f&name=user.a", "ä".getBytes(StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(200);
    assertThat(put("path=/d/f&name=user.empty", new byte[0]).statusCode()).isEqualTo(200);
    assertThat(files.xattrs(DfsPath.of("/d/f")).get("user.empty")).hasValue(new byte[0]);

    HttpResponse<String> all = send("GET", "/v1/fs/xattrs?path=/d/f");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body())
        .isEqualTo(
            "{\"path\":\"/d/f\",\"xattrs\":{\"user.a\":\"w6Q=\",\"user.bin\":\""
                + b64(BINARY)
                + "\",\"user.empty\":\"\"}}");
    HttpResponse<String> one = send("GET", "/v1/fs/xattrs?path=/d/f&name=user.bin");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body())
        .isEqualTo("{\"path\":\"/d/f\",\"name\":\"user.bin\",\"value\":\"" + b64(BINARY) + "\"}");
    assertThat(send("GET", "/v1/fs/xattrs?path=/d").body())
        .isEqualTo("{\"path\":\"/d\",\"xattrs\":{}}");

    // create: only a new name; replace: only an existing one.
    HttpResponse<String> exists = put("path=/d/f&name=user.a&mode=create", new byte[] {1});
    assertThat(exists.statusCode()).isEqualTo(409);
    assertThat(exists.body()).contains("\"code\":\"already_exists\"");
    HttpResponse<String> absent = put("path=/d/f&name=user.new&mode=replace", new byte[] {1});
    assertThat(absent.statusCode()).isEqualTo(404);
    assertThat(absent.body()).contains("\"code\":\"no_attribute\"");
    assertThat(put("path=/d/f&name=user.a&mode=REPLACE", new byte[] {2}).statusCode())
        .isEqualTo(200);
    assertThat(files.modes)
        .containsExactly(
            XattrMode.EITHER,
            XattrMode.EITHER,
            XattrMode.EITHER,
            XattrMode.CREATE,
            XattrMode.REPLACE,
            XattrMode.REPLACE);

    HttpResponse<String> removed = send("DELETE", "/v1/fs/xattrs?path=/d/f&name=user.a");
    assertThat(removed.statusCode()).isEqualTo(204);
    assertThat(files.xattrs(DfsPath.of("/d/f")).contains("user.a")).isFalse();
    HttpResponse<String> gone = send("GET", "/v1/fs/xattrs?path=/d/f&name=user.a");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body())
        .contains("\"code\":\"no_attribute\"", "/d/f has no extended attribute user.a");
    HttpResponse<String> again = send("DELETE", "/v1/fs/xattrs?path=/d/f&name=user.a");
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).contains("\"code\":\"no_attribute\"");
  }

  @Test
  void badNamesModesAndBodiesAreRefusedBeforeTheMasterIsAsked() throws Exception {
    HttpResponse<String> security = put("path=/d/f&name=security.selinux", new byte[] {1});
    assertThat(security.statusCode()).isEqualTo(501);
    assertThat(security.body())
        .contains("\"code\":\"unsupported\"", "only the user. and trusted. namespaces");
    assertThat(send("GET", "/v1/fs/xattrs?path=/d/f&name=system.posix_acl").statusCode())
        .isEqualTo(501);
    assertThat(send("DELETE", "/v1/fs/xattrs?path=/d/f&name=user.").statusCode()).isEqualTo(501);
    HttpResponse<String> noName = put("path=/d/f", new byte[] {1});
    assertThat(noName.statusCode()).isEqualTo(400);
    assertThat(noName.body()).contains("missing name");
    HttpResponse<String> longName = put("path=/d/f&name=user." + "n".repeat(251), new byte[] {1});
    assertThat(longName.statusCode()).isEqualTo(400);
    assertThat(longName.body()).contains("256 bytes (expected: at most 255)");
    HttpResponse<String> mode = put("path=/d/f&name=user.a&mode=sometimes", new byte[] {1});
    assertThat(mode.statusCode()).isEqualTo(400);
    assertThat(mode.body()).contains("mode : sometimes");
    HttpResponse<String> big = put("path=/d/f&name=user.a", new byte[Xattrs.MAX_VALUE_BYTES + 1]);
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(big.body()).contains("\"code\":\"too_large\"", "at most 65536 bytes");
    assertThat(files.modes).as("nothing reached the master").isEmpty();

    // The largest value is taken; the master's refusals keep their status.
    assertThat(put("path=/d/f&name=user.a", new byte[Xattrs.MAX_VALUE_BYTES]).statusCode())
        .isEqualTo(200);
    HttpResponse<String> trusted = put("path=/d/f&name=trusted.a", new byte[] {1});
    assertThat(trusted.statusCode()).isEqualTo(403);
    assertThat(trusted.body()).contains("\"code\":\"permission_denied\"", "lacks 'admin'");
    assertThat(put("path=/nope&name=user.a", new byte[] {1}).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/v1/fs/xattrs?path=/nope").statusCode()).isEqualTo(404);
  }

  /** A namespace of statuses, links and extended attributes, refusing as the master does. */
  final class Files extends StatusesFileSystem {
    final Map<DfsPath, String> targets = new HashMap<>();
    final Map<DfsPath, TreeMap<String, byte[]>> xattrs = new HashMap<>();
    final List<XattrMode> modes = new ArrayList<>();
    int readlinks;

    FileStatus put(String path, FileType type, long length) {
      return put(DfsPath.of(path), type, length, type == FileType.SYMLINK ? 0777 : 0644);
    }

    FileStatus put(DfsPath p, FileType type, long length, int mode) {
      FileStatus s =
          new FileStatus(
              p,
              type,
              new FileId(statuses.size() + 1),
              length,
              T,
              T,
              1 << 20,
              3,
              0,
              type == FileType.SYMLINK,
              new InodeAttributes(0, 0, mode, T, T));
      statuses.put(p, s);
      return s;
    }

    void link(String path, String target) {
      targets.put(DfsPath.of(path), target);
      put(path, FileType.SYMLINK, target.getBytes(StandardCharsets.UTF_8).length);
    }

    @Override
    public FileStatus symlink(DfsPath path, String target, Ownership ownership) {
      if (statuses.containsKey(path)) {
        throw new DfsException(ErrorCode.ALREADY_EXISTS, path + " already exists");
      }
      link(path.value(), target);
      return stat(path);
    }

    @Override
    public String readlink(DfsPath path) {
      readlinks++;
      if (!stat(path).isSymlink()) {
        throw new DfsException(ErrorCode.INVALID_ARGUMENT, path + " is not a symbolic link");
      }
      return targets.get(path);
    }

    @Override
    public Xattrs xattrs(DfsPath path) {
      stat(path);
      return Xattrs.of(xattrs.getOrDefault(path, new TreeMap<>()));
    }

    @Override
    public FileStatus setXattr(DfsPath path, String name, byte[] value, XattrMode mode) {
      modes.add(mode);
      FileStatus s = stat(path);
      if (name.startsWith("trusted.")) {
        throw new DfsException(ErrorCode.PERMISSION_DENIED, "anonymous lacks 'admin' on " + path);
      }
      TreeMap<String, byte[]> set = xattrs.computeIfAbsent(path, p -> new TreeMap<>());
      if (mode == XattrMode.CREATE && set.containsKey(name)) {
        throw new DfsException(ErrorCode.ALREADY_EXISTS, path + " has " + name + " already");
      }
      if (mode == XattrMode.REPLACE && !set.containsKey(name)) {
        throw new DfsException(ErrorCode.NO_ATTRIBUTE, path + " has no extended attribute " + name);
      }
      set.put(name, value.clone());
      return s;
    }

    @Override
    public FileStatus removeXattr(DfsPath path, String name) {
      FileStatus s = stat(path);
      TreeMap<String, byte[]> set = xattrs.getOrDefault(path, new TreeMap<>());
      if (set.remove(name) == null) {
        throw new DfsException(ErrorCode.NO_ATTRIBUTE, path + " has no extended attribute " + name);
      }
      return s;
    }
  }
}
