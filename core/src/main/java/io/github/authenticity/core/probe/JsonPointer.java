package io.github.authenticity.core.probe;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.authenticity.core.json.Json;

/** RFC 6901 JSON pointers over values from {@link Json#parse(String)}. */
final class JsonPointer {

  /** Marks a value that is JSON {@code null}, as opposed to a missing one. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private JsonPointer() {
  }

  /**
   * The value at {@code pointer} in {@code document}; empty when it does not exist, {@link #NULL} for JSON null.
   *
   * @throws IllegalArgumentException when {@code pointer} is neither empty nor starts with {@code /}
   */
  static Optional<Object> resolve(Object document, String pointer) {
    if (pointer.isEmpty()) {
      return Optional.of(document == null ? NULL : document);
    }
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException("jsonPointer [" + pointer + "] must be empty or start with '/' (RFC 6901)");
    }
    Object current = document;
    for (String raw : pointer.substring(1).split("/", -1)) {
      String token = raw.replace("~1", "/").replace("~0", "~");
      if (current instanceof Map<?, ?> map) {
        if (!map.containsKey(token)) {
          return Optional.empty();
        }
        current = map.get(token);
      } else if (current instanceof List<?> list) {
        if (!token.matches("0|[1-9][0-9]{0,8}") || Integer.parseInt(token) >= list.size()) {
          return Optional.empty();
        }
        current = list.get(Integer.parseInt(token));
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(current == null ? NULL : current);
  }

  /** {@code value} as text to compare with {@code expectValue}: strings as they are, everything else as JSON. */
  static String text(Object value) {
    if (value == NULL) {
      return "null";
    }
    return value instanceof String text ? text : Json.write(value);
  }

  /** Whether {@code value} equals {@code expected}; numbers compare by value ({@code 1} equals {@code 1.0}). */
  static boolean matches(Object value, String expected) {
    if (value instanceof Number number) {
      try {
        return new BigDecimal(number.toString()).compareTo(new BigDecimal(expected.trim())) == 0;
      } catch (NumberFormatException ex) {
        return false;
      }
    }
    return text(value).equals(expected);
  }
}
