package io.godfs.adapters.rest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
  private final ObjectMapper mapper = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
  private final long maxBodyBytes;

  public Json(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Parses the request body as {@code type}: 413 over the cap, 400 when it is not valid JSON. */
  public <T> T read(ServerRequest req, Class<T> type) {
    long declared = req.headers().contentLength().orElse(-1);
    if (declared > maxBodyBytes) {
      throw ApiException.tooLarge("json body too large: " + declared + " bytes (limit " + maxBodyBytes + ")");
    }
    byte[] body;
    try (InputStream in = req.content().inputStream()) {
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
    } catch (MismatchedInputException e) {
      String field = e.getPath().isEmpty() ? "" : " at field " + e.getPath().getLast().getFieldName();
      throw ApiException.badRequest("invalid json" + field + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("invalid json: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException("parsing the request body", e);
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
