package io.godfs.adapters.rest.auth;

import io.godfs.adapters.rest.http.ApiException;
import io.godfs.adapters.rest.http.Json;
import io.godfs.adapters.rest.http.Params;
import io.godfs.adapters.rest.http.RequestInfo;
import io.godfs.application.port.in.DelegationUseCase;
import io.godfs.application.port.in.FrontEndServices;
import io.godfs.domain.access.Delegation;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code POST /v1/presign {"method","path","expires_in_seconds"?,"content_length"?}}: an
 * authenticated caller gets a URL for one GET (and HEAD) or one exact-length PUT of one file, valid
 * until it expires. The URL carries a delegation token the masters issue to the caller (ADR 0022:
 * {@value #TOKEN}, asked with the caller's credential, so the master checks the caller's permission
 * and the URL acts in the caller's name). A cluster with security off issues none: then the
 * gateway's own presign keys sign, when it has any ({@link PresignSigner}).
 */
public final class PresignHttpService implements HttpService {
  private static final long DEFAULT_TTL_SECONDS = 900;
  private final PresignSigner signer;
  private final Json json;
  private final Supplier<String> publicUrl;
  private final FrontEndServices services;

  /** The query parameter of a URL that carries a delegation token. */
  public static final String TOKEN = "godfs_token";

  /**
   * {@code signer}: the gateway's own keys, used only when the cluster issues no delegation tokens
   * (security off); null = none, and then such a cluster's presign answers 501. {@code publicUrl}:
   * where clients reach the gateway (configured, or derived from the listen address), never the
   * request's {@code Host} header, which the caller chooses.
   */
  public PresignHttpService(
      PresignSigner signer, Json json, Supplier<String> publicUrl, FrontEndServices services) {
    this.signer = signer;
    this.json = json;
    this.publicUrl = publicUrl;
    this.services = services;
  }

  record PresignRequest(String method, String path, Long expiresInSeconds, Long contentLength) {}

  record PresignResponse(
      String url, String method, String path, long expiresAtUnix, String keyId) {}

  @Override
  public void routing(HttpRules rules) {
    rules.post("/presign", this::presign);
  }

  private void presign(ServerRequest req, ServerResponse res) {
    PresignRequest body = json.read(req, PresignRequest.class);
    String method = body.method() == null ? "" : body.method().toUpperCase(Locale.ROOT);
    if (!method.equals("GET") && !method.equals("PUT")) {
      throw ApiException.badRequest("method : " + body.method() + " (expected: GET or PUT)");
    }
    DfsPath path = Params.path(body.path(), "path");
    long ttl = body.expiresInSeconds() == null ? DEFAULT_TTL_SECONDS : body.expiresInSeconds();
    if (ttl < 1 || ttl > PresignSigner.MAX_TTL.toSeconds()) {
      throw ApiException.badRequest(
          "expires_in_seconds : "
              + ttl
              + " (expected: 1-"
              + PresignSigner.MAX_TTL.toSeconds()
              + ")");
    }
    if (method.equals("PUT") && (body.contentLength() == null || body.contentLength() < 0)) {
      throw ApiException.badRequest(
          "content_length is required for PUT (the exact body size, >= 0)");
    }
    DelegationUseCase.Issued issued;
    try {
      issued =
          services.delegate(
              RequestInfo.of(req).credential(),
              path,
              method.equals("GET") ? Delegation.Operation.READ : Delegation.Operation.WRITE,
              method.equals("GET") ? -1 : body.contentLength(),
              Duration.ofSeconds(ttl));
    } catch (DfsException e) {
      if (e.code() != ErrorCode.CONFLICT) {
        throw e;
      }
      // The cluster has security off (it authenticates no one to act for): the gateway's own
      // keys sign, when it has any.
      if (signer == null) {
        throw new ApiException(
            501, "not_implemented", "presigned URLs are not available: " + e.getMessage());
      }
      issued = null;
    }
    if (issued != null) {
      sendDelegated(res, method, path, issued);
      return;
    }
    PresignSigner.Presigned signed =
        signer.sign(method, path, Duration.ofSeconds(ttl), body.contentLength());
    json.send(
        res,
        200,
        new PresignResponse(
            publicUrl.get() + "/v1/fs/content?" + signed.query(),
            method,
            path.value(),
            signed.expiresAt().getEpochSecond(),
            signed.keyId()));
  }

  /** A URL carrying a delegation token the masters issued to this request's caller. */
  private void sendDelegated(
      ServerResponse res, String method, DfsPath path, DelegationUseCase.Issued issued) {
    String query =
        "path="
            + URLEncoder.encode(path.value(), StandardCharsets.UTF_8)
            + "&"
            + TOKEN
            + "="
            + issued.token();
    json.send(
        res,
        200,
        new PresignResponse(
            publicUrl.get() + "/v1/fs/content?" + query,
            method,
            path.value(),
            issued.expires().getEpochSecond(),
            "master-" + issued.keyId()));
  }
}
