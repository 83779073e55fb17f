package io.github.authenticity.examples.client;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The client library's JSON, with Jackson: the string, number and boolean fields of a flat object. */
final class FlatJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FlatJson() {
  }

  /**
   * The scalar fields of the JSON object {@code json} as text ({@code null} and nested values are left out).
   *
   * @throws IllegalArgumentException when {@code json} is not a JSON object, quoting what it is
   */
  static Map<String, String> parse(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException("Not JSON: [" + abbreviate(json) + "]: " + ex.getOriginalMessage(), ex);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("Not a JSON object: [" + abbreviate(json) + "]");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    node.fields().forEachRemaining(field -> {
      if (field.getValue().isValueNode() && !field.getValue().isNull()) {
        fields.put(field.getKey(), field.getValue().asText());
      }
    });
    return fields;
  }

  /** {@code text} as a JSON string literal. */
  static String quote(String text) {
    try {
      return MAPPER.writeValueAsString(text);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 80 ? String.valueOf(text) : text.substring(0, 77) + "...";
  }
}
