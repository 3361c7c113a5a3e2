package io.godfs.adapters.rest.content;

import io.godfs.adapters.rest.http.ApiException;
import io.godfs.adapters.rest.http.ClientGoneException;
import io.godfs.adapters.rest.http.ErrorResponses;
import io.godfs.adapters.rest.http.Params;
import io.godfs.adapters.rest.http.RequestInfo;
import io.godfs.adapters.rest.http.WatchedBody;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.FrontEndServices;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.in.UploadOptions;
import io.godfs.application.port.in.UploadUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code GET|HEAD|PUT /v1/fs/content?path=}: file bytes streamed both ways through a fixed-size
 * buffer (memory per request does not grow with the file), with ranges, validators and
 * preconditions. PUT replaces the whole file atomically ({@link UploadUseCase}: staged, then
 * renamed).
 */
public final class ContentHttpService implements HttpService {
  private static final int READ_BUFFER = 256 * 1024;
  private static final int OPEN_ATTEMPTS = 3;
  private final FrontEndServices services;
  private final long maxUploadBytes;

  public ContentHttpService(FrontEndServices services, long maxUploadBytes) {
    this.services = services;
    this.maxUploadBytes = maxUploadBytes;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/fs/content", (req, res) -> read(req, res, false))
        .head("/fs/content", (req, res) -> read(req, res, true))
        .put("/fs/content", this::write);
  }

  private void read(ServerRequest req, ServerResponse res, boolean head) throws IOException {
    DfsPath path = Params.path(req);
    FileSystemUseCase fs = RequestInfo.session(req, services).fs();
    FileStatus status = fileStatus(fs, path);
    if (head) {
      respond(req, res, status, null);
      return;
    }
    for (int attempt = 1; ; attempt++) {
      SeekableInput in = fs.open(path);
      try {
        if (in.length() == status.length()) {
          respond(req, res, status, in);
          return;
        }
      } finally {
        in.close();
      }
      if (attempt == OPEN_ATTEMPTS) {
        throw new ApiException(409, "conflict", path + " keeps changing while being opened; retry");
      }
      status = fileStatus(fs, path); // replaced between stat and open: describe the version we read
    }
  }

  private void respond(ServerRequest req, ServerResponse res, FileStatus status, SeekableInput in)
      throws IOException {
    Validators v = Validators.of(status);
    res.header(HeaderNames.ACCEPT_RANGES, "bytes");
    res.header(HeaderNames.ETAG, v.etag());
    res.header(HeaderNames.LAST_MODIFIED, v.lastModifiedHeader());
    switch (Conditionals.evaluate(
        v,
        true,
        header(req, HeaderNames.IF_MATCH),
        header(req, HeaderNames.IF_UNMODIFIED_SINCE),
        header(req, HeaderNames.IF_NONE_MATCH),
        header(req, HeaderNames.IF_MODIFIED_SINCE))) {
      case NOT_MODIFIED -> {
        res.status(304).send();
        return;
      }
      case PRECONDITION_FAILED ->
          throw ApiException.preconditionFailed(
              "If-Match/If-Unmodified-Since does not hold for "
                  + status.path()
                  + " (its ETag is "
                  + v.etag()
                  + ")");
      case PROCEED -> {}
    }
    long size = status.length();
    String range = header(req, HeaderNames.RANGE);
    RangeRequest ranges =
        range != null && Conditionals.rangeStillValid(v, header(req, HeaderNames.IF_RANGE))
            ? RangeParser.parse(range, size)
            : new RangeRequest.Whole();
    switch (ranges) {
      case RangeRequest.Unsatisfiable u ->
          throw new ApiException(
              416,
              "range_not_satisfiable",
              u.reason() + " (file size " + size + ")",
              Map.of("Content-Range", "bytes */" + size));
      case RangeRequest.Whole w -> {
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        send(
            req,
            res,
            in,
            size,
            out -> copy(in, out, new ByteRange(0, Math.max(0, size - 1)), size));
      }
      case RangeRequest.Partial p when p.ranges().size() == 1 -> {
        ByteRange r = p.ranges().getFirst();
        res.status(206);
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        res.header(HeaderNames.CONTENT_RANGE, r.contentRange(size));
        send(req, res, in, r.length(), out -> copy(in, out, r, size));
      }
      case RangeRequest.Partial p -> {
        MultipartByteRanges body = new MultipartByteRanges(p.ranges(), size);
        res.status(206);
        res.header(HeaderNames.CONTENT_TYPE, body.contentType());
        send(req, res, in, body.length(), out -> body.write(out, (o, r) -> copy(in, o, r, size)));
      }
    }
  }

  /** Body writer that may fail with an I/O error (the connection is then cut mid-body). */
  @FunctionalInterface
  interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  private static void send(
      ServerRequest req, ServerResponse res, SeekableInput in, long length, BodyWriter writer)
      throws IOException {
    res.contentLength(length);
    if (in == null) { // HEAD: the headers of the GET, no body
      res.send();
      return;
    }
    try (OutputStream out = res.outputStream()) {
      writer.write(out);
    } catch (IOException | RuntimeException e) {
      if (!(e instanceof ApiException) && ClientGoneException.isDisconnect(e)) {
        // Part of the answer is out: Helidon would not let an error handler run, so it ends here.
        ErrorResponses.logGone(
            req,
            "the client went away during the "
                + length
                + "-byte answer ("
                + ClientGoneException.rootMessage(e)
                + ")");
        return;
      }
      throw e;
    }
  }

  static void copy(SeekableInput in, OutputStream out, ByteRange r, long size) throws IOException {
    if (size == 0) {
      return;
    }
    in.seek(r.first());
    byte[] buf = new byte[(int) Math.min(READ_BUFFER, r.length())];
    long left = r.length();
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException("file ended " + left + " bytes early");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private void write(ServerRequest req, ServerResponse res) throws IOException {
    DfsPath path = Params.path(req);
    long declared = req.headers().contentLength().orElse(-1);
    if (declared > maxUploadBytes) {
      throw ApiException.tooLarge(
          "body too large: " + declared + " bytes (limit " + maxUploadBytes + ")");
    }
    String ifMatch = header(req, HeaderNames.IF_MATCH);
    String ifNoneMatch = header(req, HeaderNames.IF_NONE_MATCH);
    String ifUnmodifiedSince = header(req, HeaderNames.IF_UNMODIFIED_SINCE);
    boolean conditional = ifMatch != null || ifNoneMatch != null || ifUnmodifiedSince != null;
    // "If-None-Match: *" is create-only: the master's rename refuses an existing target atomically,
    // so a
    // file another client made during the upload is never replaced.
    boolean createOnly = ifNoneMatch != null && ifNoneMatch.strip().equals("*");
    UploadOptions options =
        UploadOptions.replace(!createOnly).withSizeHint(declared).withMaxBytes(maxUploadBytes);
    if (conditional) {
      // Checked before the upload and again right before the rename, which then goes only over the
      // very file the last check approved.
      options =
          options.withCheck(
              current ->
                  checkWritePreconditions(path, current, ifMatch, ifNoneMatch, ifUnmodifiedSince));
    }
    FileStatus written;
    try {
      UploadUseCase uploads = RequestInfo.session(req, services).uploads();
      written = uploads.upload(path, WatchedBody.of(req), options);
    } catch (DfsException e) {
      if (createOnly && e.code() == ErrorCode.ALREADY_EXISTS) {
        throw ApiException.preconditionFailed(
            "precondition failed for "
                + path
                + " (If-None-Match: *, and another client created it during this upload)");
      }
      if (conditional && e.code() == ErrorCode.CONFLICT) {
        throw ApiException.preconditionFailed(
            "precondition failed for "
                + path
                + " (another client replaced or removed it while this upload was checked)");
      }
      throw e;
    }
    res.header(HeaderNames.ETAG, Validators.of(written).etag());
    res.status(204).send();
  }

  private static void checkWritePreconditions(
      DfsPath path,
      FileStatus current,
      String ifMatch,
      String ifNoneMatch,
      String ifUnmodifiedSince) {
    Validators v = current == null ? null : Validators.of(current);
    if (Conditionals.evaluate(v, false, ifMatch, ifUnmodifiedSince, ifNoneMatch, null)
        == Conditionals.Decision.PRECONDITION_FAILED) {
      throw ApiException.preconditionFailed(
          "precondition failed for "
              + path
              + (v == null ? " (it does not exist)" : " (its ETag is " + v.etag() + ")"));
    }
  }

  private static FileStatus fileStatus(FileSystemUseCase fs, DfsPath path) {
    FileStatus status = fs.stat(path);
    if (status.isDirectory()) {
      throw new ApiException(409, "is_a_directory", path + " is a directory, not a file");
    }
    if (status.isSymlink()) {
      // The gateway does not follow links (nor does the master): it names the target instead.
      throw new ApiException(
          400,
          "invalid_argument",
          path
              + " is a symbolic link to "
              + fs.readlink(path)
              + ", not a file (GET /v1/fs/readlink; read its target's path)");
    }
    if (status.isSpecial()) {
      throw new ApiException(
          400,
          "invalid_argument",
          path
              + " is a "
              + FileStatus.describe(status.type())
              + ": it has no content (its I/O is served by the kernel of each client)");
    }
    return status;
  }

  /** All values of a header joined by commas (Helidon may split a list over several values). */
  static String header(ServerRequest req, HeaderName name) {
    List<String> values = req.headers().all(name, List::of);
    return values.isEmpty() ? null : String.join(", ", values);
  }
}
