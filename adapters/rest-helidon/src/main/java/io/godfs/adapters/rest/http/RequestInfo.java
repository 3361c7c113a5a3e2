package io.godfs.adapters.rest.http;

import io.godfs.application.port.in.FrontEndServices;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * What the filters learn about a request and the handlers and error handlers need: its id (kept
 * from {@code X-Request-ID} or generated), who made it, and the credential it presented, which the
 * gateway passes on to the cluster (never to a log: nothing here prints it). Lives in the request's
 * context.
 */
public final class RequestInfo {
  private final String requestId;
  private volatile String principal = "anonymous";
  private volatile boolean authenticated;
  private volatile Optional<String> credential = Optional.empty();

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

  /** The bearer credential the caller presented, if any. */
  public Optional<String> credential() {
    return credential;
  }

  public void credential(String presented) {
    this.credential = Optional.of(presented);
  }

  /** The services as this request's caller sees them. */
  public static FrontEndServices.CallerSession session(
      ServerRequest req, FrontEndServices services) {
    return services.forCredential(of(req).credential());
  }

  public void authenticatedAs(String principal) {
    this.principal = principal;
    this.authenticated = true;
  }
}
