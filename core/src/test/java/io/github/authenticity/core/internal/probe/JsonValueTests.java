package io.github.authenticity.core.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JsonValueTests {

  // the example document of RFC 6901 section 5
  private static final String DOCUMENT = "{\"foo\":[\"bar\",\"baz\"],\"\":0,\"a/b\":1,\"c%d\":2,\"e^f\":3,"
      + "\"g|h\":4,\"i\\\\j\":5,\"k\\\"l\":6,\" \":7,\"m~n\":8,\"n\":null}";

  private static Optional<String> text(String pointer) throws IOException {
    return JsonValue.at(DOCUMENT, pointer).map(JsonValue::text);
  }

  @Test
  void resolvesTheExamplesOfRfc6901() throws IOException {
    assertThat(text("")).contains(DOCUMENT.replace("\\\\", "\\\\"));
    assertThat(text("/foo")).contains("[\"bar\",\"baz\"]");
    assertThat(text("/foo/0")).contains("bar");
    assertThat(text("/")).contains("0");
    assertThat(text("/a~1b")).contains("1");
    assertThat(text("/c%d")).contains("2");
    assertThat(text("/i\\j")).contains("5");
    assertThat(text("/k\"l")).contains("6");
    assertThat(text("/ ")).contains("7");
    assertThat(text("/m~0n")).contains("8");
  }

  @Test
  void missingIsEmptyAndNullIsNull() throws IOException {
    assertThat(text("/foo/2")).isEmpty();
    assertThat(text("/foo/01")).isEmpty();
    assertThat(text("/foo/-")).isEmpty();
    assertThat(text("/nope/x")).isEmpty();
    assertThat(JsonValue.at(DOCUMENT, "/n").orElseThrow().matches("null")).isTrue();
  }

  @Test
  void numbersCompareByValueWhateverTheirSize() throws IOException {
    assertThat(JsonValue.at("{\"a\":1}", "/a").orElseThrow().matches("1.0")).isTrue();
    assertThat(JsonValue.at("{\"a\":1.5}", "/a").orElseThrow().matches("1.5")).isTrue();
    assertThat(JsonValue.at("{\"a\":1}", "/a").orElseThrow().matches("2")).isFalse();
    assertThat(JsonValue.at("{\"a\":1}", "/a").orElseThrow().matches("one")).isFalse();
    assertThat(JsonValue.at("{\"a\":true}", "/a").orElseThrow().matches("true")).isTrue();
    // beyond Long.MAX_VALUE: still a number, still found
    assertThat(JsonValue.at("{\"big\":123456789012345678901234567890,\"status\":\"UP\"}", "/status")
        .map(JsonValue::text)).contains("UP");
    assertThat(JsonValue.at("{\"big\":123456789012345678901234567890}", "/big").orElseThrow()
        .matches("123456789012345678901234567890")).isTrue();
  }

  @Test
  void aBodyThatIsNotJsonIsAnError() {
    assertThatThrownBy(() -> JsonValue.at("{\"status\":\"UP\"", "/status")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> JsonValue.at("down for maintenance", "/status")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> JsonValue.at("", "")).isInstanceOf(IOException.class);
  }
}
