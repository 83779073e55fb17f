package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Secrets where users put them (a credential header, a URL password, a parameterized display name, an assumption
 * message, a log line), through a real run: absent from every file written, the console and every failure.
 */
class SecretsEndToEndTests {

  static final String TOKEN = "abc123def-e2e";
  static final String URL_PASSWORD = "url-pw-e2e";

  @TempDir
  Path dir;

  private final Backends backends = new Backends();

  @AfterEach
  void stopBackends() throws IOException {
    backends.close();
  }

  @Test
  void noSecretReachesAFileTheConsoleOrAFailure() throws IOException {
    int up = backends.up();
    int closed = Backends.closedPort();
    String services = "backend: { probe: http, url: \"http://127.0.0.1:" + up + "/health\", timeout: 2s,"
        + " headers: { Authorization: \"ApiKey " + TOKEN + "\" } }\n"
        + "down: { probe: http, url: \"http://app:" + URL_PASSWORD + "@127.0.0.1:" + closed + "/health\","
        + " timeout: 1s }";
    Map<String, String> parameters = new HashMap<>();
    parameters.put("authenticity.config", Backends.config(dir, services, ""));
    parameters.put("authenticity.outputDirectory", dir.resolve("out").toString());
    parameters.put("authenticity.reportsDirectory", dir.resolve("reports").toString());
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    TestExecutionListener collector = new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        result.getThrowable().ifPresent(failures::add);
      }
    };

    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(SecretTestCase.class), selectClass(DownTestCase.class))
          .configurationParameters(parameters).build(), collector);
    } finally {
      System.setOut(original);
    }

    assertThat(failures).as("the fixture's tests fail: masked, aborted and down").hasSizeGreaterThanOrEqualTo(3);
    for (Throwable failure : failures) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).as("a failure").doesNotContain(TOKEN, URL_PASSWORD);
      }
    }
    assertThat(failures).extracting(Throwable::getMessage).anySatisfy(message -> assertThat(message)
        .contains("Assumption failed: no access with ****"));
    List<Path> written;
    try (Stream<Path> files = Files.walk(dir)) {
      written = files.filter(Files::isRegularFile).filter(file -> !file.endsWith("authenticity.yaml")).toList();
    }
    assertThat(written).extracting(file -> file.getFileName().toString())
        .anyMatch(name -> name.startsWith("events-")).contains("authenticity-report.json", "authenticity-report.html",
            "authenticity-report.md", "TEST-authenticity.xml");
    for (Path file : written) {
      assertThat(Files.readString(file)).as("%s", file).doesNotContain(TOKEN, URL_PASSWORD);
    }
    String events = Files.readString(written.stream().filter(f -> f.getFileName().toString().startsWith("events-"))
        .findFirst().orElseThrow());
    assertThat(events).as("the display name is kept, its secret redacted").contains("calls the API with token ****");
    // the test's own println is the user's; ours are the [authenticity] lines
    assertThat(console.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("[authenticity] ")))
        .as("console").hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(line -> assertThat(line).doesNotContain(TOKEN, URL_PASSWORD))
        .contains("[authenticity] MASKED SecretsEndToEndTests.SecretTestCase.calls[1]: FALLBACK_LOG System.out: "
            + "\"Using MockApiClient because the server rejected ****\"");
  }

  @RequiresRealService("backend")
  static class SecretTestCase {

    @ParameterizedTest(name = "calls the API with token {0}")
    @ValueSource(strings = TOKEN)
    void calls(String token) {
      System.out.println("Using MockApiClient because the server rejected " + token);
    }

    @Test
    void assumes() {
      Assumptions.assumeTrue(false, "no access with " + TOKEN);
    }
  }

  @RequiresRealService("down")
  static class DownTestCase {

    @Test
    void needsTheDownService() {
      // never runs: the service is DOWN
    }
  }
}
