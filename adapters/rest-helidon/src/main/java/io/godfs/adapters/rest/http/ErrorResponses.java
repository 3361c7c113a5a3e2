package io.godfs.adapters.rest.http;

import io.godfs.application.port.in.DfsIOException;
import io.godfs.application.port.in.UploadException;
import io.godfs.domain.error.DfsException;
import io.helidon.http.BadRequestException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * Turns whatever a handler threw into {@code {"error","code","request_id"}} with the right status.
 * A failure that is not a client's mistake is a 500 with a fixed message; its details go to the log
 * under the request id, never to the client.
 */
public final class ErrorResponses {
  private static final System.Logger LOG = System.getLogger("io.godfs.adapters.rest");
  private final Json json;

  public ErrorResponses(Json json) {
    this.json = json;
  }

  public void register(HttpRouting.Builder routing) {
    routing.error(ClientGoneException.class, (req, res, e) -> gone(req, res, e.getMessage()));
    routing.error(ApiException.class, (req, res, e) -> send(req, res, e));
    routing.error(
        DfsException.class, (req, res, e) -> send(req, res, ErrorMapper.toApi(e.error())));
    routing.error(
        DfsIOException.class, (req, res, e) -> send(req, res, ErrorMapper.toApi(e.error())));
    routing.error(UploadException.class, (req, res, e) -> send(req, res, ErrorMapper.toApi(e)));
    routing.error(
        BadRequestException.class,
        (req, res, e) -> send(req, res, ApiException.badRequest(e.getMessage())));
    routing.error(
        HttpException.class,
        (req, res, e) ->
            send(
                req,
                res,
                new ApiException(e.status().code(), "http_" + e.status().code(), e.getMessage())));
    routing.error(Throwable.class, this::internal);
  }

  private void internal(ServerRequest req, ServerResponse res, Throwable e) {
    if (e instanceof ClientGoneException || ClientGoneException.isDisconnect(e)) {
      gone(
          req,
          res,
          e instanceof ClientGoneException
              ? e.getMessage()
              : "the client went away (" + ClientGoneException.rootMessage(e) + ")");
      return;
    }
    Throwable cause = e;
    while (cause.getCause() != null
        && !(cause instanceof DfsException)
        && !(cause instanceof DfsIOException)
        && !(cause instanceof ApiException)
        && !(cause instanceof UploadException)) {
      cause = cause.getCause();
    }
    switch (cause) {
      case ClientGoneException gone -> gone(req, res, gone.getMessage());
      case ApiException api -> send(req, res, api);
      case DfsException dfs -> send(req, res, ErrorMapper.toApi(dfs.error()));
      case DfsIOException dfs -> send(req, res, ErrorMapper.toApi(dfs.error()));
      case UploadException upload -> send(req, res, ErrorMapper.toApi(upload));
      default -> {
        LOG.log(
            Level.WARNING,
            "request "
                + RequestInfo.of(req).requestId()
                + " "
                + req.prologue().method().text()
                + " "
                + req.path().path()
                + " failed",
            e);
        send(req, res, new ApiException(500, "internal", "internal error"));
      }
    }
  }

  /** Writes the error, unless the body has already started: then the connection is cut instead. */
  public void send(ServerRequest req, ServerResponse res, ApiException e) {
    if (res.isSent()) {
      return;
    }
    // The handler may have described the body it meant to send (a file's Content-Length and
    // Content-Range) before it failed: left on the error, they would frame the short JSON as the
    // start of that body, and a keep-alive client would wait for bytes that never come.
    res.headers().remove(HeaderNames.CONTENT_LENGTH);
    res.headers().remove(HeaderNames.CONTENT_RANGE);
    if (e.status() >= 500 && e.status() != 501) {
      LOG.log(
          Level.WARNING,
          "request " + RequestInfo.of(req).requestId() + ": " + e.status() + " " + e.getMessage());
    }
    for (Map.Entry<String, String> h : e.headers().entrySet()) {
      res.header(h.getKey(), h.getValue());
    }
    String message = e.getMessage() == null ? e.code() : e.getMessage();
    try {
      json.send(res, e.status(), new ErrorBody(message, e.code(), RequestInfo.of(req).requestId()));
    } catch (RuntimeException failed) {
      if (!ClientGoneException.isDisconnect(failed)) {
        throw failed;
      }
      logGone(
          req,
          "the client went away before its " + e.status() + " (" + message + ") could be sent");
    }
  }

  /**
   * A client that hung up is routine (a closed browser tab, a killed curl): one line at DEBUG, no
   * stack trace, nothing sent.
   */
  private static void gone(ServerRequest req, ServerResponse res, String what) {
    logGone(req, what);
    if (!res.isSent()) {
      try { // ends the exchange for Helidon (else it tries a 500 of its own and logs that); nobody
        // reads it
        res.header(HeaderValues.CONNECTION_CLOSE);
        res.status(Status.BAD_REQUEST_400).send();
      } catch (RuntimeException ignored) {
        // the connection is gone: expected
      }
    }
  }

  /** The one DEBUG line for a client that went away ({@code what} says when). */
  public static void logGone(ServerRequest req, String what) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "request "
              + RequestInfo.of(req).requestId()
              + " "
              + req.prologue().method().text()
              + " "
              + req.prologue().uriPath().path()
              + ": "
              + what);
    }
  }
}
