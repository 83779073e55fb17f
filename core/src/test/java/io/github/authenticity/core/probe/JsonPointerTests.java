package io.github.authenticity.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.authenticity.core.json.Json;
import org.junit.jupiter.api.Test;

class JsonPointerTests {

  // the example document of RFC 6901 section 5
  private final Object document = Json.parse("{\"foo\":[\"bar\",\"baz\"],\"\":0,\"a/b\":1,\"c%d\":2,\"e^f\":3,"
      + "\"g|h\":4,\"i\\\\j\":5,\"k\\\"l\":6,\" \":7,\"m~n\":8,\"n\":null}");

  @Test
  void resolvesTheExamplesOfRfc6901() {
    assertThat(JsonPointer.resolve(document, "")).containsSame(document);
    assertThat(JsonPointer.resolve(document, "/foo").map(JsonPointer::text)).contains("[\"bar\",\"baz\"]");
    assertThat(JsonPointer.resolve(document, "/foo/0")).contains("bar");
    assertThat(JsonPointer.resolve(document, "/").map(JsonPointer::text)).contains("0");
    assertThat(JsonPointer.resolve(document, "/a~1b").map(JsonPointer::text)).contains("1");
    assertThat(JsonPointer.resolve(document, "/c%d").map(JsonPointer::text)).contains("2");
    assertThat(JsonPointer.resolve(document, "/i\\j").map(JsonPointer::text)).contains("5");
    assertThat(JsonPointer.resolve(document, "/k\"l").map(JsonPointer::text)).contains("6");
    assertThat(JsonPointer.resolve(document, "/ ").map(JsonPointer::text)).contains("7");
    assertThat(JsonPointer.resolve(document, "/m~0n").map(JsonPointer::text)).contains("8");
  }

  @Test
  void missingIsEmptyAndNullIsNull() {
    assertThat(JsonPointer.resolve(document, "/foo/2")).isEmpty();
    assertThat(JsonPointer.resolve(document, "/foo/01")).isEmpty();
    assertThat(JsonPointer.resolve(document, "/foo/-")).isEmpty();
    assertThat(JsonPointer.resolve(document, "/nope/x")).isEmpty();
    assertThat(JsonPointer.resolve(document, "/n")).containsSame(JsonPointer.NULL);
    assertThat(JsonPointer.matches(JsonPointer.NULL, "null")).isTrue();
  }

  @Test
  void numbersCompareByValue() {
    assertThat(JsonPointer.matches(1L, "1.0")).isTrue();
    assertThat(JsonPointer.matches(1.5, "1.5")).isTrue();
    assertThat(JsonPointer.matches(1L, "2")).isFalse();
    assertThat(JsonPointer.matches(1L, "one")).isFalse();
    assertThat(JsonPointer.matches(true, "true")).isTrue();
  }

  @Test
  void aPointerMustStartWithASlash() {
    assertThatThrownBy(() -> JsonPointer.resolve(document, "foo"))
        .hasMessage("jsonPointer [foo] must be empty or start with '/' (RFC 6901)");
  }
}
