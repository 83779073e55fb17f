package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class ConfigErrorTests {

  @TempDir
  Path dir;

  @Test
  void aMalformedConfigurationFailsEveryGuardedTestEvenStagingOnlyOnesAndNoOtherTest() throws Exception {
    Path file = dir.resolve("authenticity.yaml");
    Files.writeString(file, "environment: local\nenvironments: [unclosed\n");

    EngineExecutionResults results = Kit.run(MixedTestCase.class, Map.of("authenticity.config", file.toString()));

    results.testEvents().assertStatistics(stats -> stats.started(3).failed(2).succeeded(1));
    assertThat(Kit.failures(results)).allSatisfy(f -> assertThat(f).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(file + ":3:1: malformed YAML: expected ',' or ']', but got <stream end> (while parsing a flow"
            + " sequence at line 2); fix the file at that position"));
  }

  @Test
  void anUnknownServiceNameFailsTheTestThatNamesIt() {
    String file = Backends.config(dir, Backends.http("backend", Backends.closedPort(), "1s"), "");
    EngineExecutionResults results = Kit.run(MixedTestCase.class, Map.of("authenticity.config", file));

    results.testEvents().assertStatistics(stats -> stats.skipped(1).started(2).failed(1).succeeded(1));
    assertThat(Kit.failureMessages(results)).containsExactly("Unknown service [backnd] in @RequiresRealService on"
        + " [io.github.authenticity.junit.ConfigErrorTests$MixedTestCase#misspelled]: environment [local] in [" + file
        + "] defines [backend]. Did you mean [backend]? Add it under environments.local.services or fix the name.");
  }

  @Test
  void anUnparseableMinDurationFailsTheTest() {
    EngineExecutionResults results = Kit.run(BadDurationTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", "")));

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(Kit.failureMessages(results)).containsExactly("@RequiresRealService(minDuration = \"soon\") on"
        + " [io.github.authenticity.junit.ConfigErrorTests$BadDurationTestCase#test]: [soon] is not a duration;"
        + " use e.g. 2s, 500ms, 1m or PT2M");
  }

  @Test
  void aPasswordInAnInvalidUrlReachesNeitherTheFailureNorItsCauses() {
    String password = "pw-In-A-Bad-Url-19";
    String file = Backends.config(dir, "backend: { probe: http, url: \"https://ci:" + password
        + "@api.example.com /health\" }", "");
    EngineExecutionResults results = Kit.run(GuardedTestCase.class, Map.of("authenticity.config", file));

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    Throwable failure = Kit.failures(results).get(0);
    java.io.StringWriter printed = new java.io.StringWriter();
    failure.printStackTrace(new java.io.PrintWriter(printed));
    // the JDK's own words differ between 17 and 25 (25 counts the index in the original text)
    assertThat(printed.toString()).doesNotContain(password)
        .containsPattern("java\\.net\\.URISyntaxException: Illegal character in authority at index \\d+: "
            + "https://\\*\\*\\*\\*@api\\.example\\.com /health");
  }

  static class GuardedTestCase {
    @Test
    @RequiresRealService("backend")
    void test() {
    }
  }

  static class MixedTestCase {
    @Test
    @RequiresRealService("backnd")
    void misspelled() {
    }

    @Test
    @StagingOnly
    @RequiresRealService("backend")
    void stagingOnly() {
    }

    @Test
    void unguarded() {
    }
  }

  static class BadDurationTestCase {
    @Test
    @RequiresRealService(minDuration = "soon")
    void test() {
    }
  }
}
