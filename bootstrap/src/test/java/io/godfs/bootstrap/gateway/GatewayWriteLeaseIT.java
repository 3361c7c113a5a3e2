package io.godfs.bootstrap.gateway;

import static io.godfs.bootstrap.gateway.GatewayFsIT.assertError;
import static io.godfs.bootstrap.gateway.GatewayHarness.get;
import static io.godfs.bootstrap.gateway.GatewayHarness.json;
import static io.godfs.bootstrap.gateway.GatewayHarness.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.bootstrap.gateway.GatewayHarness.Gateway;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against single-writer leases: a file another SDK client has open for writing is
 * neither replaced (PUT, multipart complete, file overwrite) nor truncated (409 {@code busy}), the
 * refused upload leaves no temp file, and the gateway itself never keeps a lease after a request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayWriteLeaseIT {
  GatewayHarness harness;
  Gateway gw;
  GodfsClient writer;

  @BeforeAll
  void start(@TempDir Path dir) {
    harness = new GatewayHarness(dir, 3, 1 << 20, 3);
    gw = harness.gateway(GatewayHarness.open());
    writer = harness.newClient(); // another client than the gateway's
    assertThat(harness.send(json(gw, "POST", "/v1/fs/mkdir", "{\"path\":\"/lease\"}")).statusCode())
        .isEqualTo(204);
  }

  @AfterAll
  void stop() {
    try {
      if (writer != null) {
        writer.close();
      }
    } finally {
      if (harness != null) {
        harness.close();
      }
    }
  }

  @Test
  void aFileAnotherClientIsWritingIsNeitherReplacedNorTruncated() throws Exception {
    DfsPath path = DfsPath.of("/lease/log");
    byte[] synced = "synced by the writer".getBytes(StandardCharsets.UTF_8);
    int tempFilesBefore = tempFiles();
    try (DfsOutput out = writer.create(path, false)) {
      out.write(synced);
      out.sync();

      assertError(
          harness.send(
              put(
                  gw,
                  "/v1/fs/content?path=/lease/log",
                  "replacement".getBytes(StandardCharsets.UTF_8))),
          409,
          "busy",
          "/lease/log is being written by another client");
      assertError(
          harness.send(json(gw, "POST", "/v1/fs/truncate", "{\"path\":\"/lease/log\",\"size\":0}")),
          409,
          "busy",
          "/lease/log is being written by another client");
      assertError(
          harness.send(
              json(gw, "POST", "/v1/fs/file", "{\"path\":\"/lease/log\",\"overwrite\":true}")),
          409,
          "busy",
          "being written");
      String upload =
          uploadId(harness.send(json(gw, "POST", "/v1/fs/multipart", "{\"path\":\"/lease/log\"}")));
      assertThat(
              harness
                  .send(
                      put(
                          gw,
                          "/v1/fs/multipart/" + upload + "?partNumber=1",
                          "part".getBytes(StandardCharsets.UTF_8)))
                  .statusCode())
          .isEqualTo(204);
      assertError(
          harness.send(
              json(
                  gw,
                  "POST",
                  "/v1/fs/multipart/" + upload + "/complete?overwrite=true",
                  "{\"parts\":[{\"part_number\":1}]}")),
          409,
          "busy",
          "being written");

      // Reads are not writes: the synced bytes are served while the writer goes on.
      HttpResponse<byte[]> read = harness.sendBytes(get(gw, "/v1/fs/content?path=/lease/log"));
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body()).isEqualTo(synced);
      assertThat(tempFiles()).as("refused uploads leave no temp file").isEqualTo(tempFilesBefore);

      out.write('!'); // the writer was not disturbed: it still holds the same file
    }
    assertThat(writer.stat(path).length()).isEqualTo(synced.length + 1);

    // Once the writer closed, the same PUT replaces the file.
    byte[] replacement = "replacement".getBytes(StandardCharsets.UTF_8);
    assertThat(harness.send(put(gw, "/v1/fs/content?path=/lease/log", replacement)).statusCode())
        .isEqualTo(204);
    assertThat(harness.sendBytes(get(gw, "/v1/fs/content?path=/lease/log")).body())
        .isEqualTo(replacement);
  }

  @Test
  void theGatewayHoldsNoLeaseAfterAPutOrATruncate() throws Exception {
    DfsPath path = DfsPath.of("/lease/free");
    assertThat(
            harness
                .send(
                    put(
                        gw,
                        "/v1/fs/content?path=/lease/free",
                        "first".getBytes(StandardCharsets.UTF_8)))
                .statusCode())
        .isEqualTo(204);
    assertThat(
            harness
                .send(
                    put(
                        gw,
                        "/v1/fs/content?path=/lease/free",
                        "second!".getBytes(StandardCharsets.UTF_8)))
                .statusCode())
        .isEqualTo(204); // replaces an existing file: the gateway held its lease for the rename
    assertThat(
            harness
                .send(json(gw, "POST", "/v1/fs/truncate", "{\"path\":\"/lease/free\",\"size\":6}"))
                .statusCode())
        .isEqualTo(204);

    // Another client may write the file right away: no lease of the gateway's is left on it.
    try (DfsOutput out = writer.openForWriteAt(path, 6)) {
      out.write('?');
    }
    FileStatus after = writer.truncate(path, 3);
    assertThat(after.length()).isEqualTo(3);
    assertThat(harness.sendBytes(get(gw, "/v1/fs/content?path=/lease/free")).body())
        .isEqualTo("sec".getBytes(StandardCharsets.UTF_8));
  }

  private int tempFiles() {
    DfsPath tmp = DfsPath.of("/.godfs/tmp");
    try {
      return harness.client.list(tmp, null, 0).entries().size();
    } catch (DfsException e) {
      return 0; // no PUT made the folder yet
    }
  }

  private static String uploadId(HttpResponse<String> res) {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    Matcher m = Pattern.compile("\"upload_id\":\"([0-9a-f]{32})\"").matcher(res.body());
    assertThat(m.find()).as(res.body()).isTrue();
    return m.group(1);
  }
}
