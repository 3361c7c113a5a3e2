package io.godfs.bootstrap.gateway;

import static io.godfs.bootstrap.gateway.GatewayHarness.enc;
import static io.godfs.bootstrap.gateway.GatewayHarness.get;
import static io.godfs.bootstrap.gateway.GatewayHarness.json;
import static io.godfs.bootstrap.gateway.GatewayHarness.put;
import static io.godfs.bootstrap.gateway.GatewayHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.gateway.GatewayHarness.Gateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The namespace endpoints of /v1/fs over real HTTP against a real cluster: success and error cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayFsIT {
  GatewayHarness harness;
  Gateway gw;

  @BeforeAll
  void start(@TempDir Path dir) {
    harness = new GatewayHarness(dir, 3, 1 << 20, 3);
    gw = harness.gateway(GatewayHarness.open());
  }

  @AfterAll
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  HttpResponse<String> send(HttpRequest r) {
    return harness.send(r);
  }

  @Test
  void healthAndOpenApiAnswerWithoutTheMaster() {
    HttpResponse<String> health = send(get(gw, "/v1/health"));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(health.headers().firstValue("X-Request-ID"))
        .hasValueSatisfying(id -> assertThat(id).hasSize(16));

    HttpResponse<String> api = send(get(gw, "/v1/openapi"));
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.headers().firstValue("Content-Type")).hasValue("application/yaml");
    assertThat(api.body())
        .contains(
            "openapi: 3.1",
            "/v1/fs/content",
            "/v1/fs/multipart/{uploadId}/complete",
            "/v1/presign");
  }

  @Test
  void mkdirStatListRenameDelete() {
    assertThat(
            send(json(gw, "POST", "/v1/fs/mkdir", "{\"path\":\"/fs/a/b\",\"parents\":true}"))
                .statusCode())
        .isEqualTo(204);
    assertThat(send(json(gw, "POST", "/v1/fs/file", "{\"path\":\"/fs/a/empty.txt\"}")).statusCode())
        .isEqualTo(204);

    HttpResponse<String> stat = send(get(gw, "/v1/fs/stat?path=/fs/a/empty.txt"));
    assertThat(stat.statusCode()).isEqualTo(200);
    assertThat(stat.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(stat.body())
        .contains(
            "\"path\":\"/fs/a/empty.txt\"",
            "\"is_dir\":false",
            "\"size\":0",
            "\"mode\":420",
            "\"modified_at_unix\":",
            "\"created_at_unix\":",
            "\"etag\":\"\\\"");
    assertThat(send(get(gw, "/v1/fs/stat?path=/fs/a/b")).body())
        .contains("\"is_dir\":true", "\"mode\":493");

    assertThat(
            send(json(
                    gw,
                    "POST",
                    "/v1/fs/rename",
                    "{\"old_path\":\"/fs/a/empty.txt\",\"new_path\":\"/fs/moved\"}"))
                .statusCode())
        .isEqualTo(204);
    assertThat(send(get(gw, "/v1/fs/stat?path=/fs/moved")).statusCode()).isEqualTo(200);
    assertThat(send(get(gw, "/v1/fs/stat?path=/fs/a/empty.txt")).statusCode()).isEqualTo(404);

    assertThat(send(request(gw, "/v1/fs?path=/fs/a").DELETE().build()).statusCode())
        .isEqualTo(409); // not empty
    assertThat(send(request(gw, "/v1/fs?path=/fs/a&recursive=true").DELETE().build()).statusCode())
        .isEqualTo(204);
    assertThat(send(get(gw, "/v1/fs/stat?path=/fs/a/b")).statusCode()).isEqualTo(404);
  }

  @Test
  void namespaceErrorsHaveTheirStatusCodeAndRequestId() {
    send(json(gw, "POST", "/v1/fs/mkdir", "{\"path\":\"/err\"}"));
    assertError(
        send(json(gw, "POST", "/v1/fs/mkdir", "{\"path\":\"/err\"}")),
        409,
        "already_exists",
        "/err");
    assertError(
        send(json(gw, "POST", "/v1/fs/mkdir", "{\"path\":\"/nope/x\"}")),
        404,
        "not_found",
        "/nope");
    assertError(send(get(gw, "/v1/fs/stat?path=/err/missing")), 404, "not_found", "/err/missing");
    send(json(gw, "POST", "/v1/fs/file", "{\"path\":\"/err/f\"}"));
    assertError(
        send(json(gw, "POST", "/v1/fs/file", "{\"path\":\"/err/f\"}")),
        409,
        "already_exists",
        "/err/f");
    assertThat(
            send(json(gw, "POST", "/v1/fs/file", "{\"path\":\"/err/f\",\"overwrite\":true}"))
                .statusCode())
        .isEqualTo(204);
    assertError(
        send(
            json(gw, "POST", "/v1/fs/rename", "{\"old_path\":\"/err\",\"new_path\":\"/err/f/x\"}")),
        400,
        "invalid_argument",
        "subtree");
    assertError(
        send(request(gw, "/v1/fs?path=/err/none").DELETE().build()), 404, "not_found", "/err/none");
    assertError(send(request(gw, "/v1/fs?path=/").DELETE().build()), 400, "invalid_argument", "/");

    HttpResponse<String> withId =
        send(
            request(gw, "/v1/fs/stat?path=/missing")
                .header("X-Request-ID", "trace-42")
                .GET()
                .build());
    assertThat(withId.headers().firstValue("X-Request-ID")).hasValue("trace-42");
    assertThat(withId.body()).contains("\"request_id\":\"trace-42\"");
  }

  @Test
  void listIsSortedAndPagedWithAContinuationToken() {
    send(json(gw, "POST", "/v1/fs/mkdir", "{\"path\":\"/paged\"}"));
    List<String> names = List.of("e", "a", "d", "b", "c");
    for (String n : names) {
      assertThat(
              send(json(gw, "POST", "/v1/fs/file", "{\"path\":\"/paged/" + n + "\"}")).statusCode())
          .isEqualTo(204);
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      HttpResponse<String> page =
          send(
              get(
                  gw,
                  "/v1/fs/list?path=/paged&limit=2"
                      + (token == null ? "" : "&page_token=" + enc(token))));
      assertThat(page.statusCode()).isEqualTo(200);
      Matcher m = Pattern.compile("\"name\":\"([a-z])\"").matcher(page.body());
      while (m.find()) {
        seen.add(m.group(1));
      }
      Matcher t = Pattern.compile("\"next_page_token\":\"([^\"]+)\"").matcher(page.body());
      token = t.find() ? t.group(1) : null;
      pages++;
    } while (token != null);
    assertThat(seen).containsExactly("a", "b", "c", "d", "e");
    assertThat(pages).isEqualTo(3);

    assertError(send(get(gw, "/v1/fs/list?path=/paged&limit=0")), 400, "invalid_argument", "limit");
    assertError(
        send(get(gw, "/v1/fs/list?path=/paged&page_token=%25%25")),
        400,
        "invalid_argument",
        "page_token");
  }

  @Test
  void theGatewaysOwnFolderIsHiddenAndReserved() {
    send(json(gw, "POST", "/v1/fs/mkdir", "{\"path\":\"/hidden-check\"}"));
    assertThat(
            send(put(
                    gw,
                    "/v1/fs/content?path=/hidden-check/f",
                    "x".getBytes(StandardCharsets.UTF_8)))
                .statusCode())
        .isEqualTo(204); // creates /.godfs/tmp
    assertThat(send(get(gw, "/v1/fs/list?path=/")).body()).doesNotContain(".godfs");
    assertError(send(get(gw, "/v1/fs/list?path=/.godfs")), 400, "invalid_argument", "reserved");
    assertError(
        send(request(gw, "/v1/fs?path=/.godfs&recursive=1").DELETE().build()),
        400,
        "invalid_argument",
        "reserved");
  }

  @Test
  void snapshotRoutesAnswerAndUnknownRoutesAreJson404() {
    HttpResponse<String> none = send(get(gw, "/v1/snapshots"));
    assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
    assertThat(none.body()).isEqualTo("{\"snapshots\":[]}");
    assertError(send(get(gw, "/v1/snapshots/abc")), 404, "not_found", "no snapshot abc");
    assertError(send(get(gw, "/v1/snapshots/12345")), 404, "not_found", "snapshot 12345");
    assertError(send(get(gw, "/v1/nothing-here")), 404, "not_found", "/v1/nothing-here");
  }

  @Test
  void aWrongJsonBodyIsExplainedInTheCallersTermsWithoutJavaTypes() {
    record Case(String path, String body, String message) {}
    List<Case> cases =
        List.of(
            new Case(
                "/v1/fs/mkdir",
                "{\"path\":\"/j\",\"parents\":\"yes\"}",
                "parents : \\\"yes\\\" (expected: true or false)"),
            new Case(
                "/v1/fs/mkdir", "{\"path\":{\"a\":1}}", "path : an object (expected: a string)"),
            new Case("/v1/fs/mkdir", "[1,2]", "the body : an array (expected: a JSON object)"),
            new Case("/v1/fs/mkdir", "\"/j\"", "the body : \\\"/j\\\" (expected: a JSON object)"),
            new Case(
                "/v1/fs/truncate",
                "{\"path\":\"/j\",\"size\":\"big\"}",
                "size : \\\"big\\\" (expected: an integer)"),
            new Case(
                "/v1/fs/truncate",
                "{\"path\":\"/j\",\"size\":1.5}",
                "size : 1.5 (expected: an integer)"),
            new Case(
                "/v1/fs/rename",
                "{\"old_path\":\"/a\",\"new_path\":\"/b\",\"overwrite\":2}",
                "overwrite : 2 (expected: true or false)"),
            new Case(
                "/v1/fs/multipart/" + "0".repeat(32) + "/complete",
                "{\"parts\":\"x\"}",
                "parts : \\\"x\\\" (expected: an array)"),
            new Case(
                "/v1/fs/multipart/" + "0".repeat(32) + "/complete",
                "{\"parts\":[{\"part_number\":\"one\"}]}",
                "parts[0].part_number : \\\"one\\\" (expected: an integer)"),
            new Case("/v1/fs/mkdir", "{\"path\":", "invalid json at line 1, column"));
    for (Case c : cases) {
      HttpResponse<String> res = send(json(gw, "POST", c.path(), c.body()));
      assertError(res, 400, "invalid_argument", c.message());
      assertThat(res.body())
          .as(c.body())
          .doesNotContain("java.")
          .doesNotContain("io.godfs")
          .doesNotContain("`")
          .doesNotContain("Source:")
          .doesNotContain("PathRequest");
    }
  }

  static void assertError(HttpResponse<String> res, int status, String code, String messagePart) {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(res.body())
        .contains("\"code\":\"" + code + "\"", "\"request_id\":\"")
        .contains(messagePart)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }
}
