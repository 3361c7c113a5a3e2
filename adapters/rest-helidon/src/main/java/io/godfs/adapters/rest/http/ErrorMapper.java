package io.godfs.adapters.rest.http;

import io.godfs.application.port.in.UploadException;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import java.util.Locale;

/**
 * The one place where goDFS refusals become HTTP statuses (docs/adr/0007). Client mistakes are 4xx;
 * only a failure of the cluster itself is 5xx.
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  public static int status(ErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, NOT_A_DIRECTORY, IS_A_DIRECTORY, NOT_EMPTY, CONFLICT, BUSY -> 409;
      case INVALID_ARGUMENT -> 400;
      case NO_CAPACITY, UNAVAILABLE, NOT_LEADER -> 503;
      case CORRUPT -> 500;
      case PERMISSION_DENIED, READ_ONLY, NOT_PERMITTED -> 403;
      case UNAUTHENTICATED -> 401;
      case QUOTA_EXCEEDED -> 507; // Insufficient Storage: this directory's, not the cluster's
      case NO_ATTRIBUTE -> 404;
      case UNSUPPORTED -> 501;
      case TOO_LARGE -> 413;
      case TOO_MANY_LINKS -> 409;
    };
  }

  /** The JSON {@code code}: the error code's name in lower case, e.g. {@code not_found}. */
  public static String code(ErrorCode code) {
    return code.name().toLowerCase(Locale.ROOT);
  }

  public static ApiException toApi(DfsError error) {
    return new ApiException(status(error.code()), code(error.code()), error.message());
  }

  /** An upload's own refusals: an unknown upload, a wrong part, a body past its limit. */
  public static ApiException toApi(UploadException e) {
    return switch (e.reason()) {
      case NO_SUCH_UPLOAD -> new ApiException(404, "no_such_upload", e.getMessage());
      case INVALID_PART -> new ApiException(400, "invalid_part", e.getMessage());
      case TOO_LARGE -> ApiException.tooLarge(e.getMessage());
    };
  }
}
