package io.godfs.bootstrap.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.e2e.ReplicaFiles;
import io.godfs.bootstrap.gateway.GatewayHarness.Gateway;
import io.godfs.domain.file.DfsPath;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /v1/fs/content of a file with a chunk corrupt on every replica: the client gets an error,
 * never bytes of that chunk. Before the status line is sent that is a 5xx JSON error; once a 200
 * and its Content-Length went out, the gateway cuts the connection, so the client sees a body
 * shorter than announced (an HTTP client reports it as an error) instead of a complete wrong one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayCorruptContentIT {
  static final int CHUNK = 1 << 20;
  static final int SIZE = 3 * CHUNK + 4321; // 4 chunks
  static final int FLIPPED = 500_000; // offset in the chunk of the byte flipped on every replica
  Path dir;
  GatewayHarness harness;
  Gateway gw;
  byte[] data;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    this.dir = dir;
    harness = new GatewayHarness(dir, 3, CHUNK, 3);
    gw = harness.gateway(GatewayHarness.open());
    data = new byte[SIZE];
    new Random(20).nextBytes(data);
    harness.client.mkdir(DfsPath.of("/rot"), true);
  }

  @AfterAll
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  /** Writes {@code name} and corrupts its chunk {@code chunk} on every replica. */
  private void writeWithCorruptChunk(String name, int chunk) throws IOException {
    DfsPath path = DfsPath.of("/rot/" + name);
    try (OutputStream out = harness.client.create(path, false)) {
      out.write(data);
    }
    ReplicaFiles.corruptEvery(
        dir,
        ReplicaFiles.locate(harness.channels(), harness.masterAddress(), path).get(chunk).chunkId(),
        FLIPPED,
        3);
  }

  @Test
  void aGetWhoseFirstBytesAreCorruptIsA5xxJsonErrorFramedAsItself() throws IOException {
    writeWithCorruptChunk("head.bin", 0);
    assertCorruptError(rawGet("/v1/fs/content?path=/rot/head.bin", null), "/rot/head.bin");
  }

  @Test
  void aRangeInsideTheCorruptChunkIsA5xxJsonErrorFramedAsItself() throws IOException {
    writeWithCorruptChunk("range.bin", 1);
    long first = CHUNK + FLIPPED - 100;
    assertCorruptError(
        rawGet("/v1/fs/content?path=/rot/range.bin", "bytes=" + first + "-" + (first + 199)),
        "/rot/range.bin");
  }

  /**
   * A 500 whose headers describe the JSON error, not the file the handler meant to send: a
   * Content-Length or Content-Range left from the file would make a keep-alive client read the JSON
   * as the file's first bytes and then wait for the rest.
   */
  private static void assertCorruptError(Raw res, String path) {
    String body = new String(res.body(), StandardCharsets.UTF_8);
    assertThat(res.status()).as(body).isEqualTo(500);
    assertThat(res.headers())
        .containsEntry("content-type", "application/json")
        .doesNotContainKey("content-range")
        .containsEntry("content-length", String.valueOf(res.body().length));
    assertThat(res.endedBy()).as("the whole error arrived").isNull();
    assertThat(body)
        .startsWith("{")
        .endsWith("}")
        .contains("\"code\":\"corrupt\"", "\"request_id\":\"", path)
        .doesNotContain("Exception");
  }

  @Test
  void aGetThatReachesTheCorruptChunkMidBodyIsCutShortNeverCompletedWithWrongBytes()
      throws IOException {
    writeWithCorruptChunk("middle.bin", 2);
    Raw res = rawGet("/v1/fs/content?path=/rot/middle.bin", null);
    assertThat(res.status()).isEqualTo(200); // the first two chunks are fine: the body had started
    assertThat(res.headers()).containsEntry("content-length", String.valueOf(SIZE));
    assertThat(res.endedBy())
        .as("the connection is closed, not left open")
        .isNotInstanceOf(SocketTimeoutException.class);
    assertThat(res.body().length)
        .as("body bytes before the cut")
        .isLessThanOrEqualTo(2 * CHUNK + FLIPPED);
    assertThat(res.body()).isEqualTo(Arrays.copyOf(data, res.body().length));
  }

  /** A response read off a plain keep-alive connection, to see exactly where the body stops. */
  record Raw(int status, Map<String, String> headers, byte[] body, Exception endedBy) {}

  /**
   * Sends a keep-alive GET (with a Range when not null) and reads the head and at most
   * Content-Length body bytes, until the server closes the connection or sends nothing for 20 s (a
   * server that never cuts a broken body would leave a keep-alive client waiting forever).
   */
  private Raw rawGet(String pathAndQuery, String range) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", gw.node().port())) {
      socket.setSoTimeout(20_000);
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + pathAndQuery
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + (range == null ? "" : "Range: " + range + "\r\n")
                      + "\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String statusLine = line(in);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        headers.put(
            h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
      }
      long length = Long.parseLong(headers.getOrDefault("content-length", "-1"));
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      Exception endedBy = null;
      byte[] buf = new byte[64 * 1024];
      try {
        while (length < 0 || body.size() < length) {
          int n =
              in.read(
                  buf,
                  0,
                  (int) Math.min(buf.length, length < 0 ? buf.length : length - body.size()));
          if (n < 0) {
            endedBy = new EOFException("closed after " + body.size() + " body bytes");
            break;
          }
          body.write(buf, 0, n);
        }
      } catch (IOException e) {
        endedBy = e; // a reset is a cut too; a timeout is not
      }
      return new Raw(
          Integer.parseInt(statusLine.split(" ")[1]), headers, body.toByteArray(), endedBy);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed in the response head after: " + s);
      }
      if (c != '\r') {
        s.append((char) c);
      }
    }
    return s.toString();
  }
}
