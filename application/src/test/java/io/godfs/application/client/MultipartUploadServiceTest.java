package io.godfs.application.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.MultipartUpload;
import io.godfs.application.port.in.MultipartUploadUseCase;
import io.godfs.application.port.in.PartChoice;
import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.in.UploadException;
import io.godfs.application.port.in.UploadException.Reason;
import io.godfs.application.port.in.UploadPart;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multipart uploads against a real master and chunkservers in this process. */
class MultipartUploadServiceTest {
  static final DfsPath TARGET = DfsPath.of("/mp/joined.bin");
  static final long MAX_PART = 200_000;
  InProcessCluster cluster;
  FileSystemUseCase fs;
  MultipartUploadUseCase uploads;

  @BeforeEach
  void start() {
    cluster = new InProcessCluster(4096);
    fs = cluster.client("gateway");
    fs.mkdir(DfsPath.of("/mp"), false);
    uploads =
        ClientServices.multipartUploads(
            fs,
            MultipartSettings.reserved(50, MAX_PART, Duration.ofHours(1)),
            cluster.clock,
            new SecureRandom());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void partsInAnyOrderAreJoinedInPartNumberOrderAndTheUploadIsRemoved() throws IOException {
    MultipartUpload upload = uploads.start(TARGET);
    assertThat(upload.id()).matches("[0-9a-f]{32}");
    assertThat(upload.expiresAt()).isEqualTo(cluster.clock.instant().plus(Duration.ofHours(1)));
    assertThat(uploads.describe(upload.id())).isEqualTo(upload);
    byte[] p1 = bytes(150_000, 1);
    byte[] p2 = bytes(100, 2);
    byte[] p3 = bytes(70_000, 3);
    UploadPart e3 = put(upload, 3, p3);
    put(upload, 1, bytes(10, 9)); // replaced by the next upload of part 1
    UploadPart e1 = put(upload, 1, p1);
    put(upload, 2, p2);
    assertThat(e1.etag()).matches("\"sha256-[0-9a-f]{64}\"");
    assertThat(e1.sizeBytes()).isEqualTo(p1.length);
    assertThat(uploads.parts(upload.id()))
        .extracting(UploadPart::partNumber, UploadPart::sizeBytes)
        .containsExactly(tuple(1, 150_000L), tuple(2, 100L), tuple(3, 70_000L));

    FileStatus done =
        uploads.complete(
            upload.id(),
            List.of(
                new PartChoice(3, e3.etag()),
                new PartChoice(1, e1.etag().replace("\"", "")),
                new PartChoice(2, null)),
            false);

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(p1);
    expected.writeBytes(p2);
    expected.writeBytes(p3);
    assertThat(done.length()).isEqualTo(expected.size());
    assertThat(read(TARGET)).isEqualTo(expected.toByteArray());
    assertReason(() -> uploads.parts(upload.id()), Reason.NO_SUCH_UPLOAD, upload.id());
    assertThat(names(ReservedPaths.MULTIPART)).isEmpty();
    assertThat(names(ReservedPaths.STAGING)).isEmpty();
    assertThat(names(DfsPath.of("/mp"))).containsExactly("joined.bin");
  }

  @Test
  void completeChecksThePartsTheirEtagsAndTheTarget() throws IOException {
    try (DfsOutput out = fs.create(TARGET, false)) {
      out.write("existing".getBytes(StandardCharsets.UTF_8));
    }
    MultipartUpload upload = uploads.start(TARGET);
    UploadPart e1 = put(upload, 1, "new".getBytes(StandardCharsets.UTF_8));
    String id = upload.id();

    assertReason(
        () -> uploads.complete(id, List.of(new PartChoice(2, null)), true),
        Reason.INVALID_PART,
        "part 2 was not uploaded");
    assertReason(
        () -> uploads.complete(id, List.of(new PartChoice(1, "\"sha256-00\"")), true),
        Reason.INVALID_PART,
        "has ETag");
    assertCode(
        () -> uploads.complete(id, List.of(new PartChoice(1, null), new PartChoice(1, null)), true),
        ErrorCode.INVALID_ARGUMENT,
        "part 1 is listed twice");
    assertCode(
        () -> uploads.complete(id, List.of(), true), ErrorCode.INVALID_ARGUMENT, "parts is empty");
    assertCode(
        () -> uploads.complete(id, List.of(new PartChoice(0, null)), true),
        ErrorCode.INVALID_ARGUMENT,
        "partNumber : 0 (expected: 1-50)");
    assertCode(
        () -> uploads.complete(id, List.of(new PartChoice(1, null)), false),
        ErrorCode.ALREADY_EXISTS,
        "/mp/joined.bin already exists (use ?overwrite=true)");
    assertThat(read(TARGET)).isEqualTo("existing".getBytes(StandardCharsets.UTF_8));

    uploads.complete(id, List.of(new PartChoice(1, e1.etag())), true);
    assertThat(read(TARGET)).isEqualTo("new".getBytes(StandardCharsets.UTF_8));

    MultipartUpload intoFolder = uploads.start(DfsPath.of("/mp"));
    put(intoFolder, 1, new byte[1]);
    assertCode(
        () -> uploads.complete(intoFolder.id(), List.of(new PartChoice(1, null)), true),
        ErrorCode.IS_A_DIRECTORY,
        "/mp is a directory");
  }

  @Test
  void completeOverAFileAnotherClientIsWritingIsBusy() throws IOException {
    FileSystemUseCase writer = cluster.client("writer");
    MultipartUpload upload = uploads.start(TARGET);
    put(upload, 1, bytes(1000, 1));
    try (DfsOutput out = writer.create(TARGET, false)) {
      out.write(1);
      out.sync();
      assertCode(
          () -> uploads.complete(upload.id(), List.of(new PartChoice(1, null)), true),
          ErrorCode.BUSY,
          "being written by another client");
    }
    assertThat(names(ReservedPaths.STAGING)).isEmpty();
    assertThat(uploads.parts(upload.id()))
        .hasSize(1); // the upload stays: it may be completed later
  }

  @Test
  void abortIsIdempotentAndUnknownIdsBadNumbersAndLargePartsAreRefused() {
    MultipartUpload upload = uploads.start(TARGET);
    put(upload, 1, new byte[100]);
    uploads.abort(upload.id());
    uploads.abort(upload.id());
    assertReason(
        () -> uploads.putPart(upload.id(), 1, new ByteArrayInputStream(new byte[1]), 1),
        Reason.NO_SUCH_UPLOAD,
        "no multipart upload " + upload.id() + " (completed, aborted or expired)");
    assertReason(() -> uploads.describe("NOT-AN-ID"), Reason.NO_SUCH_UPLOAD, "NOT-AN-ID");
    assertReason(() -> uploads.abort("../../etc"), Reason.NO_SUCH_UPLOAD, "../../etc");

    MultipartUpload live = uploads.start(TARGET);
    for (int bad : new int[] {0, 51, -1}) {
      assertCode(
          () -> uploads.putPart(live.id(), bad, new ByteArrayInputStream(new byte[1]), 1),
          ErrorCode.INVALID_ARGUMENT,
          "partNumber : " + bad);
    }
    CountingBody declared = new CountingBody(new byte[(int) MAX_PART + 1]);
    assertReason(
        () -> uploads.putPart(live.id(), 1, declared, MAX_PART + 1),
        Reason.TOO_LARGE,
        "part too large: 200001 bytes (limit 200000)");
    assertThat(declared.read).as("refused before the body is read").isZero();
    assertReason(
        () ->
            uploads.putPart(
                live.id(), 1, new ByteArrayInputStream(new byte[(int) MAX_PART + 1]), -1),
        Reason.TOO_LARGE,
        "limit 200000");
    assertThat(uploads.parts(live.id())).isEmpty();
    assertThat(names(ReservedPaths.STAGING)).isEmpty();
  }

  @Test
  void abandonedUploadsAndStagedFilesExpire() throws IOException {
    MultipartUpload old = uploads.start(TARGET);
    put(old, 1, new byte[10]);
    try (DfsOutput out = fs.create(ReservedPaths.STAGING.child("put-leftover"), false)) {
      out.write(1); // a staged file of a gateway that died
    }
    assertThat(uploads.expireAbandoned()).isZero();
    cluster.time.advance(Duration.ofMinutes(61));
    MultipartUpload fresh = uploads.start(DfsPath.of("/mp/fresh.bin"));

    // The leftover's age is judged by the master's clock, which moved with the cluster's.
    assertThat(uploads.expireAbandoned()).isEqualTo(2);
    assertReason(() -> uploads.parts(old.id()), Reason.NO_SUCH_UPLOAD, old.id());
    assertThat(uploads.parts(fresh.id())).isEmpty();
    assertThat(names(ReservedPaths.STAGING)).isEmpty();
  }

  private UploadPart put(MultipartUpload upload, int number, byte[] body) {
    return uploads.putPart(upload.id(), number, new ByteArrayInputStream(body), body.length);
  }

  private static byte[] bytes(int size, int seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private byte[] read(DfsPath path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }

  private List<String> names(DfsPath dir) {
    try {
      return fs.list(dir, null, 0).entries().stream().map(s -> s.path().name()).toList();
    } catch (DfsException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
      return List.of();
    }
  }

  private static void assertReason(ThrowingCallable call, Reason reason, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(UploadException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((UploadException) e).reason())
        .isEqualTo(reason);
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(DfsException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((DfsException) e).code())
        .isEqualTo(code);
  }

  /** A body that counts what was read of it. */
  static final class CountingBody extends ByteArrayInputStream {
    int read;

    CountingBody(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      read += Math.max(0, n);
      return n;
    }
  }
}
