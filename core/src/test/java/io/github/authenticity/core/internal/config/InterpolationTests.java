package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class InterpolationTests {

  private final Interpolation interpolation = new Interpolation(
      Map.of("HOST", "db.internal", "EMPTY", "", "PORT", "5433"),
      ConfigParameters.of(Map.of("e2e.region", "eu-west-1")));

  private String resolve(String text) {
    return interpolation.resolve(text, text);
  }

  @Test
  void environmentVariablesWithAndWithoutDefaults() {
    assertThat(resolve("jdbc://${HOST}:${PORT}/x")).isEqualTo("jdbc://db.internal:5433/x");
    assertThat(resolve("${MISSING:-fallback}")).isEqualTo("fallback");
    assertThat(resolve("${EMPTY:-fallback}")).as("an empty value takes the default").isEqualTo("fallback");
    assertThat(resolve("[${EMPTY}]")).isEqualTo("[]");
    assertThat(resolve("${MISSING:-}")).isEmpty();
    assertThat(resolve("${env:HOST}")).isEqualTo("db.internal");
    assertThat(resolve("${ HOST }")).isEqualTo("db.internal");
  }

  @Test
  void systemPropertiesFromParametersThenTheJvm() {
    assertThat(resolve("${sys:e2e.region}")).isEqualTo("eu-west-1");
    assertThat(resolve("${sys:java.specification.version}")).isEqualTo(System.getProperty("java.specification.version"));
    assertThat(resolve("${sys:authenticity.test.unset:-none}")).isEqualTo("none");
  }

  @Test
  void doubleDollarEscapes() {
    assertThat(resolve("$${HOST} costs $5")).isEqualTo("${HOST} costs $5");
  }

  @Test
  void anUnsetVariableIsAProblemMarkedAsSuch() {
    assertThatThrownBy(() -> resolve("${TOKEN}")).isInstanceOfSatisfying(Problem.class,
        problem -> assertThat(problem.unsetVariable).isTrue())
        .hasMessage("environment variable [TOKEN] is not set; set it or write ${TOKEN:-default}");
  }
}
