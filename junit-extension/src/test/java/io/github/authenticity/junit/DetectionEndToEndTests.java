package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;

import io.github.authenticity.core.Fallbacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.mockito.Mockito;

/** The detectors inside the real extension: masks caught, the honest tests beside them pass, in parallel too. */
class DetectionEndToEndTests {

  @TempDir
  Path dir;

  private final Backends backends = new Backends();
  static volatile int port;

  @AfterEach
  void stop() throws Exception {
    backends.close();
  }

  interface PaymentClient {
    String pay();
  }

  @RequiresRealService("backend")
  static class MaskedAndHonestTestCase {

    PaymentClient payments;

    @Test
    void fallsBackToAMock() {
      Logger.getLogger("com.example.Client").warning("Using MockBackend due to connection failure");
    }

    @Test
    void reportsItsFallback() {
      Fallbacks.report("backend", "InMemoryBackend", "connection refused");
      get();
    }

    @Test
    void holdsAMock() {
      payments = Mockito.mock(PaymentClient.class);
      get();
    }

    @Test
    void honest() {
      get();
    }

    @Test
    void honestToo() {
      get();
    }

    private static void get() {
      try {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL()
            .openConnection();
        assertThat(connection.getResponseCode()).isEqualTo(200);
        connection.getInputStream().readAllBytes();
      } catch (java.io.IOException ex) {
        throw new java.io.UncheckedIOException(ex);
      }
    }
  }

  private EngineExecutionResults run(boolean parallel) throws Exception {
    port = backends.up();
    Path yaml = dir.resolve("authenticity.yaml");
    Files.writeString(yaml, "environment: local\nhistory: " + dir.resolve("history.json") + "\n"
        + "detection:\n  interaction: required\n"
        + "environments:\n  local:\n    services:\n      backend: { probe: http, url: \"http://127.0.0.1:" + port
        + "/health\" }\n");
    var kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(MaskedAndHonestTestCase.class))
        .configurationParameters(Map.of("authenticity.config", yaml.toString(),
            "authenticity.outputDirectory", dir.toString()));
    if (parallel) {
      kit = kit.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
          .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent");
    }
    return kit.execute();
  }

  @Test
  void masksAreCaughtAndHonestTestsPass() throws Exception {
    for (boolean parallel : new boolean[] {false, true}) {
      EngineExecutionResults results = run(parallel);

      results.testEvents().assertStatistics(stats -> stats.started(5).succeeded(2).failed(3));
      assertThat(Kit.failureMessages(results)).as("parallel " + parallel).allSatisfy(message -> assertThat(message)
          .startsWith("MASKED: this guarded test requires the real service [backend]"));
      String all = String.join("\n", Kit.failureMessages(results));
      assertThat(all).contains("  FALLBACK_LOG: WARNING com.example.Client: \"Using MockBackend due to connection failure\"\n",
          "  FALLBACK_REPORTED: backend replaced by InMemoryBackend: connection refused\n",
          "  MOCK_OBJECT: field [payments] holds a Mockito mock of [PaymentClient]; mark it @AllowMock(reason = \"...\") if deliberate\n");
      if (!parallel) {
        // in parallel, the honest neighbour's answer over a keep-alive connection opened before it (the JDK's
        // HttpURLConnection cache) is shared traffic for the tests beside it: unproven rather than NO_INTERACTION,
        // never proof (docs/detection.md, "Attribution")
        assertThat(all).contains("  NO_INTERACTION: no bytes exchanged with backend (127.0.0.1:" + port
            + ") while the test ran\n");
      }
    }
  }
}
