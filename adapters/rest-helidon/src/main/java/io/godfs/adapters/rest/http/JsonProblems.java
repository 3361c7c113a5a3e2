package io.godfs.adapters.rest.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Says what is wrong with a JSON request body in the caller's terms: the field as it is spelt on
 * the wire, what it held and what it should hold, e.g. {@code parents : "yes" (expected: true or
 * false)}. Jackson's own messages name Java types and classes of this gateway, which mean nothing
 * to a caller and say more about the server than it should.
 */
final class JsonProblems {
  private static final int MAX_SHOWN = 40;

  private JsonProblems() {}

  /**
   * {@code body}: the request body parsed as a tree (null when it is not JSON), to show the value
   * found.
   */
  static String describe(JsonProcessingException e, JsonNode body) {
    if (e instanceof MismatchedInputException m) {
      String found = body == null ? got(m) : shown(body.at(pointer(m.getPath())), m);
      return where(m.getPath())
          + " : "
          + found
          + " (expected: "
          + expected(m.getTargetType())
          + ")";
    }
    if (e instanceof JsonParseException p) {
      JsonLocation at = p.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      return "invalid json" + where + ": " + plain(p.getOriginalMessage());
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return where(m.getPath()) + " : a value this endpoint cannot use";
    }
    return "invalid json: the body does not fit this endpoint";
  }

  /** {@code parts[0].part_number}; the body itself when the problem is at the top. */
  private static String where(List<JsonMappingException.Reference> path) {
    if (path.isEmpty()) {
      return "the body";
    }
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getFieldName() != null) {
        out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? "the body" : out.toString();
  }

  private static JsonPointer pointer(List<JsonMappingException.Reference> path) {
    JsonPointer p = JsonPointer.empty();
    for (JsonMappingException.Reference ref : path) {
      p =
          ref.getFieldName() != null
              ? p.appendProperty(ref.getFieldName())
              : p.appendIndex(Math.max(0, ref.getIndex()));
    }
    return p;
  }

  private static String shown(JsonNode node, MismatchedInputException m) {
    if (node == null || node.isMissingNode()) {
      return got(m);
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.isTextual() ? shown(node.asText()) : node.toString();
  }

  private static String got(MismatchedInputException m) {
    if (m instanceof InvalidNullException) {
      return "null";
    }
    if (m instanceof InvalidFormatException f) {
      return shown(f.getValue());
    }
    if (m.getProcessor() instanceof JsonParser p) {
      JsonToken token = p.currentToken();
      if (token != null) {
        try {
          return switch (token) {
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> shown(p.getText());
            case VALUE_NULL -> "null";
            default -> p.getText();
          };
        } catch (IOException ignored) {
          // fall through to the generic wording
        }
      }
    }
    String message = String.valueOf(m.getOriginalMessage());
    int quoted = message.indexOf("from String value ('");
    if (quoted >= 0 && message.indexOf("')", quoted) > 0) {
      return shown(message.substring(quoted + 20, message.indexOf("')", quoted)));
    }
    return message.contains("from Object value")
        ? "an object"
        : message.contains("from Array value") ? "an array" : "a value of another kind";
  }

  private static String shown(Object value) {
    if (value instanceof String s) {
      String cut = s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s;
      return "\"" + cut + "\"";
    }
    return String.valueOf(value);
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "a JSON object";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Long.class
        || type == long.class
        || type == Integer.class
        || type == int.class
        || type == Short.class
        || type == short.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a JSON object";
    }
    return "another kind of value";
  }

  /** Jackson's parse message without its pointers into the source and Java-style quoting. */
  private static String plain(String message) {
    String m = message == null ? "" : message.lines().findFirst().orElse("");
    int cut = m.indexOf(" (start marker");
    if (cut >= 0) {
      m = m.substring(0, cut);
    }
    return m.replace('`', '\'');
  }
}
