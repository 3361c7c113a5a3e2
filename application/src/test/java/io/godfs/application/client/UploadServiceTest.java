package io.godfs.application.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.in.UploadException;
import io.godfs.application.port.in.UploadOptions;
import io.godfs.application.port.in.UploadUseCase;
import io.godfs.application.shared.StagedNames;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole-file uploads against a real master and chunkservers in this process. */
class UploadServiceTest {
  static final DfsPath DIR = DfsPath.of("/d");
  static final DfsPath TARGET = DIR.child("x.bin");
  final byte[] large = new byte[300_000]; // several chunks
  InProcessCluster cluster;
  FileSystemUseCase fs;
  UploadUseCase beside;
  UploadUseCase inFolder;

  @BeforeEach
  void start() {
    new Random(7).nextBytes(large);
    cluster = new InProcessCluster(4096);
    fs = cluster.client("client-1");
    fs.mkdir(DIR, false);
    beside = ClientServices.uploads(fs, new SecureRandom());
    inFolder = ClientServices.uploads(fs, ReservedPaths.STAGING, new SecureRandom());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aLargeUploadIsStagedBesideItsTargetAndRenamedIntoPlace() throws IOException {
    AtomicLong progress = new AtomicLong();
    FileStatus written =
        beside.upload(
            TARGET,
            new ByteArrayInputStream(large),
            UploadOptions.replace(false).withProgress(progress::set));

    assertThat(written.length()).isEqualTo(large.length);
    assertThat(written.inline()).isFalse();
    assertThat(read(TARGET)).isEqualTo(large);
    assertThat(progress.get()).isEqualTo(large.length);
    assertThat(names(DIR)).containsExactly("x.bin");
  }

  @Test
  void theStagedNameIsHiddenUniqueAndWithinTheSegmentLimit() {
    StagedWriter writer = new StagedWriter(fs, null, new SecureRandom());
    DfsPath staged = writer.stagedPathFor(TARGET);
    assertThat(staged.parent()).isEqualTo(DIR);
    assertThat(StagedNames.isStagedName(staged.name())).isTrue();
    assertThat(writer.stagedPathFor(TARGET)).isNotEqualTo(staged);

    DfsPath longName = DIR.child("é".repeat(DfsPath.MAX_SEGMENT_BYTES / 2));
    DfsPath stagedLong = writer.stagedPathFor(longName);
    assertThat(stagedLong.name().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(DfsPath.MAX_SEGMENT_BYTES);
    assertThat(StagedNames.isStagedName(stagedLong.name())).isTrue();
  }

  @Test
  void aGatewayUploadStagesInItsFolderAndLeavesNothingThere() throws IOException {
    inFolder.upload(
        TARGET,
        new ByteArrayInputStream(large),
        UploadOptions.replace(true).withSizeHint(large.length));
    assertThat(read(TARGET)).isEqualTo(large);
    assertThat(names(ReservedPaths.STAGING))
        .isEmpty(); // made by the first upload, emptied by the rename
    assertThat(names(DIR)).containsExactly("x.bin");
  }

  @Test
  void aSmallUploadIsOneMasterCallKeptInline() throws IOException {
    byte[] small = "small".getBytes(StandardCharsets.UTF_8);
    FileStatus written =
        beside.upload(TARGET, new ByteArrayInputStream(small), UploadOptions.replace(true));
    assertThat(written.inline()).isTrue();
    assertThat(read(TARGET)).isEqualTo(small);

    // Replacing it with a large one and back leaves no stale bytes either way.
    beside.upload(TARGET, new ByteArrayInputStream(large), UploadOptions.replace(true));
    assertThat(read(TARGET)).isEqualTo(large);
    beside.upload(TARGET, new ByteArrayInputStream(small), UploadOptions.replace(true));
    assertThat(read(TARGET)).isEqualTo(small);
  }

  @Test
  void aMasterThatKeepsNoBytesInlineGetsTheSmallBodyStaged() throws IOException {
    try (InProcessCluster inlineOff = new InProcessCluster(0)) {
      FileSystemUseCase client = inlineOff.client("client-2"); // would write up to 4 KiB inline
      client.mkdir(DIR, false);
      byte[] small = "small".getBytes(StandardCharsets.UTF_8);
      FileStatus written =
          ClientServices.uploads(client, ReservedPaths.STAGING, new SecureRandom())
              .upload(
                  TARGET,
                  new ByteArrayInputStream(small),
                  UploadOptions.replace(true).withSizeHint(small.length));
      assertThat(written.inline()).isFalse();
      try (InputStream in = client.open(TARGET)) {
        assertThat(in.readAllBytes()).isEqualTo(small);
      }
    }
  }

  @Test
  void withoutReplaceAnExistingFileOrFolderIsRefusedBeforeAnyByteMoves() throws IOException {
    write(TARGET, "old");
    CountingInput body = new CountingInput(large);
    assertThatThrownBy(() -> beside.upload(TARGET, body, UploadOptions.replace(false)))
        .isInstanceOf(DfsException.class)
        .hasMessage("file /d/x.bin already exists")
        .extracting(e -> ((DfsException) e).code())
        .isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThatThrownBy(() -> beside.upload(DIR, body, UploadOptions.replace(false)))
        .hasMessage("directory /d already exists");
    assertThat(body.read).isZero();
    assertThat(read(TARGET)).isEqualTo("old".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFolderInTheWayOrAMissingParentIsRefusedBeforeAnyByteMoves() {
    CountingInput body = new CountingInput(large);
    assertThatThrownBy(() -> beside.upload(DIR, body, UploadOptions.replace(true)))
        .isInstanceOf(DfsException.class)
        .hasMessage("/d is a directory");
    assertThatThrownBy(() -> beside.upload(DfsPath.of("/"), body, UploadOptions.replace(true)))
        .hasMessage("/ is a directory");
    assertThatThrownBy(
            () -> inFolder.upload(DfsPath.of("/nope/x"), body, UploadOptions.replace(true)))
        .isInstanceOf(DfsException.class)
        .hasMessage("parent directory /nope does not exist")
        .extracting(e -> ((DfsException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(body.read)
        .as("the first 4 KiB of each, to tell a small body from a large one")
        .isLessThanOrEqualTo(2 * 4097);
  }

  @Test
  void aFileInPlaceOfTheParentIsRefused() throws IOException {
    write(TARGET, "a file");
    assertThatThrownBy(
            () ->
                inFolder.upload(
                    TARGET.child("y"),
                    new ByteArrayInputStream(large),
                    UploadOptions.replace(true).withSizeHint(large.length)))
        .isInstanceOf(DfsException.class)
        .hasMessage("/d/x.bin is a file, not a directory");
  }

  @Test
  void aFileAnotherClientIsWritingIsNotReplacedAndTheStagedFileGoes() throws IOException {
    FileSystemUseCase writer = cluster.client("client-2");
    try (DfsOutput out = writer.create(TARGET, false)) {
      out.write("synced".getBytes(StandardCharsets.UTF_8));
      out.sync();
      assertThatThrownBy(
              () ->
                  beside.upload(
                      TARGET, new ByteArrayInputStream(large), UploadOptions.replace(true)))
          .isInstanceOf(DfsException.class)
          .extracting(e -> ((DfsException) e).code())
          .isEqualTo(ErrorCode.BUSY);
      assertThat(names(DIR)).containsExactly("x.bin");
      out.write('!'); // the writer was not disturbed
    }
    assertThat(read(TARGET)).isEqualTo("synced!".getBytes(StandardCharsets.UTF_8));

    // Once it closed, the upload replaces it and holds no lease afterwards.
    beside.upload(TARGET, new ByteArrayInputStream(large), UploadOptions.replace(true));
    try (DfsOutput out = writer.openForWriteAt(TARGET, large.length)) {
      out.write('?');
    }
    assertThat(fs.stat(TARGET).length()).isEqualTo(large.length + 1);
  }

  @Test
  void aBodyThatFailsOrRunsPastItsLimitLeavesTheOldContentAndNoStagedFile() throws IOException {
    write(TARGET, "old");
    InputStream failing =
        new InputStream() {
          int left = 200_000;

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
              throw new IOException("client went away");
            }
            int n = Math.min(len, left);
            left -= n;
            return n;
          }
        };
    assertThatThrownBy(() -> beside.upload(TARGET, failing, UploadOptions.replace(true)))
        .isInstanceOf(IOException.class)
        .hasMessage("client went away");
    assertThatThrownBy(
            () ->
                inFolder.upload(
                    TARGET,
                    new ByteArrayInputStream(large),
                    UploadOptions.replace(true).withMaxBytes(100_000)))
        .isInstanceOf(UploadException.class)
        .hasMessage("body too large (limit 100000 bytes)")
        .extracting(e -> ((UploadException) e).reason())
        .isEqualTo(UploadException.Reason.TOO_LARGE);

    assertThat(read(TARGET)).isEqualTo("old".getBytes(StandardCharsets.UTF_8));
    assertThat(names(DIR)).containsExactly("x.bin");
    assertThat(names(ReservedPaths.STAGING)).isEmpty();
  }

  @Test
  void aCheckRunsBeforeTheBytesAndAgainBeforeTheRenameOverTheFileItApproved() throws IOException {
    write(TARGET, "approved");
    DfsPath other = DIR.child("other");
    write(other, "intruder");
    AtomicInteger checks = new AtomicInteger();
    List<FileStatus> seen = new ArrayList<>();

    DfsException refused =
        catchThrowableOfType(
            DfsException.class,
            () ->
                inFolder.upload(
                    TARGET,
                    new ByteArrayInputStream(large),
                    UploadOptions.replace(true)
                        .withCheck(
                            current -> {
                              seen.add(current);
                              if (checks.incrementAndGet() == 2) {
                                fs.rename(
                                    other, TARGET,
                                    true); // another client, right after the last check
                              }
                            })));

    assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(seen).hasSize(2).allSatisfy(s -> assertThat(s.path()).isEqualTo(TARGET));
    assertThat(read(TARGET)).isEqualTo("intruder".getBytes(StandardCharsets.UTF_8));
    assertThat(names(ReservedPaths.STAGING)).isEmpty();
  }

  @Test
  void aCheckThatRefusesUpFrontReadsNoBodyAndACheckedSmallUploadIsStagedToo() throws IOException {
    CountingInput body = new CountingInput(large);
    IllegalStateException no = new IllegalStateException("no");
    assertThatThrownBy(
            () ->
                inFolder.upload(
                    TARGET,
                    body,
                    UploadOptions.replace(true)
                        .withCheck(
                            current -> {
                              throw no;
                            })))
        .isSameAs(no);
    assertThat(body.read).isZero();

    AtomicInteger checks = new AtomicInteger();
    FileStatus written =
        inFolder.upload(
            TARGET,
            new ByteArrayInputStream(new byte[10]),
            UploadOptions.replace(true).withCheck(current -> checks.incrementAndGet()));
    assertThat(written.length()).isEqualTo(10);
    assertThat(checks)
        .as("before the bytes and before the rename: no one-call small write")
        .hasValue(2);
  }

  @Test
  void createOnlyRefusesATargetThatAppearedDuringTheUpload() throws IOException {
    DfsException refused =
        catchThrowableOfType(
            DfsException.class,
            () ->
                inFolder.upload(
                    TARGET,
                    new ByteArrayInputStream(large),
                    UploadOptions.replace(false)
                        .withCheck(
                            current -> {
                              if (current == null && fs.list(DIR, null, 0).entries().isEmpty()) {
                                write(
                                    TARGET,
                                    "first"); // another client wins the race before the rename
                              }
                            })));
    assertThat(refused.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(read(TARGET)).isEqualTo("first".getBytes(StandardCharsets.UTF_8));
  }

  private void write(DfsPath path, String content) {
    try (DfsOutput out = fs.create(path, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] read(DfsPath path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }

  private List<String> names(DfsPath dir) {
    return fs.list(dir, null, 0).entries().stream().map(s -> s.path().name()).toList();
  }

  /** A body that counts what was read of it. */
  static final class CountingInput extends ByteArrayInputStream {
    int read;

    CountingInput(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      read += Math.max(0, n);
      return n;
    }

    @Override
    public synchronized int read() {
      int b = super.read();
      read += b < 0 ? 0 : 1;
      return b;
    }
  }
}
