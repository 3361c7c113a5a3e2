package io.godfs.adapters.rest.fs;

import com.fasterxml.jackson.databind.JsonNode;
import io.godfs.adapters.rest.http.ApiException;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.InodeAttributes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The body of {@code PATCH /v1/fs/attributes} (ADR 0028), every field optional, absent or null
 * keeping what the path has: {@code "mode"} as octal text ({@code "0750"}, {@code "4755"}) or its
 * integer value ({@code 488}); {@code "owner"} and {@code "group"}, numeric ids; {@code "accessed"}
 * and {@code "modified"}, an RFC 3339 time (to the nanosecond, any offset) or {@code "now"} (the
 * master's time). Anything else is a 400 naming the field and what it should hold.
 */
final class AttributesRequest {
  static final List<String> FIELDS = List.of("mode", "owner", "group", "accessed", "modified");
  private static final Pattern OCTAL = Pattern.compile("[0-7]{1,4}");
  private static final int MAX_SHOWN = 40;

  private AttributesRequest() {}

  /** The change {@code body} asks for; throws a 400 {@link ApiException} naming what is wrong. */
  static AttributeChange parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest(
          "the body : "
              + kind(body)
              + " (expected: a JSON object with any of "
              + String.join(", ", FIELDS)
              + ")");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.badRequest(
            "unknown field "
                + shown(name)
                + " (expected: any of "
                + String.join(", ", FIELDS)
                + ")");
      }
    }
    return new AttributeChange(
        id(body.get("owner"), "owner", "a uid"),
        id(body.get("group"), "group", "a gid"),
        mode(body.get("mode")),
        time(body.get("accessed"), "accessed"),
        time(body.get("modified"), "modified"));
  }

  private static OptionalInt mode(JsonNode node) {
    if (absent(node)) {
      return OptionalInt.empty();
    }
    if (node.isIntegralNumber()
        && node.canConvertToInt()
        && node.intValue() >= 0
        && node.intValue() <= InodeAttributes.PERMISSION_BITS) {
      return OptionalInt.of(node.intValue());
    }
    if (node.isTextual() && OCTAL.matcher(node.textValue()).matches()) {
      return OptionalInt.of(Integer.parseInt(node.textValue(), 8));
    }
    throw ApiException.badRequest(
        "mode : "
            + shown(node)
            + " (expected: the permission bits as octal text like \"0750\" or \"4755\", at most"
            + " \"7777\", or as an integer 0-4095 like 488)");
  }

  private static OptionalInt id(JsonNode node, String field, String what) {
    if (absent(node)) {
      return OptionalInt.empty();
    }
    if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0) {
      return OptionalInt.of(node.intValue());
    }
    throw ApiException.badRequest(
        field
            + " : "
            + shown(node)
            + " (expected: "
            + what
            + ", an integer 0-"
            + Integer.MAX_VALUE
            + ")");
  }

  private static AttributeChange.TimeChange time(JsonNode node, String field) {
    if (absent(node)) {
      return AttributeChange.TimeChange.KEEP;
    }
    if (node.isTextual()) {
      String text = node.textValue();
      if (text.equalsIgnoreCase("now")) {
        return AttributeChange.TimeChange.NOW;
      }
      try {
        // RFC 3339 allows a lower-case T and Z.
        Instant at =
            OffsetDateTime.parse(
                    text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
        return new AttributeChange.At(at);
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw ApiException.badRequest(
        field
            + " : "
            + shown(node)
            + " (expected: an RFC 3339 time like \"2026-01-02T03:04:05.123456789Z\" or"
            + " \"1969-07-20T20:17:40-05:00\", or \"now\")");
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull();
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    return node.isArray() ? "an array" : shown(node);
  }

  private static String shown(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.isTextual() ? shown(node.textValue()) : cut(node.toString());
  }

  private static String shown(String text) {
    return "\"" + cut(text) + "\"";
  }

  private static String cut(String text) {
    return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
  }
}
