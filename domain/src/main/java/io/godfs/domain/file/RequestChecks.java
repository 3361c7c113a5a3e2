package io.godfs.domain.file;

import java.util.Collection;

/**
 * The refusals the port request records share, worded as every argument refusal is ("field : value
 * (expected: ...)"), so the gRPC edge can pass an {@link IllegalArgumentException}'s message on as
 * its INVALID_ARGUMENT answer.
 */
final class RequestChecks {
  private RequestChecks() {}

  static long notNegative(String field, long value, String meaning) {
    if (value < 0) {
      throw new IllegalArgumentException(
          field + " : " + value + " (expected: >= 0, " + meaning + ")");
    }
    return value;
  }

  static <C extends Collection<?>> C notEmpty(String field, C values, String meaning) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(field + " : [] (expected: at least one: " + meaning + ")");
    }
    return values;
  }
}
