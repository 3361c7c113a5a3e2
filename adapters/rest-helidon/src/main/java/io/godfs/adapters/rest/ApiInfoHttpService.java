package io.godfs.adapters.rest;

import io.godfs.adapters.rest.http.ApiException;
import io.godfs.adapters.rest.http.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code /v1/health}, {@code /v1/openapi} (the document from api-contracts) and a JSON 404 for
 * anything else.
 */
final class ApiInfoHttpService implements HttpService {
  static final String OPENAPI_RESOURCE = "/openapi/godfs-v1.yaml";
  private final Json json;
  private final byte[] openApi;

  ApiInfoHttpService(Json json) {
    this.json = json;
    try (InputStream in = ApiInfoHttpService.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            OPENAPI_RESOURCE + " is missing from the classpath (api-contracts)");
      }
      this.openApi = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + OPENAPI_RESOURCE, e);
    }
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/health", (req, res) -> json.send(res, 200, Map.of("status", "ok")))
        .get("/openapi", this::openApi);
  }

  /** Registered last: whatever no route took is a JSON 404 instead of Helidon's plain text. */
  static void unknown(ServerRequest req, ServerResponse res) {
    throw new ApiException(
        404,
        "not_found",
        "no endpoint "
            + req.prologue().method().text()
            + " "
            + req.path().path()
            + " (see /v1/openapi)");
  }

  private void openApi(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
    res.send(openApi);
  }
}
