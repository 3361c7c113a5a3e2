package io.godfs.adapters.rest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * JSON in and out with snake_case names (goDFS's wire format). Request bodies are read with a size
 * cap before parsing, so a huge body is a 413 and never a large allocation.
 */
public final class Json {
  private final ObjectMapper mapper =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
          // 1.5 is not a size and 2 is not a flag: refused rather than silently truncated or made
          // true.
          .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

  {
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
  }

  private final long maxBodyBytes;

  public Json(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Parses the request body as {@code type}: 413 over the cap, 400 when it is not valid JSON. */
  public <T> T read(ServerRequest req, Class<T> type) {
    long declared = req.headers().contentLength().orElse(-1);
    if (declared > maxBodyBytes) {
      throw ApiException.tooLarge(
          "json body too large: " + declared + " bytes (limit " + maxBodyBytes + ")");
    }
    byte[] body;
    try (InputStream in = WatchedBody.of(req)) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (body.length > maxBodyBytes) {
        throw ApiException.tooLarge("json body too large (limit " + maxBodyBytes + " bytes)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body", e);
    }
    if (body.length == 0) {
      throw ApiException.badRequest("invalid json: the body is empty (expected a JSON object)");
    }
    try {
      T value = mapper.readValue(body, type);
      if (value == null) {
        throw ApiException.badRequest("invalid json: null (expected a JSON object)");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(JsonProblems.describe(e, treeOrNull(body)));
    } catch (IOException e) {
      throw new UncheckedIOException("parsing the request body", e);
    }
  }

  private JsonNode treeOrNull(byte[] body) {
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** Parses JSON the gateway wrote itself (e.g. a multipart manifest). */
  public <T> T parse(byte[] bytes, Class<T> type) {
    try {
      return mapper.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException("parsing stored " + type.getSimpleName(), e);
    }
  }

  public byte[] bytes(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public void send(ServerResponse res, int status, Object value) {
    byte[] bytes = bytes(value);
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(bytes);
  }
}
