package io.godfs.adapters.rest.http;

import io.helidon.webserver.http.ServerRequest;

/**
 * What the filters learn about a request and the handlers and error handlers need: its id (kept
 * from {@code X-Request-ID} or generated) and who made it. Lives in the request's context.
 */
public final class RequestInfo {
  private final String requestId;
  private volatile String principal = "anonymous";
  private volatile boolean authenticated;

  RequestInfo(String requestId) {
    this.requestId = requestId;
  }

  public static RequestInfo of(ServerRequest req) {
    return req.context().get(RequestInfo.class).orElseGet(() -> new RequestInfo("-"));
  }

  public String requestId() {
    return requestId;
  }

  public String principal() {
    return principal;
  }

  /** Whether an API key named the caller (not a presigned URL, not an open gateway). */
  public boolean authenticated() {
    return authenticated;
  }

  public void principal(String principal) {
    this.principal = principal;
  }

  public void authenticatedAs(String principal) {
    this.principal = principal;
    this.authenticated = true;
  }
}
