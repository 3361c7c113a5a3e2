package io.godfs.adapters.rest.content;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * RFC 9110 §13 preconditions, evaluated in the RFC's order. {@code current} is null when the target
 * does not exist (If-Match then fails; {@code If-None-Match: *} passes).
 */
public final class Conditionals {
  /** What a request's preconditions decide. */
  public enum Decision {
    PROCEED,
    NOT_MODIFIED,
    PRECONDITION_FAILED
  }

  private Conditionals() {}

  /**
   * For every method. {@code safe}: GET or HEAD, where a matching If-None-Match or an unchanged
   * If-Modified-Since answers 304 instead of 412.
   */
  public static Decision evaluate(
      Validators current,
      boolean safe,
      String ifMatch,
      String ifUnmodifiedSince,
      String ifNoneMatch,
      String ifModifiedSince) {
    if (ifMatch != null) {
      if (current == null || !matches(ifMatch, current.etag(), false)) {
        return Decision.PRECONDITION_FAILED;
      }
    } else if (ifUnmodifiedSince != null && current != null) {
      Instant date = httpDate(ifUnmodifiedSince);
      if (date != null && current.lastModified().isAfter(date)) {
        return Decision.PRECONDITION_FAILED;
      }
    }
    if (ifNoneMatch != null) {
      if (current != null && matches(ifNoneMatch, current.etag(), true)) {
        return safe ? Decision.NOT_MODIFIED : Decision.PRECONDITION_FAILED;
      }
    } else if (safe && ifModifiedSince != null && current != null) {
      Instant date = httpDate(ifModifiedSince);
      if (date != null && !current.lastModified().isAfter(date)) {
        return Decision.NOT_MODIFIED;
      }
    }
    return Decision.PROCEED;
  }

  /**
   * If-Range: true when the Range header may be honoured (the validator still describes the file).
   */
  public static boolean rangeStillValid(Validators current, String ifRange) {
    if (ifRange == null) {
      return true;
    }
    String v = ifRange.strip();
    if (v.startsWith("\"") || v.startsWith("W/")) {
      return !v.startsWith("W/") && v.equals(current.etag()); // If-Range needs a strong match
    }
    Instant date = httpDate(v);
    return date != null && date.equals(current.lastModified());
  }

  /** An entity-tag list ({@code *} or {@code "a", W/"b"}) against {@code etag}. */
  static boolean matches(String header, String etag, boolean weak) {
    String h = header.strip();
    if (h.equals("*")) {
      return true;
    }
    for (String candidate : h.split(",")) {
      String c = candidate.strip();
      if (c.startsWith("W/")) {
        if (!weak) {
          continue; // strong comparison never matches a weak tag
        }
        c = c.substring(2);
      }
      if (c.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /** An HTTP date (IMF-fixdate), or null when malformed: a bad date is ignored, as the RFC says. */
  static Instant httpDate(String raw) {
    try {
      return ZonedDateTime.parse(raw.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
