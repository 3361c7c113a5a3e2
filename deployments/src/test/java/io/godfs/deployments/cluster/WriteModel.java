package io.godfs.deployments.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The client's record of what it wrote and what the cluster acknowledged, checked against the
 * cluster: every acknowledged file is there with exactly its bytes (nothing lost), and every file
 * there was written by the test (nothing invented). A write that failed is undecided: absent, or
 * present with a prefix of its bytes (what reached the chunkservers before the failure), never
 * other bytes.
 */
public final class WriteModel {
  private final Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, byte[]> undecided = new ConcurrentHashMap<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();

  /** Deterministic content for a path, so a failure message can name what was expected. */
  public static byte[] contentFor(String path, int length) {
    byte[] bytes = new byte[length];
    new Random(path.hashCode() * 31L + length).nextBytes(bytes);
    return bytes;
  }

  /** Writes {@code path} through the SDK (create, write, close) and records the outcome. */
  public boolean write(GodfsClient client, String path, int length) {
    byte[] bytes = contentFor(path, length);
    undecided.put(path, bytes);
    try (var out = client.create(DfsPath.of(path), false)) {
      out.write(bytes);
    } catch (IOException | RuntimeException e) {
      failures.add(path + ": " + e);
      return false;
    }
    acknowledged.put(path, bytes);
    undecided.remove(path);
    return true;
  }

  /** Records a write made another way (REST, the CLI) that the cluster acknowledged. */
  public void acknowledged(String path, byte[] bytes) {
    acknowledged.put(path, bytes.clone());
  }

  /** Why each failed write failed, for assertion messages. */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  public int acknowledgedCount() {
    return acknowledged.size();
  }

  public Set<String> acknowledgedPaths() {
    return Set.copyOf(acknowledged.keySet());
  }

  /** Checks the files under {@code dir} through the SDK. */
  public void verify(GodfsClient client, String dir) {
    Set<String> listed = new TreeSet<>();
    String after = null;
    Listing page;
    do {
      page = client.list(DfsPath.of(dir), after, 1000);
      for (FileStatus status : page.entries()) {
        listed.add(status.path().value());
        after = status.path().name();
      }
    } while (page.hasMore());
    for (String path : acknowledged.keySet()) {
      assertThat(listed).as("acknowledged file %s is listed", path).contains(path);
      assertThat(read(client, path))
          .as("bytes of acknowledged file %s", path)
          .isEqualTo(acknowledged.get(path));
    }
    for (String path : listed) {
      if (acknowledged.containsKey(path)) {
        continue;
      }
      byte[] attempted = undecided.get(path);
      assertThat(attempted)
          .as("%s is listed but the test never wrote it (a phantom file)", path)
          .isNotNull();
      byte[] found = read(client, path);
      assertThat(found.length)
          .as("length of failed write %s", path)
          .isLessThanOrEqualTo(attempted.length);
      assertThat(found)
          .as("bytes of failed write %s (must be a prefix of what was written)", path)
          .isEqualTo(Arrays.copyOf(attempted, found.length));
    }
  }

  /**
   * Checks every acknowledged file through the REST gateway too (HTTPS, as the gateway's caller):
   * same bytes.
   */
  public void verifyThroughGateway(GatewayClient gateway) {
    for (Map.Entry<String, byte[]> file : acknowledged.entrySet()) {
      HttpRequest get = gateway.content(file.getKey()).GET().build();
      try {
        HttpResponse<byte[]> response =
            gateway.http().send(get, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode())
            .as("GET %s through the gateway", file.getKey())
            .isEqualTo(200);
        assertThat(response.body())
            .as("bytes of %s through the gateway", file.getKey())
            .isEqualTo(file.getValue());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  private static byte[] read(GodfsClient client, String path) {
    try (InputStream in = client.open(DfsPath.of(path))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
  }

  /** Paths in a stable order, for messages. */
  public List<String> sorted() {
    return new ArrayList<>(new TreeSet<>(acknowledged.keySet()));
  }
}
