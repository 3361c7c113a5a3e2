package io.godfs.adapters.rest.auth;

import io.godfs.adapters.rest.http.ApiException;
import io.godfs.adapters.rest.http.Json;
import io.godfs.adapters.rest.http.Params;
import io.godfs.domain.file.DfsPath;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code POST /v1/presign {"method","path","expires_in_seconds"?,"content_length"?}}: an
 * authenticated caller gets a URL for one GET (and HEAD) or one exact-length PUT of one file, valid
 * until it expires.
 */
public final class PresignHttpService implements HttpService {
  private static final long DEFAULT_TTL_SECONDS = 900;
  private final PresignSigner signer;
  private final Json json;
  private final Supplier<String> publicUrl;

  /**
   * {@code signer} null = presigning is not configured: the endpoint answers 501. {@code
   * publicUrl}: where clients reach the gateway (configured, or derived from the listen address),
   * never the request's {@code Host} header, which the caller chooses.
   */
  public PresignHttpService(PresignSigner signer, Json json, Supplier<String> publicUrl) {
    this.signer = signer;
    this.json = json;
    this.publicUrl = publicUrl;
  }

  record PresignRequest(String method, String path, Long expiresInSeconds, Long contentLength) {}

  record PresignResponse(
      String url, String method, String path, long expiresAtUnix, String keyId) {}

  @Override
  public void routing(HttpRules rules) {
    rules.post("/presign", this::presign);
  }

  private void presign(ServerRequest req, ServerResponse res) {
    if (signer == null) {
      throw new ApiException(
          501, "not_implemented", "presigned URLs are not configured on this gateway");
    }
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
}
