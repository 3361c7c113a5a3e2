package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.godfs.adapters.telemetry.NodeMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real mount's {@code godfs_fuse_*} and {@code godfs_client_*} families, scraped from its
 * registry over HTTP (ADR 0023): callbacks counted by name and result (the errno a program saw),
 * buffered bytes and open files read at scrape time, the client's bytes.
 */
class MountMetricsIT {
  @TempDir Path dir;
  MountCluster cluster;
  HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void callbacksAreCountedWithTheirErrnoAndBufferedBytesShowUntilWrittenOut() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    NodeMetrics metrics = NodeMetrics.of("test", "mount", "mnt");
    Path mnt = cluster.mountMetered("/metered", o -> o.withDirectIo(true), metrics).mountpoint();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", metrics.handler());
    server.start();

    Files.createDirectories(mnt.resolve("d/sub"));
    assertThatThrownBy(() -> Files.delete(mnt.resolve("d")))
        .isInstanceOf(DirectoryNotEmptyException.class);
    assertThatThrownBy(() -> Files.readString(mnt.resolve("missing")))
        .isInstanceOf(NoSuchFileException.class);

    try (FileChannel file =
        FileChannel.open(
            mnt.resolve("f.bin"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      file.write(ByteBuffer.wrap(new byte[1000]), 0); // appended to the file's stream
      file.write(ByteBuffer.wrap(new byte[300]), 5000); // not at the end: buffered
      String open = scrape();
      assertThat(value(open, "godfs_fuse_dirty_bytes")).isEqualTo(300);
      assertThat(value(open, "godfs_fuse_open_files")).isGreaterThanOrEqualTo(1);
    }

    String text = scrape();
    assertThat(text)
        .containsPattern("godfs_fuse_operations_total\\{op=\"rmdir\",result=\"ENOTEMPTY\"} 1\\.0")
        .containsPattern("godfs_fuse_operations_total\\{op=\"getattr\",result=\"ENOENT\"} [1-9]")
        .containsPattern("godfs_fuse_operations_total\\{op=\"mkdir\",result=\"ok\"} [1-9]")
        .containsPattern("godfs_fuse_operations_total\\{op=\"create\",result=\"ok\"} [1-9]")
        .containsPattern("godfs_fuse_operations_total\\{op=\"write\",result=\"ok\"} 2\\.0")
        .containsPattern("godfs_fuse_operation_seconds_count\\{op=\"write\"} 2")
        .containsPattern("godfs_fuse_operation_seconds_bucket\\{op=\"write\",le=\"60.0\"} 2")
        // The mount's client: the namespace refusal by its code, the bytes sent at close.
        .containsPattern("godfs_client_operations_total\\{op=\"delete\",result=\"not_empty\"} 1")
        .containsPattern("godfs_client_operations_total\\{op=\"create\",result=\"ok\"} [1-9]");
    assertThat(value(text, "godfs_fuse_dirty_bytes")).isZero(); // written out at close
    assertThat(value(text, "godfs_client_written_bytes_total")).isGreaterThanOrEqualTo(1300);
    assertThat(Files.size(mnt.resolve("f.bin"))).isEqualTo(5300);
  }

  private String scrape() throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    }
  }

  /** The value of an unlabelled sample, as a whole number. */
  static long value(String text, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+)$").matcher(text);
    assertThat(m.find()).as("%s in%n%s", name, text).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }
}
