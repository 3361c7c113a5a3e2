package io.godfs.adapters.rest.auth;

import io.godfs.adapters.rest.console.Console;
import io.godfs.adapters.rest.http.ApiException;
import io.godfs.adapters.rest.http.ErrorResponses;
import io.godfs.adapters.rest.http.HttpTracing;
import io.godfs.adapters.rest.http.Params;
import io.godfs.adapters.rest.http.RequestInfo;
import io.godfs.application.port.in.FrontEndServices;
import io.godfs.domain.access.Delegation;
import io.godfs.domain.access.DelegationToken;
import io.godfs.domain.file.DfsPath;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling: {@code Authorization: Bearer <credential>} checked against the gateway's own keys
 * when it has any, or a presigned URL for {@code /v1/fs/content}: one carrying a delegation token
 * the masters issued (its token is passed on as the request's credential), or one the gateway
 * signed with its own keys (a cluster with security off). With keys configured anything else is a
 * 401; without keys the gateway leaves the decision to the cluster, whose masters check the
 * credential the gateway passes on for each request (a cluster with security off lets everyone in).
 * A presigned URL is checked whenever one is presented.
 */
public final class AuthFilter implements Filter {
  private static final Set<String> OPEN_PATHS = Set.of("/v1/health", "/v1/openapi");
  private static final String CONTENT = "/v1/fs/content";
  private static final Map<String, String> CHALLENGE =
      Map.of("WWW-Authenticate", "Bearer realm=\"godfs\"");
  private static final String PRESIGNED = "presigned";

  /** Unexpired used PUT URLs remembered at most (about 100 bytes each). */
  static final int MAX_USED_PUT_URLS = 100_000;

  private final ApiKeys keys;
  private final PresignSigner signer;
  private final ErrorResponses errors;
  private final SingleUsePuts usedPuts;
  private final Clock clock;
  private final FrontEndServices services;

  /**
   * {@code signer} null = the gateway signs no presigned URL itself; {@code services} reads the
   * delegation tokens of the masters' presigned URLs.
   */
  public AuthFilter(
      ApiKeys keys,
      PresignSigner signer,
      ErrorResponses errors,
      Clock clock,
      FrontEndServices services) {
    this.keys = keys;
    this.services = services;
    this.signer = signer;
    this.errors = errors;
    this.usedPuts = new SingleUsePuts(MAX_USED_PUT_URLS, clock);
    this.clock = clock;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    try {
      String principal = authenticate(req);
      if (PRESIGNED.equals(principal)
          || principal != null && !keys.enabled()
          || req.query().contains(PresignHttpService.TOKEN)) {
        RequestInfo.of(req).principal(principal);
      } else if (principal != null) {
        RequestInfo.of(req).authenticatedAs(principal);
      }
    } catch (ApiException e) {
      errors.send(req, res, e);
      return;
    }
    HttpTracing.asPrincipal(RequestInfo.of(req).principal(), chain::proceed);
  }

  /** The principal, null for an anonymous call that is allowed, or an {@link ApiException}. */
  private String authenticate(RoutingRequest req) {
    String path = req.path().path();
    if (OPEN_PATHS.contains(path) || Console.serves(path)) { // the console's files hold no data
      return null;
    }
    String authorization = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
    if (authorization != null) {
      String token =
          authorization.regionMatches(true, 0, "Bearer ", 0, 7)
              ? authorization.substring(7).strip()
              : "";
      if (!token.isEmpty()) {
        // Passed on to the cluster, whose masters decide what its holder may do.
        RequestInfo.of(req).credential(token);
      }
      if (!keys.enabled()) {
        return token.isEmpty() ? null : ApiKeys.label(token);
      }
      return keys.principal(token)
          .orElseThrow(
              () ->
                  new ApiException(
                      401,
                      "unauthorized",
                      "invalid api key (expected: Authorization: Bearer <api key>)",
                      CHALLENGE));
    }
    if (req.query().contains(PresignHttpService.TOKEN)) {
      return delegated(req, path);
    }
    if (req.query().contains(PresignSigner.SIG)) {
      return presigned(req, path);
    }
    if (keys.enabled()) {
      throw new ApiException(
          401,
          "unauthorized",
          "authorization required: send Authorization: Bearer <api key> or use a presigned URL",
          CHALLENGE);
    }
    return null;
  }

  /**
   * A URL carrying a delegation token (ADR 0022): the token goes on to the masters as the request's
   * credential, and they check its signature and expiry and what it allows. What the gateway can
   * read from it is checked here first, so a wrong use is refused before any call, saying why: the
   * path, the method, the expiry, and for a PUT the exact length (which only the gateway sees) and
   * the single use.
   */
  private String delegated(RoutingRequest req, String path) {
    if (!path.equals(CONTENT)) {
      throw new ApiException(403, "presign_invalid", "a presigned URL only grants " + CONTENT);
    }
    String token = req.query().first(PresignHttpService.TOKEN).orElse("");
    DelegationToken claims =
        services
            .readDelegation(token)
            .orElseThrow(
                () ->
                    new ApiException(
                        401,
                        "presign_invalid",
                        "the presigned URL's godfs_token is not a delegation token (cut short or"
                            + " altered?)",
                        CHALLENGE));
    Delegation grant = claims.delegation();
    Method m = req.prologue().method();
    boolean reads = m.equals(Method.GET) || m.equals(Method.HEAD);
    boolean writes = m.equals(Method.PUT);
    if (grant.operation() == Delegation.Operation.READ ? !reads : !writes) {
      throw new ApiException(
          403,
          "presign_invalid",
          "this presigned URL grants "
              + grant.describe()
              + " ("
              + (grant.operation() == Delegation.Operation.READ ? "GET or HEAD" : "PUT")
              + "), not "
              + m.text());
    }
    DfsPath file = Params.path(req);
    if (!file.equals(grant.path())) {
      throw new ApiException(
          403,
          "presign_invalid",
          "this presigned URL grants " + grant.describe() + ", not access to " + file);
    }
    if (!clock.instant().isBefore(grant.expires())) {
      throw new ApiException(
          401, "presign_expired", "the presigned URL expired at " + grant.expires(), CHALLENGE);
    }
    if (writes) {
      long length = req.headers().contentLength().orElse(-1);
      if (length != grant.contentLength()) {
        throw new ApiException(
            403,
            "presign_invalid",
            "this presigned URL uploads exactly "
                + grant.contentLength()
                + " bytes; the request "
                + (length < 0 ? "sends no Content-Length" : "sends " + length));
      }
      // Its MAC (the last 43 characters) tells tokens apart, in a third of the memory.
      claimOnce(
          token.substring(Math.max(0, token.length() - 43)), grant.expires().getEpochSecond());
    }
    RequestInfo.of(req).credential(token);
    return claims.issuer().name();
  }

  private String presigned(RoutingRequest req, String path) {
    if (signer == null) {
      throw new ApiException(
          401, "unauthorized", "presigned URLs are not enabled on this gateway", CHALLENGE);
    }
    if (!path.equals(CONTENT)) {
      throw new ApiException(403, "presign_invalid", "a presigned URL only grants " + CONTENT);
    }
    Method m = req.prologue().method();
    String method =
        m.equals(Method.GET) || m.equals(Method.HEAD) ? "GET" : m.equals(Method.PUT) ? "PUT" : null;
    if (method == null) {
      throw new ApiException(
          403, "presign_invalid", "a presigned URL only grants GET, HEAD or PUT");
    }
    DfsPath file = Params.path(req);
    var q = req.query();
    PresignSigner.Verdict verdict =
        signer.verify(
            method,
            file,
            q.first(PresignSigner.EXP).orElse(null),
            q.first(PresignSigner.KID).orElse(null),
            q.first(PresignSigner.SIG).orElse(null),
            q.first(PresignSigner.LEN).orElse(null),
            req.headers().contentLength().orElse(-1));
    return switch (verdict) {
      case VALID -> {
        if (method.equals("PUT")) {
          claimOnce(
              q.first(PresignSigner.SIG).orElseThrow(),
              Long.parseLong(q.first(PresignSigner.EXP).orElseThrow()));
        }
        yield PRESIGNED;
      }
      case EXPIRED ->
          throw new ApiException(
              401, "presign_expired", "the presigned URL has expired", CHALLENGE);
      case UNKNOWN_KEY ->
          throw new ApiException(403, "presign_invalid", "the presigned URL's key id is not known");
      case BAD_SIGNATURE ->
          throw new ApiException(
              403,
              "presign_invalid",
              "the presigned URL's signature does not match its method, path, expiry and length");
      case MALFORMED ->
          throw new ApiException(
              403,
              "presign_invalid",
              "the presigned URL lacks godfs_exp, godfs_kid or a 64-hex-digit godfs_sig");
      case LENGTH_MISMATCH ->
          throw new ApiException(
              403,
              "presign_invalid",
              "the body length differs from the length the URL was signed for (send Content-Length)");
    };
  }

  /**
   * A presigned PUT URL uploads once: replaying it (a leaked URL, a proxy log) could otherwise
   * overwrite the file again until it expires. Claimed before the body is read, so a failed upload
   * needs a new URL.
   */
  private void claimOnce(String signature, long expiresAt) {
    switch (usedPuts.claim(signature, expiresAt)) {
      case FIRST_USE -> {}
      case ALREADY_USED ->
          throw new ApiException(
              403,
              "presign_used",
              "this presigned PUT URL has already been used (each uploads once; ask for a new one)");
      case FULL ->
          throw new ApiException(
              503,
              "unavailable",
              "too many presigned uploads in flight on this gateway;" + " retry later",
              Map.of("Retry-After", "60"));
    }
  }
}
