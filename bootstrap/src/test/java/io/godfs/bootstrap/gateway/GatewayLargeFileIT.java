package io.godfs.bootstrap.gateway;

import static io.godfs.bootstrap.gateway.GatewayHarness.get;
import static io.godfs.bootstrap.gateway.GatewayHarness.json;
import static io.godfs.bootstrap.gateway.GatewayHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.gateway.GatewayHarness.Gateway;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB file PUT and GET through the gateway, streamed both ways and compared byte for byte,
 * while the live heap (sampled by full GCs) stays far below the file's size.
 */
class GatewayLargeFileIT {
  static final long SIZE = 1L << 30;
  static final long HEAP_BOUND = 128L << 20;

  @Test
  void aGibibyteStreamsThroughWithBoundedHeap(@TempDir Path dir) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(dir, 3, 64L << 20, 3)) {
      Gateway gw = harness.gateway(GatewayHarness.open());
      assertThat(harness.send(json(gw, "POST", "/v1/fs/mkdir", "{\"path\":\"/big\"}")).statusCode())
          .isEqualTo(204);
      try (HeapWatch heap = new HeapWatch(500)) {
        HttpRequest put =
            request(gw, "/v1/fs/content?path=/big/file.bin")
                .timeout(Duration.ofMinutes(5))
                .PUT(
                    HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(SIZE)),
                        SIZE))
                .build();
        HttpResponse<String> stored = harness.send(put);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(204);

        HttpResponse<InputStream> got =
            harness.http.send(
                request(gw, "/v1/fs/content?path=/big/file.bin")
                    .timeout(Duration.ofMinutes(5))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Length")).hasValue(String.valueOf(SIZE));
        try (InputStream in = got.body()) {
          assertThat(PatternStream.firstMismatch(in, SIZE)).isEqualTo(-1);
        }
        assertThat(heap.samples()).isGreaterThan(4);
        assertThat(heap.maxLive() - heap.baseline())
            .as("live heap growth while moving 1 GiB (baseline %d MiB)", heap.baseline() >> 20)
            .isLessThan(HEAP_BOUND);
        System.getLogger("gateway-it")
            .log(
                System.Logger.Level.INFO,
                "1 GiB through the gateway: live heap max "
                    + (heap.maxLive() >> 20)
                    + " MiB, baseline "
                    + (heap.baseline() >> 20)
                    + " MiB, "
                    + heap.samples()
                    + " samples");
      }
      HttpResponse<byte[]> tail =
          harness.sendBytes(
              request(gw, "/v1/fs/content?path=/big/file.bin")
                  .header("Range", "bytes=-16")
                  .GET()
                  .build());
      assertThat(tail.statusCode()).isEqualTo(206);
      for (int i = 0; i < 16; i++) {
        assertThat(tail.body()[i]).isEqualTo(PatternStream.at(SIZE - 16 + i));
      }
      assertThat(harness.send(get(gw, "/v1/fs/stat?path=/big/file.bin")).body())
          .contains("\"size\":" + SIZE);
    }
  }

  /** Deterministic bytes generated on the fly: byte i is a pure function of i. */
  static final class PatternStream extends InputStream {
    private final long length;
    private long pos;

    PatternStream(long length) {
      this.length = length;
    }

    static byte at(long i) {
      long z = (i >>> 3) * 0x9E3779B97F4A7C15L;
      z = (z ^ (z >>> 29)) * 0xBF58476D1CE4E5B9L;
      return (byte) (z >>> ((i & 7) * 8));
    }

    @Override
    public int read() {
      return pos < length ? at(pos++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - pos);
      for (int k = 0; k < n; k++) {
        b[off + k] = at(pos + k);
      }
      pos += n;
      return n;
    }

    static long firstMismatch(InputStream in, long expected) throws IOException {
      byte[] buf = new byte[1 << 20];
      long pos = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int k = 0; k < n; k++) {
          if (pos + k >= expected || buf[k] != at(pos + k)) {
            return pos + k;
          }
        }
        pos += n;
      }
      return pos == expected ? -1 : pos;
    }
  }
}
