package io.github.authenticity.examples.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the string, number and boolean fields of a flat JSON object. */
final class FlatJson {

  private static final Pattern FIELD =
      Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+(?:\\.\\d+)?|true|false|null))");

  private FlatJson() {
  }

  static Map<String, String> parse(String json) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = FIELD.matcher(json);
    while (m.find()) {
      String value = m.group(2) != null ? m.group(2).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(3);
      fields.putIfAbsent(m.group(1), value);
    }
    return fields;
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
