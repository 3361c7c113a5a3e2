package io.godfs.adapters.rest.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Answers what Helidon refuses before routing (a request it cannot parse, headers past the limit, a
 * body past the server's own limit) with the same {@code {"error","code","request_id"}} JSON as
 * every other error, instead of Helidon's plain text (headers merely over the configured limit get
 * their 431 from {@link HeaderSizeFilter}). The connection is closed afterwards: what is left of
 * such a request cannot be trusted to be read.
 */
public final class JsonDirectHandler implements DirectHandler {
  private final Json json;

  public JsonDirectHandler(Json json) {
    this.json = json;
  }

  @Override
  public TransportResponse handle(
      TransportRequest request,
      EventType type,
      Status status,
      ServerResponseHeaders headers,
      String message) {
    String text = message == null || message.isBlank() ? status.reasonPhrase() : message;
    if (status.code() == 503) { // Helidon's refusal past GODFS_GATEWAY_MAX_CONCURRENT_REQUESTS
      text =
          "too many requests in progress on this gateway (GODFS_GATEWAY_MAX_CONCURRENT_REQUESTS); retry shortly";
      headers.set(HeaderNames.RETRY_AFTER, "1");
    }
    String id = requestId(request);
    byte[] body = json.bytes(new ErrorBody(text, code(status), id));
    return TransportResponse.builder()
        .status(status)
        .headers(headers)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .header(RequestIdFilter.X_REQUEST_ID, id)
        .keepAlive(false)
        .entity(body)
        .build();
  }

  private static String code(Status status) {
    return switch (status.code()) {
      case 408 -> "request_timeout";
      case 413 -> "too_large";
      case 503 -> "overloaded";
      case 505 -> "http_version_not_supported";
      default -> status.code() >= 500 ? "internal" : "bad_request";
    };
  }

  private static String requestId(TransportRequest request) {
    return RequestIdFilter.keptOrNew(
        request.headers().first(RequestIdFilter.X_REQUEST_ID).orElse(""));
  }
}
