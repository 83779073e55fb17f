package io.github.authenticity.examples.platform;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The demo platform's JSON, with Jackson: writing values and reading flat objects. */
final class JsonText {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonText() {
  }

  static String quote(String text) {
    return value(text);
  }

  /** {@code value} (a string, number, boolean or {@code null}) as JSON. */
  static String value(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static String csv(String text) {
    return text.contains(",") || text.contains("\"") || text.contains("\n")
        ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  /**
   * The string and number fields of a flat JSON object as text ({@code null} and nested values are left out);
   * a body that is not a JSON object has none.
   */
  static Map<String, String> flatObject(String json) {
    Map<String, String> fields = new LinkedHashMap<>();
    JsonNode node;
    try {
      node = json == null || json.isBlank() ? null : MAPPER.readTree(json);
    } catch (JsonProcessingException ex) {
      return fields;
    }
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(field -> {
        if (field.getValue().isValueNode() && !field.getValue().isNull()) {
          fields.put(field.getKey(), field.getValue().asText());
        }
      });
    }
    return fields;
  }
}
