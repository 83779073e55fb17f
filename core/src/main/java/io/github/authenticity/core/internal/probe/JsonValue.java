package io.github.authenticity.core.internal.probe;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.JsonPointerBasedFilter;
import com.fasterxml.jackson.core.filter.TokenFilter;

/**
 * The value at an RFC 6901 JSON pointer of a health body, read with Jackson's streaming parser (the whole body
 * is checked to be JSON; numbers of any size are kept as written).
 */
record JsonValue(JsonToken token, String text) {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /**
   * The value at {@code pointer} ({@code ""} is the whole document) in {@code json}; empty when there is none.
   *
   * @throws IOException when {@code json} is not JSON
   */
  static Optional<JsonValue> at(String json, String pointer) throws IOException {
    JsonValue found = null;
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonParser filtered = pointer.isEmpty() ? parser : new FilteringParserDelegate(parser,
          new JsonPointerBasedFilter(JsonPointer.compile(pointer)), TokenFilter.Inclusion.ONLY_INCLUDE_ALL, false);
      JsonToken token = filtered.nextToken();
      if (token != null) {
        if (token.isStructStart()) {
          StringWriter text = new StringWriter();
          try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            generator.copyCurrentStructure(filtered);
          }
          found = new JsonValue(token, text.toString());
        } else {
          found = new JsonValue(token, token == JsonToken.VALUE_NULL ? "null" : filtered.getText());
        }
      }
      // the rest of the body must be JSON too
      while (parser.nextToken() != null) {
        parser.skipChildren();
      }
    }
    if (json.isBlank()) {
      throw new com.fasterxml.jackson.core.JsonParseException(null, "no content");
    }
    return Optional.ofNullable(found);
  }

  /** Whether this value equals {@code expected}: numbers by value ({@code 1} equals {@code 1.0}), others as text. */
  boolean matches(String expected) {
    if (token.isNumeric()) {
      try {
        return new BigDecimal(text).compareTo(new BigDecimal(expected.trim())) == 0;
      } catch (NumberFormatException ex) {
        return false;
      }
    }
    return text.equals(expected);
  }
}
