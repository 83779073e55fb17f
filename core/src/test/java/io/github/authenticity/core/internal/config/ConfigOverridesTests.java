package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.authenticity.core.config.Endpoint;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.redact.Redactor;

/** Overrides by configuration parameters ({@code authenticity.*}), checked like file values. */
class ConfigOverridesTests {

  private static final String YAML = """
      environments:
        local:
          services:
            backend: { probe: http, url: "http://localhost:8080/health", timeout: 2s }
            postgres: { probe: postgres, host: localhost }
        staging:
          services:
            backend: { probe: http, url: "${STAGING_URL}" }
      """;

  @TempDir
  Path root;

  private Loading loading() {
    return Loading.yaml(root, YAML);
  }

  @Test
  void aServiceKeyIsOverridden() {
    AuthenticityConfig config = loading().param("authenticity.services.backend.url", "https://api.example.com/h")
        .param("authenticity.services.backend.timeout", "500ms")
        .param("authenticity.services.backend.expectStatus", "204")
        .param("authenticity.services.postgres.port", "5433").load();

    ServiceDefinition backend = config.services().get("backend");
    assertThat(backend.settings()).containsOnly(entry("url", "https://api.example.com/h"),
        entry("timeout", Duration.ofMillis(500)), entry("expectStatus", 204));
    assertThat(backend.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(backend.source()).as("defined in the file").isEqualTo("authenticity.yaml:4");
    assertThat(config.services().get("postgres").settings()).containsEntry("port", 5433);
  }

  @Test
  void anOverrideReplacesAFileValueThatCouldNotBeResolved() {
    AuthenticityConfig config = loading().param("authenticity.environment", "staging")
        .param("authenticity.services.backend.url", "https://api.staging.example.com/health").load();

    assertThat(config.services().get("backend").setting("url")).contains("https://api.staging.example.com/health");
  }

  @Test
  void headersAndEndpointsAreOverriddenOneByOne() {
    AuthenticityConfig config = loading()
        .param("authenticity.services.backend.headers.Authorization", "Bearer over-ride-token-1")
        .param("authenticity.services.backend.headers.Accept", "text/plain")
        .param("authenticity.services.backend.endpoints", "localhost:9090, https://cdn.example.com").load();

    ServiceDefinition backend = config.services().get("backend");
    assertThat(backend.mapSetting("headers")).containsOnly(entry("Accept", "text/plain"),
        entry("Authorization", "Bearer over-ride-token-1"));
    assertThat(backend.settings().get("endpoints")).isEqualTo(List.of("localhost:9090", "https://cdn.example.com"));
    assertThat(Redactor.redact("Authorization: Bearer over-ride-token-1 and over-ride-token-1"))
        .isEqualTo("Authorization: **** and ****");
  }

  @Test
  void aServiceIsDefinedEntirelyByOverrides() {
    AuthenticityConfig config = Loading.empty(root).param("authenticity.services.cache.probe", "redis")
        .param("authenticity.services.cache.host", "cache.internal").param("authenticity.services.cache.tls", "true")
        .load();

    ServiceDefinition cache = config.requireService("cache", "test");
    assertThat(cache.probe()).isEqualTo("redis");
    assertThat(cache.settings()).containsOnly(entry("host", "cache.internal"), entry("tls", true));
    assertThat(cache.source()).isEqualTo("configuration parameter [authenticity.services.cache.probe]");
    assertThat(config.source()).isEqualTo("(none)");
  }

  @Test
  void overridesAreCheckedLikeFileValuesAndNameTheParameter() {
    assertThat(loading().param("authenticity.services.backend.timeout", "2 seconds").error()).isEqualTo(
        "configuration parameter [authenticity.services.backend.timeout]: [2 seconds] is not a duration; use e.g. 2s,"
            + " 500ms, 1m or PT2M");
    assertThat(loading().param("authenticity.services.backend.url", "ws://localhost/").error()).isEqualTo(
        "configuration parameter [authenticity.services.backend.url]: [ws://localhost/] is not a valid URL for probe"
            + " [http]: its scheme [ws] is not http or https; use e.g. http://localhost:8080/health");
    assertThat(loading().param("authenticity.services.backend.timout", "1s").error()).isEqualTo(
        "configuration parameter [authenticity.services.backend.timout]: unknown key for probe [http]. Did you mean"
            + " [timeout]? Allowed: [container, endpoints, expectBody, expectStatus, expectValue, headers,"
            + " jsonPointer, maxLatency, method, path, probe, timeout, trustStore, trustStorePassword, trustStoreType,"
            + " url, via]");
    assertThat(loading().param("authenticity.services.postgres.probe", "redi").error()).isEqualTo(
        "configuration parameter [authenticity.services.postgres.probe]: unknown probe type [redi]. Did you mean"
            + " [redis]? Allowed: [http, https, postgres, redis, tcp, websocket]; a custom probe type comes from a"
            + " ServiceProbe listed in META-INF/services/io.github.authenticity.core.probe.ServiceProbe");
    assertThat(loading().param("authenticity.services.backend.endpoints", "localhost").error()).isEqualTo(
        "configuration parameter [authenticity.services.backend.endpoints]: [localhost] is not an endpoint; use"
            + " host:port or a URL, e.g. localhost:8080");
  }

  @Test
  void anOverrideOfAnUnknownServiceWithoutProbeIsAnError() {
    assertThat(loading().param("authenticity.services.bakend.url", "http://h/").error()).isEqualTo(
        "configuration parameter [authenticity.services.bakend.url]: service [bakend] is not defined in environment"
            + " [local] of [classpath:authenticity.yaml]. Did you mean [backend]? Fix the name, or define the service"
            + " entirely with authenticity.services.bakend.probe and its other keys");
    assertThat(loading().param("authenticity.services.backend", "http://h/").error()).isEqualTo(
        "configuration parameter [authenticity.services.backend]: not a service override; use"
            + " authenticity.services.<name>.<key> or authenticity.services.<name>.headers.<Header>");
    assertThat(loading().param("authenticity.services.backend.headers", "A=b").error()).isEqualTo(
        "configuration parameter [authenticity.services.backend.headers]: a whole headers map cannot be set by a"
            + " parameter; set each header with authenticity.services.backend.headers.<Header>");
  }

  @Test
  void aServiceDefinedByOverridesStillNeedsItsRequiredKeys() {
    assertThat(Loading.empty(root).param("authenticity.services.api.probe", "http").error()).isEqualTo(
        "configuration parameter [authenticity.services.api.probe]: probe [http] requires [url]; add it, e.g. url:"
            + " http://localhost:8080/health");
  }

  @Test
  void topLevelAndDetectionKeysAreOverridden() {
    AuthenticityConfig config = Loading.yaml(root, """
        mode: fail
        detection: { interaction: required, fallbackPatterns: [ "(?i)from file" ], tooFast: { factor: 10 } }
        """)
        .param("authenticity.mode", "report").param("authenticity.requireEnvironment", "local")
        .param("authenticity.outputDirectory", "out/auth").param("authenticity.history", "hist/runs.json")
        .param("authenticity.history.baseline", "file:///ci/last/authenticity-report.json")
        .param("authenticity.detection.interaction", "off")
        .param("authenticity.detection.fallbackPatterns", "(?i)degraded||(?i)cached copy\n(?i)offline")
        .param("authenticity.detection.tooFast.factor", "20").param("authenticity.detection.tooFast.minRuns", "7")
        .load();

    assertThat(config.mode()).isEqualTo(Mode.REPORT);
    assertThat(config.requireEnvironment()).contains("local");
    assertThat(config.outputDirectory()).isEqualTo(Path.of("out/auth"));
    assertThat(config.historyFile()).isEqualTo(Path.of("hist/runs.json"));
    assertThat(config.historyBaseline()).isEqualTo("file:///ci/last/authenticity-report.json");
    assertThat(config.detection().interaction()).isEqualTo(Detection.Interaction.OFF);
    assertThat(config.detection().tooFastFactor()).isEqualTo(20);
    assertThat(config.detection().tooFastMinRuns()).isEqualTo(7);
    assertThat(config.detection().fallbackPatterns()).map(Pattern::pattern).containsSubsequence(
        Detection.DEFAULT_FALLBACK_PATTERNS.get(0), "(?i)from file", "(?i)degraded", "(?i)cached copy", "(?i)offline");
  }

  @Test
  void badTopLevelOverridesNameTheParameter() {
    assertThat(Loading.empty(root).param("authenticity.mode", "strict").error()).isEqualTo(
        "configuration parameter [authenticity.mode]: [strict] is not allowed; use fail or report");
    assertThat(Loading.empty(root).param("authenticity.detection.interaction", "maybe").error()).isEqualTo(
        "configuration parameter [authenticity.detection.interaction]: [maybe] is not allowed; use required, warn or"
            + " off");
    assertThat(Loading.empty(root).param("authenticity.detection.fallbackPatterns", "ok||[x").error()).isEqualTo(
        "configuration parameter [authenticity.detection.fallbackPatterns]: [[x] is not a valid regular expression:"
            + " Unclosed character class near index 1; see java.util.regex.Pattern");
    assertThat(Loading.empty(root).param("authenticity.detection.tooFast.factor", "ten").error()).isEqualTo(
        "configuration parameter [authenticity.detection.tooFast.factor]: [ten] is not a number greater than 1; use"
            + " e.g. 10");
    assertThat(Loading.empty(root).param("authenticity.detection.interation", "off").error()).isEqualTo(
        "configuration parameter [authenticity.detection.interation]: unknown key. Did you mean"
            + " [authenticity.detection.interaction]? Allowed: [authenticity.detection.fallbackPatterns,"
            + " authenticity.detection.interaction, authenticity.detection.tooFast.factor,"
            + " authenticity.detection.tooFast.minRuns]");
    assertThat(Loading.empty(root).param("authenticity.staging", "sometimes").error()).isEqualTo(
        "configuration parameter [authenticity.staging]: [sometimes] is not a boolean; use true or false");
  }

  @Test
  void overridesMayUsePlaceholders() {
    AuthenticityConfig config = loading().env("BACKEND_PORT", "9091")
        .param("authenticity.services.backend.url", "http://localhost:${BACKEND_PORT}/health").load();

    assertThat(config.services().get("backend").endpoints()).containsExactly(new Endpoint("localhost", 9091));
  }
}
