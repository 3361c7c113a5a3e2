package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.shared.StagedNames;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads ({@code godfs fs put}, the SDK's {@code upload}) never expose a part of a file under its
 * name and never remove a file they did not create: a killed put leaves the old content (and its
 * staged file is dropped when the lease expires), and a failed put's cleanup spares a file another
 * client renamed into place meanwhile.
 */
class StagedUploadIT {
  private static final int CHUNK = 1 << 20;
  private static final Duration LEASE_TIMEOUT = Duration.ofSeconds(2);
  private static final DfsPath DIR = DfsPath.of("/acked");
  private static final DfsPath TARGET = DIR.child("big.bin");

  @TempDir Path dir;
  TestCluster cluster;
  Process put;

  @BeforeEach
  void start() {
    cluster =
        new TestCluster(dir.resolve("cluster"), 3, CHUNK, 3, Duration.ofSeconds(30), LEASE_TIMEOUT);
    cluster.client().mkdir(DIR, true);
  }

  @AfterEach
  void stop() {
    if (put != null) {
      put.destroyForcibly();
    }
    cluster.close();
  }

  @Test
  void aPutKilledMidwayLeavesTheOldContentAndItsStagedFileIsDropped() throws Exception {
    GodfsClient fs = cluster.client();
    byte[] old = bytes(3 * CHUNK + 11, 1);
    writeWhole(fs, TARGET, old);

    put = startPut("-f", TARGET);
    OutputStream stdin = put.getOutputStream();
    // The stream commits a chunk once later ones are under way: write enough for one to show; the
    // put
    // then waits for more input until it is killed.
    stdin.write(bytes(6 * CHUNK, 2));
    stdin.flush();
    awaitStagedBytes(fs, CHUNK);
    put.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    assertThat(read(fs, TARGET)).isEqualTo(old);
    Waits.until(
        Duration.ofSeconds(30),
        "the master to drop the abandoned staged file",
        () -> stagedFiles(fs).isEmpty());
    assertThat(read(fs, TARGET)).isEqualTo(old);
    assertThat(names(fs)).containsExactly("big.bin");
  }

  @Test
  void aPutKilledMidwayToANewNameLeavesNothing() throws Exception {
    GodfsClient fs = cluster.client();
    put = startPut("", TARGET);
    put.getOutputStream().write(bytes(6 * CHUNK, 3));
    put.getOutputStream().flush();
    awaitStagedBytes(fs, CHUNK);
    put.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    assertThat(exists(fs, TARGET)).isFalse();
    Waits.until(
        Duration.ofSeconds(30),
        "the master to drop the abandoned staged file",
        () -> names(fs).isEmpty());
  }

  @Test
  void aFailedUploadNeverRemovesTheFileAnotherClientRenamedIntoPlace() throws Exception {
    GodfsClient uploader = cluster.client();
    GodfsClient other = cluster.client();
    byte[] theirs = bytes(2 * CHUNK + 5, 4);
    DfsPath theirTemp = DIR.child("theirs.tmp");
    // Halfway through the upload, another client finishes its own file and renames it over the
    // target.
    InputStream racing =
        new RacingInput(
            bytes(3 * CHUNK, 5),
            CHUNK + 7,
            () -> {
              writeWhole(other, theirTemp, theirs);
              other.rename(theirTemp, TARGET, true);
            });

    assertThatThrownBy(() -> uploader.upload(racing, TARGET, false))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));

    assertThat(read(other, TARGET)).isEqualTo(theirs);
    assertThat(names(other)).containsExactly("big.bin");
  }

  @Test
  void anUploadReplacesTheTargetOnlyOnceEveryByteIsStored() throws Exception {
    GodfsClient fs = cluster.client();
    byte[] old = bytes(CHUNK + 1, 6);
    byte[] fresh = bytes(2 * CHUNK + 3, 7);
    writeWhole(fs, TARGET, old);
    List<byte[]> seenMidway = new ArrayList<>();
    InputStream watched = new RacingInput(fresh, CHUNK + 1, () -> seenMidway.add(read(fs, TARGET)));

    FileStatus status = fs.upload(watched, TARGET, true);

    assertThat(seenMidway).singleElement().isEqualTo(old);
    assertThat(status.length()).isEqualTo(fresh.length);
    assertThat(read(fs, TARGET)).isEqualTo(fresh);
    assertThat(names(fs)).containsExactly("big.bin");
  }

  private Process startPut(String flag, DfsPath target) throws IOException {
    List<String> command = new ArrayList<>(List.of(Launcher.PATH.toString(), "fs", "put"));
    if (!flag.isEmpty()) {
      command.add(flag);
    }
    command.addAll(List.of("-", target.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("put.out").toFile())
            .redirectError(dir.resolve("put.err").toFile());
    pb.environment().putAll(cluster.clientEnvironment());
    pb.environment().put("GODFS_MASTER", cluster.masterAddress());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return pb.start();
  }

  /**
   * Waits until the running put's staged file shows {@code bytes}; fails with its output if it
   * ended.
   */
  private void awaitStagedBytes(GodfsClient fs, long bytes) throws IOException {
    Waits.until(
        Duration.ofSeconds(60),
        "the put to commit " + bytes + " bytes of its staged file",
        () -> {
          if (!put.isAlive()) {
            throw new AssertionError(
                "the put ended with "
                    + put.exitValue()
                    + ": "
                    + readQuietly(dir.resolve("put.err")));
          }
          return stagedFiles(fs).stream().anyMatch(f -> f.length() >= bytes);
        });
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static List<FileStatus> stagedFiles(GodfsClient fs) {
    return fs.list(DIR, null, 0).entries().stream()
        .filter(f -> StagedNames.isStagedName(f.path().name()))
        .toList();
  }

  private static List<String> names(GodfsClient fs) {
    Listing page = fs.list(DIR, null, 0);
    return page.entries().stream().map(f -> f.path().name()).toList();
  }

  private static boolean exists(GodfsClient fs, DfsPath path) {
    try {
      fs.stat(path);
      return true;
    } catch (DfsException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
      return false;
    }
  }

  private static void writeWhole(GodfsClient fs, DfsPath path, byte[] content) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      out.write(content);
    }
  }

  private static byte[] read(GodfsClient fs, DfsPath path) {
    try (var in = fs.open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** An upload's input that runs {@code action} once, when {@code after} bytes have been read. */
  private static final class RacingInput extends InputStream {
    interface Action {
      void run() throws IOException;
    }

    private final ByteArrayInputStream in;
    private final long after;
    private final Action action;
    private long read;
    private boolean done;

    RacingInput(byte[] content, long after, Action action) {
      this.in = new ByteArrayInputStream(content);
      this.after = after;
      this.action = action;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (!done && read >= after) {
        done = true;
        action.run();
      }
      int n =
          in.read(b, off, (int) Math.min(len, Math.max(1, after - read > 0 ? after - read : len)));
      if (n > 0) {
        read += n;
      }
      return n;
    }
  }
}
