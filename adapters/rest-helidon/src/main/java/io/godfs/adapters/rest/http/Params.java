package io.godfs.adapters.rest.http;

import io.godfs.application.port.in.ReservedPaths;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;

/** Reads and checks query parameters; each bad value is a 400 naming the parameter. */
public final class Params {
  /** goDFS's own folder (multipart staging, PUT temp files): hidden and not writable by clients. */
  public static final DfsPath RESERVED = ReservedPaths.ROOT;

  private Params() {}

  /** The {@code path} query parameter as a normalised goDFS path outside the reserved folder. */
  public static DfsPath path(ServerRequest req) {
    return path(req.query().first("path").orElse(null), "path");
  }

  public static DfsPath path(String raw, String name) {
    if (raw == null || raw.isEmpty()) {
      throw ApiException.badRequest(
          "invalid or missing " + name + " (expected: an absolute path like /dir/file)");
    }
    DfsPath path =
        switch (DfsPath.parse(raw)) {
          case Outcome.Ok<DfsPath> ok -> ok.value();
          case Outcome.Rejected<DfsPath> r ->
              throw ApiException.badRequest("invalid " + name + ": " + r.error().message());
        };
    if (RESERVED.contains(path)) {
      throw ApiException.badRequest(
          "invalid " + name + ": " + RESERVED + " is reserved for the gateway");
    }
    return path;
  }

  public static boolean flag(ServerRequest req, String name) {
    String raw = req.query().first(name).orElse(null);
    if (raw == null) {
      return false;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "", "1", "true", "yes" -> true;
      case "0", "false", "no" -> false;
      default -> throw ApiException.badRequest(name + " : " + raw + " (expected: true or false)");
    };
  }

  /** An integer parameter in {@code [min, max]}, or {@code fallback} when absent. */
  public static int integer(ServerRequest req, String name, int min, int max, int fallback) {
    String raw = req.query().first(name).orElse(null);
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the allowed range
    }
    throw ApiException.badRequest(
        name + " : " + raw + " (expected: an integer " + min + "-" + max + ")");
  }
}
