package io.godfs.adapters.rest.fs;

import io.godfs.adapters.rest.http.ApiException;
import io.godfs.adapters.rest.http.Json;
import io.godfs.adapters.rest.http.Params;
import io.godfs.adapters.rest.http.RequestInfo;
import io.godfs.adapters.rest.http.WatchedBody;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.FrontEndServices;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.XattrRules;
import io.godfs.domain.file.Xattrs;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Extended attributes (ADR 0028) at {@code /v1/fs/xattrs?path=}: {@code GET} shows all the caller
 * may read ({@code {"path", "xattrs": {"user.a": "<base64>"}}}) or, with {@code name=}, one ({@code
 * {"path", "name", "value"}}; 404 {@code no_attribute} when the path has none of that name); {@code
 * PUT ...&name=} sets one to the raw request body (at most 64 KiB, else 413 {@code too_large};
 * {@code mode=create} only a new one, 409 {@code already_exists} otherwise, {@code mode=replace}
 * only an existing one) and answers the stat, 200; {@code DELETE ...&name=} removes one, 204.
 * Values are bytes, so the JSON carries them as standard base64 with padding. Names are {@code
 * user.*} (write on the path to change) or {@code trusted.*} (an administrator: 403 {@code
 * permission_denied} naming {@code admin}); any other namespace is 501 {@code unsupported}.
 */
public final class XattrHttpService implements HttpService {
  private final FrontEndServices services;
  private final Json json;
  private final FileStatusMapper mapper = new FileStatusMapperGenerated();

  public XattrHttpService(FrontEndServices services, Json json) {
    this.services = services;
    this.json = json;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/fs/xattrs", this::get)
        .put("/fs/xattrs", this::set)
        .delete("/fs/xattrs", this::remove);
  }

  private void get(ServerRequest req, ServerResponse res) {
    DfsPath path = Params.path(req);
    String name = req.query().first("name").orElse(null);
    if (name != null) {
      checkName(name);
    }
    Xattrs all = fs(req).xattrs(path);
    if (name == null) {
      Map<String, String> values = new LinkedHashMap<>(); // sorted, as Xattrs keeps them
      all.asMap().forEach((n, v) -> values.put(n, encode(v)));
      json.send(res, 200, new XattrsResponse(path.value(), values));
      return;
    }
    byte[] value =
        all.get(name)
            .orElseThrow(
                () ->
                    new DfsException(
                        ErrorCode.NO_ATTRIBUTE,
                        path + " has no extended attribute " + DfsPath.escaped(name)));
    json.send(res, 200, new XattrResponse(path.value(), name, encode(value)));
  }

  private void set(ServerRequest req, ServerResponse res) {
    DfsPath path = Params.path(req);
    String name = name(req);
    XattrMode mode = mode(req);
    byte[] value = body(req);
    FileSystemUseCase fs = fs(req);
    FileStatus changed = fs.setXattr(path, name, value, mode);
    json.send(res, 200, FsHttpService.statOf(mapper, fs, changed));
  }

  private void remove(ServerRequest req, ServerResponse res) {
    DfsPath path = Params.path(req);
    fs(req).removeXattr(path, name(req));
    res.status(204).send();
  }

  /** The {@code name} parameter, required and checked as the master would (400 or 501). */
  private static String name(ServerRequest req) {
    String name = req.query().first("name").orElse(null);
    if (name == null || name.isEmpty()) {
      throw ApiException.badRequest(
          "invalid or missing name (expected: an extended attribute name like user.comment)");
    }
    checkName(name);
    return name;
  }

  private static void checkName(String name) {
    DfsError problem = XattrRules.nameProblem(name);
    if (problem != null) {
      throw new DfsException(problem);
    }
  }

  private static XattrMode mode(ServerRequest req) {
    String raw = req.query().first("mode").orElse("");
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "", "either" -> XattrMode.EITHER;
      case "create" -> XattrMode.CREATE;
      case "replace" -> XattrMode.REPLACE;
      default ->
          throw ApiException.badRequest(
              "mode : " + raw + " (expected: create, replace or either, the default)");
    };
  }

  /** The request body, the value: at most {@link Xattrs#MAX_VALUE_BYTES}, else 413. */
  private static byte[] body(ServerRequest req) {
    long declared = req.headers().contentLength().orElse(-1);
    if (declared > Xattrs.MAX_VALUE_BYTES) {
      throw tooLarge(declared + " bytes");
    }
    if (declared == 0 || !req.content().hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = WatchedBody.of(req)) {
      byte[] value = in.readNBytes(Xattrs.MAX_VALUE_BYTES + 1);
      if (value.length > Xattrs.MAX_VALUE_BYTES) {
        throw tooLarge("more than " + Xattrs.MAX_VALUE_BYTES + " bytes");
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body", e);
    }
  }

  private static ApiException tooLarge(String size) {
    return ApiException.tooLarge(
        "extended attribute value : "
            + size
            + " (expected: at most "
            + Xattrs.MAX_VALUE_BYTES
            + " bytes)");
  }

  private static String encode(byte[] value) {
    return Base64.getEncoder().encodeToString(value);
  }

  private FileSystemUseCase fs(ServerRequest req) {
    return RequestInfo.session(req, services).fs();
  }

  /** {@code GET /v1/fs/xattrs?path=}: every name the caller may read, values in base64. */
  public record XattrsResponse(String path, Map<String, String> xattrs) {}

  /** {@code GET /v1/fs/xattrs?path=&name=}: one value, base64. */
  public record XattrResponse(String path, String name, String value) {}
}
