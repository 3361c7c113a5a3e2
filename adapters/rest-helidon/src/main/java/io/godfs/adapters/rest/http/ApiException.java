package io.godfs.adapters.rest.http;

import java.util.Map;
import java.util.Objects;

/**
 * A refusal the gateway answers with a JSON error: the HTTP status, a stable lower-case code and a
 * message naming what was wrong. Extra headers (e.g. {@code Content-Range} on a 416) go with it.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final transient Map<String, String> headers;

  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public ApiException(int status, String code, String message, Map<String, String> headers) {
    super(message);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.headers = Map.copyOf(headers);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "invalid_argument", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public static ApiException preconditionFailed(String message) {
    return new ApiException(412, "precondition_failed", message);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(413, "too_large", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
