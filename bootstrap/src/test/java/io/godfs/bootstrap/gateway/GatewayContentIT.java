package io.godfs.bootstrap.gateway;

import static io.godfs.bootstrap.gateway.GatewayFsIT.assertError;
import static io.godfs.bootstrap.gateway.GatewayHarness.get;
import static io.godfs.bootstrap.gateway.GatewayHarness.json;
import static io.godfs.bootstrap.gateway.GatewayHarness.put;
import static io.godfs.bootstrap.gateway.GatewayHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.client.ClientServices;
import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.in.UploadOptions;
import io.godfs.application.port.in.UploadUseCase;
import io.godfs.bootstrap.gateway.GatewayHarness.Gateway;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** GET/HEAD/PUT /v1/fs/content: streaming, replacement, ranges, validators and preconditions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayContentIT {
  static final int SIZE = 3 * (1 << 20) + 777; // spans 4 chunks of 1 MiB
  GatewayHarness harness;
  Gateway gw;
  Gateway small; // 1 MiB upload limit
  byte[] data;

  @BeforeAll
  void start(@TempDir Path dir) {
    harness = new GatewayHarness(dir, 3, 1 << 20, 3);
    gw = harness.gateway(GatewayHarness.open());
    small = harness.gateway(GatewayHarness.open().withLimits(1 << 20, 1 << 20, 16 * 1024, 100));
    data = new byte[SIZE];
    new Random(7).nextBytes(data);
    assertThat(harness.send(json(gw, "POST", "/v1/fs/mkdir", "{\"path\":\"/c\"}")).statusCode())
        .isEqualTo(204);
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

  HttpResponse<byte[]> bytes(HttpRequest r) {
    return harness.sendBytes(r);
  }

  String putFile(String path, byte[] body) {
    HttpResponse<String> res = send(put(gw, "/v1/fs/content?path=" + path, body));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(204);
    return res.headers().firstValue("ETag").orElseThrow();
  }

  @Test
  void putCreatesAndReplacesWithoutAStaleTailAndGetStreamsItBack() {
    String etag = putFile("/c/file.bin", data);
    HttpResponse<byte[]> got = bytes(get(gw, "/v1/fs/content?path=/c/file.bin"));
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(data);
    assertThat(got.headers().firstValue("Content-Length")).hasValue(String.valueOf(SIZE));
    assertThat(got.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(got.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(got.headers().firstValue("ETag")).hasValue(etag);
    assertThat(got.headers().firstValue("Last-Modified")).isPresent();

    byte[] shorter = "short".getBytes(StandardCharsets.UTF_8);
    String etag2 = putFile("/c/file.bin", shorter);
    assertThat(etag2).isNotEqualTo(etag);
    assertThat(bytes(get(gw, "/v1/fs/content?path=/c/file.bin")).body()).isEqualTo(shorter);

    putFile("/c/empty.bin", new byte[0]);
    HttpResponse<byte[]> empty = bytes(get(gw, "/v1/fs/content?path=/c/empty.bin"));
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.body()).isEmpty();
  }

  @Test
  void aSmallPutIsStoredWholeByTheMasterAndReadsBackWithTheSameETag() {
    byte[] small = Arrays.copyOf(data, 1024);
    String etag = putFile("/c/small.bin", small);

    var status = harness.client.stat(DfsPath.of("/c/small.bin"));
    assertThat(status.inline()).as("kept inline by the master (ADR 0016)").isTrue();
    assertThat(status.chunkCount()).isZero();
    assertThat(send(get(gw, "/v1/fs/stat?path=/c/small.bin")).body()).contains("\"inline\":true");
    HttpResponse<byte[]> got = bytes(get(gw, "/v1/fs/content?path=/c/small.bin"));
    assertThat(got.body()).isEqualTo(small);
    assertThat(got.headers().firstValue("ETag")).hasValue(etag);
    HttpResponse<byte[]> range =
        bytes(
            request(gw, "/v1/fs/content?path=/c/small.bin")
                .header("Range", "bytes=1000-")
                .GET()
                .build());
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(small, 1000, 1024));

    // Replacing a large file with a small one, and back, leaves no stale bytes either way.
    putFile("/c/small.bin", data);
    assertThat(bytes(get(gw, "/v1/fs/content?path=/c/small.bin")).body()).isEqualTo(data);
    putFile("/c/small.bin", "tiny".getBytes(StandardCharsets.UTF_8));
    assertThat(bytes(get(gw, "/v1/fs/content?path=/c/small.bin")).body())
        .isEqualTo("tiny".getBytes(StandardCharsets.UTF_8));
    assertThat(harness.client.list(ReservedPaths.STAGING, null, 100).entries()).isEmpty();
  }

  @Test
  void chunkedPutWorksToo() {
    HttpRequest chunked =
        request(gw, "/v1/fs/content?path=/c/chunked.bin")
            .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data)))
            .build();
    assertThat(send(chunked).statusCode()).isEqualTo(204);
    assertThat(bytes(get(gw, "/v1/fs/content?path=/c/chunked.bin")).body()).isEqualTo(data);
  }

  @Test
  void headSendsTheHeadersOfAGetWithoutTheBody() {
    String etag = putFile("/c/head.bin", data);
    HttpResponse<byte[]> head =
        bytes(
            request(gw, "/v1/fs/content?path=/c/head.bin")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(SIZE));
    assertThat(head.headers().firstValue("ETag")).hasValue(etag);
    assertThat(
            bytes(
                    request(gw, "/v1/fs/content?path=/c/none")
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build())
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void everyRangeForm() {
    putFile("/c/ranges.bin", data);
    String url = "/v1/fs/content?path=/c/ranges.bin";

    HttpResponse<byte[]> single =
        bytes(request(gw, url).header("Range", "bytes=100-199").GET().build());
    assertThat(single.statusCode()).isEqualTo(206);
    assertThat(single.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + SIZE);
    assertThat(single.body()).isEqualTo(Arrays.copyOfRange(data, 100, 200));

    HttpResponse<byte[]> chunkCrossing =
        bytes(request(gw, url).header("Range", "bytes=1048000-1049999").GET().build());
    assertThat(chunkCrossing.body()).isEqualTo(Arrays.copyOfRange(data, 1048000, 1050000));

    HttpResponse<byte[]> suffix =
        bytes(request(gw, url).header("Range", "bytes=-500").GET().build());
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.headers().firstValue("Content-Range"))
        .hasValue("bytes " + (SIZE - 500) + "-" + (SIZE - 1) + "/" + SIZE);
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(data, SIZE - 500, SIZE));

    HttpResponse<byte[]> open =
        bytes(request(gw, url).header("Range", "bytes=" + (SIZE - 10) + "-").GET().build());
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(data, SIZE - 10, SIZE));

    HttpResponse<byte[]> pastEnd =
        bytes(
            request(gw, url)
                .header("Range", "bytes=" + (SIZE - 5) + "-" + (SIZE + 100))
                .GET()
                .build());
    assertThat(pastEnd.headers().firstValue("Content-Range"))
        .hasValue("bytes " + (SIZE - 5) + "-" + (SIZE - 1) + "/" + SIZE);

    HttpResponse<byte[]> multi =
        bytes(request(gw, url).header("Range", "bytes=0-9,-10").GET().build());
    assertThat(multi.statusCode()).isEqualTo(206);
    String type = multi.headers().firstValue("Content-Type").orElseThrow();
    assertThat(type).startsWith("multipart/byteranges; boundary=godfs-");
    String boundary = type.substring(type.indexOf("boundary=") + 9);
    String body = new String(multi.body(), StandardCharsets.ISO_8859_1);
    assertThat(multi.headers().firstValue("Content-Length"))
        .hasValue(String.valueOf(multi.body().length));
    assertThat(body)
        .startsWith("--" + boundary + "\r\n")
        .endsWith("--" + boundary + "--\r\n")
        .contains(
            "Content-Range: bytes 0-9/"
                + SIZE
                + "\r\n\r\n"
                + new String(Arrays.copyOfRange(data, 0, 10), StandardCharsets.ISO_8859_1)
                + "\r\n")
        .contains(
            "Content-Range: bytes "
                + (SIZE - 10)
                + "-"
                + (SIZE - 1)
                + "/"
                + SIZE
                + "\r\n\r\n"
                + new String(Arrays.copyOfRange(data, SIZE - 10, SIZE), StandardCharsets.ISO_8859_1)
                + "\r\n");

    for (String bad :
        new String[] {
          "bytes=" + SIZE + "-",
          "bytes=abc",
          "bytes=5-1",
          "bytes=-0",
          "bytes",
          "bytes=" + "0-1,".repeat(16) + "0-1"
        }) {
      HttpResponse<String> unsatisfiable =
          send(request(gw, url).header("Range", bad).GET().build());
      assertError(unsatisfiable, 416, "range_not_satisfiable", "");
      assertThat(unsatisfiable.headers().firstValue("Content-Range"))
          .as(bad)
          .hasValue("bytes */" + SIZE);
    }
    HttpResponse<byte[]> otherUnit =
        bytes(request(gw, url).header("Range", "items=0-1").GET().build());
    assertThat(otherUnit.statusCode()).isEqualTo(200);
  }

  @Test
  void overlappingRangesCannotMultiplyTheFile() {
    putFile("/c/amplify.bin", data);
    String url = "/v1/fs/content?path=/c/amplify.bin";
    HttpResponse<byte[]> sixteenWholeFiles =
        bytes(request(gw, url).header("Range", "bytes=" + "0-,".repeat(15) + "0-").GET().build());
    assertThat(sixteenWholeFiles.statusCode()).isEqualTo(200);
    assertThat(sixteenWholeFiles.body()).hasSize(SIZE).isEqualTo(data);

    HttpResponse<byte[]> merged =
        bytes(request(gw, url).header("Range", "bytes=20-29,0-9,5-19").GET().build());
    assertThat(merged.statusCode()).isEqualTo(206);
    assertThat(merged.headers().firstValue("Content-Range")).hasValue("bytes 0-29/" + SIZE);
    assertThat(merged.body()).isEqualTo(Arrays.copyOfRange(data, 0, 30));
  }

  @Test
  void conditionalGetsAndIfRange() {
    String etag = putFile("/c/cond.bin", data);
    String url = "/v1/fs/content?path=/c/cond.bin";
    String lastModified = bytes(get(gw, url)).headers().firstValue("Last-Modified").orElseThrow();

    assertThat(bytes(request(gw, url).header("If-None-Match", etag).GET().build()).statusCode())
        .isEqualTo(304);
    assertThat(
            bytes(
                    request(gw, url)
                        .header("If-None-Match", "W/" + etag + ", \"other\"")
                        .GET()
                        .build())
                .statusCode())
        .isEqualTo(304);
    assertThat(
            bytes(request(gw, url).header("If-None-Match", "\"other\"").GET().build()).statusCode())
        .isEqualTo(200);
    assertThat(
            bytes(request(gw, url).header("If-Modified-Since", lastModified).GET().build())
                .statusCode())
        .isEqualTo(304);
    assertThat(
            bytes(
                    request(gw, url)
                        .header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")
                        .GET()
                        .build())
                .statusCode())
        .isEqualTo(200);
    assertThat(bytes(request(gw, url).header("If-Match", etag).GET().build()).statusCode())
        .isEqualTo(200);
    assertError(
        send(request(gw, url).header("If-Match", "\"stale\"").GET().build()),
        412,
        "precondition_failed",
        "");

    HttpResponse<byte[]> rangeHonoured =
        bytes(request(gw, url).header("Range", "bytes=0-3").header("If-Range", etag).GET().build());
    assertThat(rangeHonoured.statusCode()).isEqualTo(206);
    HttpResponse<byte[]> rangeByDate =
        bytes(
            request(gw, url)
                .header("Range", "bytes=0-3")
                .header("If-Range", lastModified)
                .GET()
                .build());
    assertThat(rangeByDate.statusCode()).isEqualTo(206);
    HttpResponse<byte[]> stale =
        bytes(
            request(gw, url)
                .header("Range", "bytes=0-3")
                .header("If-Range", "\"stale\"")
                .GET()
                .build());
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo(data);
  }

  /**
   * Two create-only PUTs of one new path race: both pass the first check (the file is absent), both
   * upload; exactly one wins, the other gets 412 and the winner's bytes stay.
   */
  @Test
  void racingCreateOnlyPutsLeaveExactlyOneWinner() throws Exception {
    CountDownLatch bothStaged = new CountDownLatch(1);
    byte[] first = new byte[256 * 1024];
    byte[] second = new byte[256 * 1024];
    new Random(1).nextBytes(first);
    new Random(2).nextBytes(second);
    int staged = tempFiles();
    // Two threads of our own: the common pool may have one thread on a 2-core machine, and a
    // blocked
    // first PUT would then keep the second from starting.
    ExecutorService senders = Executors.newFixedThreadPool(2);
    var a =
        CompletableFuture.supplyAsync(
            () -> send(createOnly("/c/race.bin", first, bothStaged)), senders);
    var b =
        CompletableFuture.supplyAsync(
            () -> send(createOnly("/c/race.bin", second, bothStaged)), senders);
    senders.shutdown();
    try {
      // A PUT creates its temp file only after its precondition check: two temp files = both
      // checked.
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (tempFiles() < staged + 2) {
        assertThat(System.nanoTime()).as("both PUTs staged within 30 s").isLessThan(end);
        Thread.sleep(20);
      }
    } finally {
      bothStaged.countDown();
    }
    List<HttpResponse<String>> answers =
        List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
    assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(204, 412);
    byte[] stored = bytes(get(gw, "/v1/fs/content?path=/c/race.bin")).body();
    byte[] winner = answers.get(0).statusCode() == 204 ? first : second;
    assertThat(stored).isEqualTo(winner);
  }

  /**
   * A conditional PUT's last check approves the target, then, before the gateway's rename, another
   * client renames a different file over it (an SDK rename does not wait for the gateway's lease).
   * The gateway renames only over the file its check approved, so it is refused and the other
   * client's file stays; the staged upload is discarded.
   */
  @Test
  void aConditionalPutNeverReplacesAFileAnotherClientRenamedInAfterItsCheck() throws Exception {
    DfsPath target = DfsPath.of("/c/cas.bin");
    DfsPath other = DfsPath.of("/c/cas-other.bin");
    writeWithSdk(target, "approved".getBytes(StandardCharsets.UTF_8));
    writeWithSdk(other, "intruder".getBytes(StandardCharsets.UTF_8));
    int staged = tempFiles();
    UploadUseCase uploads = // as the gateway's
        ClientServices.uploads(harness.client, ReservedPaths.STAGING, new SecureRandom());
    AtomicInteger checks = new AtomicInteger();

    var refused =
        Assertions.catchThrowableOfType(
            DfsException.class,
            () ->
                uploads.upload(
                    target,
                    new ByteArrayInputStream("mine".getBytes(StandardCharsets.UTF_8)),
                    UploadOptions.replace(true)
                        .withSizeHint(4)
                        .withMaxBytes(1 << 20)
                        .withCheck(
                            approved -> {
                              if (checks.incrementAndGet()
                                  == 2) { // the last check, right before the rename
                                harness.client.rename(
                                    other, target,
                                    true); // the racing client, right after the check
                              }
                            })));

    assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(
            new String(
                bytes(get(gw, "/v1/fs/content?path=/c/cas.bin")).body(), StandardCharsets.UTF_8))
        .isEqualTo("intruder");
    assertThat(tempFiles()).isEqualTo(staged);
  }

  private void writeWithSdk(DfsPath path, byte[] content) throws IOException {
    try (var out = harness.client.create(path, true)) {
      out.write(content);
    }
  }

  private int tempFiles() {
    try {
      return harness.client.list(DfsPath.of("/.godfs/tmp"), null, 1000).entries().size();
    } catch (DfsException e) {
      return 0; // no PUT made the folder yet
    }
  }

  /** A create-only PUT whose body stops after 64 KiB until {@code go} opens. */
  private HttpRequest createOnly(String path, byte[] body, CountDownLatch go) {
    return request(gw, "/v1/fs/content?path=" + path)
        .header("If-None-Match", "*")
        .PUT(
            HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(
                    () ->
                        new InputStream() {
                          int pos;

                          @Override
                          public int read() {
                            throw new UnsupportedOperationException("read(byte[], int, int) only");
                          }

                          @Override
                          public int read(byte[] buf, int off, int len) {
                            if (pos >= body.length) {
                              return -1;
                            }
                            if (pos >= 64 * 1024) {
                              try {
                                if (!go.await(60, TimeUnit.SECONDS)) {
                                  throw new IllegalStateException("never released");
                                }
                              } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                              }
                            }
                            int n =
                                Math.min(
                                    len,
                                    Math.min(
                                        body.length - pos,
                                        pos < 64 * 1024 ? 64 * 1024 - pos : body.length));
                            System.arraycopy(body, pos, buf, off, n);
                            pos += n;
                            return n;
                          }
                        }),
                body.length))
        .build();
  }

  @Test
  void conditionalOverwriteWithIfMatchAndCreateOnlyWithIfNoneMatch() {
    String etag = putFile("/c/cas.bin", "v1".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> stale =
        send(
            request(gw, "/v1/fs/content?path=/c/cas.bin")
                .header("If-Match", "\"stale\"")
                .PUT(HttpRequest.BodyPublishers.ofString("v2"))
                .build());
    assertError(stale, 412, "precondition_failed", etag.replace("\"", ""));
    assertThat(bytes(get(gw, "/v1/fs/content?path=/c/cas.bin")).body())
        .isEqualTo("v1".getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> ok =
        send(
            request(gw, "/v1/fs/content?path=/c/cas.bin")
                .header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString("v2"))
                .build());
    assertThat(ok.statusCode()).isEqualTo(204);
    assertThat(bytes(get(gw, "/v1/fs/content?path=/c/cas.bin")).body())
        .isEqualTo("v2".getBytes(StandardCharsets.UTF_8));

    assertError(
        send(
            request(gw, "/v1/fs/content?path=/c/cas.bin")
                .header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("v3"))
                .build()),
        412,
        "precondition_failed",
        "");
    assertThat(
            send(request(gw, "/v1/fs/content?path=/c/new-only.bin")
                    .header("If-None-Match", "*")
                    .PUT(HttpRequest.BodyPublishers.ofString("v1"))
                    .build())
                .statusCode())
        .isEqualTo(204);
    assertError(
        send(
            request(gw, "/v1/fs/content?path=/c/absent.bin")
                .header("If-Match", "\"x\"")
                .PUT(HttpRequest.BodyPublishers.ofString("v1"))
                .build()),
        412,
        "precondition_failed",
        "does not exist");
  }

  @Test
  void aRefusedOrOversizedPutLeavesTheOldContentIntact() {
    byte[] old = "old content".getBytes(StandardCharsets.UTF_8);
    assertThat(send(put(small, "/v1/fs/content?path=/c/keep.bin", old)).statusCode())
        .isEqualTo(204);
    byte[] big = new byte[(1 << 20) + 1];
    assertError(
        send(put(small, "/v1/fs/content?path=/c/keep.bin", big)), 413, "too_large", "limit");
    HttpRequest chunkedBig =
        request(small, "/v1/fs/content?path=/c/keep.bin")
            .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();
    assertError(send(chunkedBig), 413, "too_large", "limit");
    assertThat(bytes(get(gw, "/v1/fs/content?path=/c/keep.bin")).body()).isEqualTo(old);
    assertThat(harness.client.list(ReservedPaths.STAGING, null, 100).entries()).isEmpty();
  }

  @Test
  void contentErrors() {
    assertError(send(get(gw, "/v1/fs/content?path=/c/missing")), 404, "not_found", "/c/missing");
    assertError(send(get(gw, "/v1/fs/content?path=/c")), 409, "is_a_directory", "/c");
    assertError(
        send(put(gw, "/v1/fs/content?path=/nodir/x", new byte[1])), 404, "not_found", "/nodir");
    assertError(send(put(gw, "/v1/fs/content?path=/c", new byte[1])), 409, "is_a_directory", "/c");
    assertError(send(get(gw, "/v1/fs/content")), 400, "invalid_argument", "path");
  }
}
