package io.godfs.adapters.rest.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.adapters.rest.RestGateway;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/fs/stat}, {@code /v1/fs/list} and {@code PATCH /v1/fs/attributes} over real HTTP
 * against a file system double: the attributes in the JSON, a change answered with the new stat,
 * each refusal as its status and a JSON error naming what was wrong.
 */
class AttributesHttpServiceTest {
  static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
  static final Instant NOW = Instant.parse("2026-06-07T08:09:10.111222333Z");

  final Files files = new Files();
  final List<AttributeChange> changes = new ArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();
  RestGateway gateway;

  @BeforeEach
  void start() {
    files.put("/d", FileType.DIRECTORY, new InodeAttributes(1000, 100, 02775, T, T));
    files.put("/d/f.txt", FileType.FILE, new InodeAttributes(1000, 100, 0640, T, T));
    files.put("/snap/.snapshot/s1/f", FileType.FILE, new InodeAttributes(0, 0, 0644, T, T));
    files.put("/locked", FileType.FILE, new InodeAttributes(0, 0, 0600, T, T));
    gateway =
        RestGateway.start(
            files, null, null, GatewaySettings.defaults("127.0.0.1", 0), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void statAndListShowTheAttributes() throws Exception {
    HttpResponse<String> stat = send("GET", "/v1/fs/stat?path=/d/f.txt", null);
    assertThat(stat.statusCode()).isEqualTo(200);
    assertThat(stat.body())
        .contains(
            "\"mode\":416",
            "\"owner\":1000",
            "\"group\":100",
            "\"mode_octal\":\"0640\"",
            "\"permissions\":\"rw-r-----\"",
            "\"accessed_at\":\"2026-01-02T03:04:05.000000000Z\"",
            "\"changed_at\":\"2026-01-02T03:04:05.000000000Z\"",
            "\"created_at\":\"2026-01-02T03:04:05.000000000Z\"",
            "\"modified_at\":\"2026-01-02T03:04:05.000000000Z\"",
            "\"modified_at_unix\":1767323045");

    HttpResponse<String> list = send("GET", "/v1/fs/list?path=/d", null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains("\"name\":\"f.txt\"", "\"mode_octal\":\"0640\"", "\"permissions\":\"rw-r-----\"");
  }

  @Test
  void patchChangesWhatItNamesAndAnswersTheNewStat() throws Exception {
    HttpResponse<String> patched =
        send(
            "PATCH",
            "/v1/fs/attributes?path=/d/f.txt",
            "{\"mode\":\"4750\",\"owner\":0,\"group\":7,"
                + "\"accessed\":\"1969-07-20T20:17:40.000000001Z\",\"modified\":\"now\"}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(patched.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(patched.body())
        .contains(
            "\"path\":\"/d/f.txt\"",
            "\"mode\":2536",
            "\"mode_octal\":\"4750\"",
            "\"permissions\":\"rwsr-x---\"",
            "\"owner\":0",
            "\"group\":7",
            "\"accessed_at\":\"1969-07-20T20:17:40.000000001Z\"",
            "\"modified_at\":\"2026-06-07T08:09:10.111222333Z\"",
            "\"changed_at\":\"2026-06-07T08:09:10.111222333Z\"");
    assertThat(changes)
        .containsExactly(
            new AttributeChange(
                OptionalInt.of(0),
                OptionalInt.of(7),
                OptionalInt.of(04750),
                new AttributeChange.At(Instant.parse("1969-07-20T20:17:40.000000001Z")),
                AttributeChange.TimeChange.NOW));

    // POST does the same for clients without PATCH; a mode may be its integer value.
    HttpResponse<String> posted = send("POST", "/v1/fs/attributes?path=/d", "{\"mode\":488}");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(posted.body()).contains("\"is_dir\":true", "\"mode_octal\":\"0750\"");
    assertThat(send("GET", "/v1/fs/stat?path=/d", null).body()).contains("\"mode\":488");

    // An empty object changes nothing and answers the stat.
    HttpResponse<String> none = send("PATCH", "/v1/fs/attributes?path=/d", "{}");
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.body()).contains("\"mode_octal\":\"0750\"");
    assertThat(changes).hasSize(2);
  }

  @Test
  void badInputIs400NamingTheField() throws Exception {
    HttpResponse<String> unknown =
        send("PATCH", "/v1/fs/attributes?path=/d/f.txt", "{\"mode\":\"0644\",\"uid\":5}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body())
        .contains("\"code\":\"invalid_argument\"", "unknown field \\\"uid\\\"", "\"request_id\"");
    HttpResponse<String> mode =
        send("PATCH", "/v1/fs/attributes?path=/d/f.txt", "{\"mode\":\"0899\"}");
    assertThat(mode.statusCode()).isEqualTo(400);
    assertThat(mode.body()).contains("mode : \\\"0899\\\"");
    HttpResponse<String> time =
        send("PATCH", "/v1/fs/attributes?path=/d/f.txt", "{\"accessed\":\"last week\"}");
    assertThat(time.statusCode()).isEqualTo(400);
    assertThat(time.body()).contains("accessed : \\\"last week\\\"");
    assertThat(send("PATCH", "/v1/fs/attributes?path=/d/f.txt", "{\"mode\":").statusCode())
        .isEqualTo(400);
    assertThat(send("PATCH", "/v1/fs/attributes?path=/d/f.txt", "").statusCode()).isEqualTo(400);
    HttpResponse<String> noPath = send("PATCH", "/v1/fs/attributes", "{\"mode\":\"0644\"}");
    assertThat(noPath.statusCode()).isEqualTo(400);
    assertThat(noPath.body()).contains("missing path");
    assertThat(changes).isEmpty();
  }

  @Test
  void refusalsOfTheMasterKeepTheirStatus() throws Exception {
    HttpResponse<String> missing =
        send("PATCH", "/v1/fs/attributes?path=/nope", "{\"mode\":\"0644\"}");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("\"code\":\"not_found\"", "/nope does not exist");

    HttpResponse<String> snapshot =
        send("PATCH", "/v1/fs/attributes?path=/snap/.snapshot/s1/f", "{\"mode\":\"0600\"}");
    assertThat(snapshot.statusCode()).isEqualTo(403);
    assertThat(snapshot.body()).contains("\"code\":\"read_only\"", "snapshots are read-only");

    HttpResponse<String> denied = send("PATCH", "/v1/fs/attributes?path=/locked", "{\"owner\":5}");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("\"code\":\"permission_denied\"", "lacks 'write'");
  }

  /** A namespace of statuses that applies attribute changes as the master does. */
  final class Files extends StatusesFileSystem {

    void put(String path, FileType type, InodeAttributes attributes) {
      DfsPath p = DfsPath.of(path);
      statuses.put(
          p,
          new FileStatus(
              p,
              type,
              new FileId(statuses.size() + 1),
              type == FileType.FILE ? 10 : 0,
              T,
              T,
              1 << 20,
              3,
              type == FileType.FILE ? 1 : 0,
              false,
              attributes));
    }

    @Override
    public FileStatus setAttributes(DfsPath path, AttributeChange change) {
      if (path.segments().contains(".snapshot")) {
        throw new DfsException(
            ErrorCode.READ_ONLY, path + " is in a snapshot, and snapshots are read-only");
      }
      if (path.equals(DfsPath.of("/locked"))) {
        throw new DfsException(ErrorCode.PERMISSION_DENIED, "anonymous lacks 'write' on /locked");
      }
      FileStatus s = stat(path);
      changes.add(change);
      InodeAttributes a = s.attributes();
      Instant accessed = change.accessed().resolve(NOW);
      Instant modified = change.modified().resolve(NOW);
      FileStatus changed =
          new FileStatus(
              path,
              s.type(),
              s.fileId(),
              s.length(),
              s.creationTime(),
              modified == null ? s.modificationTime() : modified,
              s.chunkSize(),
              s.replication(),
              s.chunkCount(),
              s.inline(),
              new InodeAttributes(
                  change.owner().orElse(a.owner()),
                  change.group().orElse(a.group()),
                  change.mode().orElse(a.mode()),
                  accessed == null ? a.accessed() : accessed,
                  NOW));
      statuses.put(path, changed);
      return changed;
    }
  }
}
