package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.authenticity.core.config.Endpoint;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.redact.Redactor;

class ConfigLoaderTests {

  @TempDir
  Path root;

  static String specExample() throws IOException {
    try (InputStream in = ConfigLoaderTests.class.getResourceAsStream("spec-example.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theSpecExampleLoadsWithTheLocalEnvironment() throws IOException {
    AuthenticityConfig config = Loading.yaml(root, specExample()).load();

    assertThat(config.environment()).isEqualTo("local");
    assertThat(config.staging()).isFalse();
    assertThat(config.source()).isEqualTo("classpath:authenticity.yaml");
    assertThat(config.services()).containsOnlyKeys("backend", "websocket", "postgres", "redis");
    ServiceDefinition backend = config.services().get("backend");
    assertThat(backend.probe()).isEqualTo("http");
    assertThat(backend.settings()).containsOnly(entry("url", "http://localhost:8080/health"),
        entry("expectStatus", 200), entry("timeout", Duration.ofSeconds(2)));
    assertThat(backend.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(backend.maxLatency()).isNull();
    assertThat(backend.source()).isEqualTo("authenticity.yaml:5");
    ServiceDefinition postgres = config.services().get("postgres");
    assertThat(postgres.settings()).containsOnly(entry("host", "localhost"), entry("port", 5432));
    assertThat(postgres.endpoints()).containsExactly(new Endpoint("localhost", 5432));
    assertThat(config.services().get("redis").settings()).as("an empty password is no password")
        .containsOnly(entry("host", "localhost"), entry("port", 6379));
    assertThat(config.services().get("websocket").timeout()).isEqualTo(ServiceDefinition.DEFAULT_TIMEOUT);
    assertThat(config.detection().interaction()).isEqualTo(Detection.Interaction.REQUIRED);
    assertThat(config.detection().tooFastFactor()).isEqualTo(10);
    assertThat(config.detection().tooFastMinRuns()).isEqualTo(3);
    List<String> expected = new java.util.ArrayList<>(Detection.DEFAULT_FALLBACK_PATTERNS);
    expected.add("(?i)using mock\\w*");
    expected.add("(?i)fall(ing)?\\s*back to (a )?(mock|stub|fake|in-memory)");
    assertThat(config.detection().fallbackPatterns()).map(Pattern::pattern).containsExactlyElementsOf(expected);
    assertThat(config.mode()).isEqualTo(Mode.FAIL);
    assertThat(config.requireEnvironment()).isEmpty();
    assertThat(config.outputDirectory()).isEqualTo(Path.of("target/authenticity"));
    assertThat(config.historyFile()).isEqualTo(Path.of(".authenticity/history.json"));
    assertThat(config.historyBaseline()).isNull();
  }

  @Test
  void theSpecExampleLoadsWithTheStagingEnvironmentAndItsToken() throws IOException {
    AuthenticityConfig config = Loading.yaml(root, specExample())
        .env("AUTHENTICITY_ENVIRONMENT", "staging").env("STAGING_TOKEN", "tok-spec-example-1").load();

    assertThat(config.environment()).isEqualTo("staging");
    assertThat(config.staging()).isTrue();
    ServiceDefinition backend = config.requireService("backend", "test");
    assertThat(backend.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(backend.maxLatency()).isEqualTo(Duration.ofSeconds(3));
    assertThat(backend.mapSetting("headers")).containsExactly(entry("Authorization", "Bearer tok-spec-example-1"));
    assertThat(backend.endpoints()).containsExactly(new Endpoint("api.staging.example.com", 443));
    assertThat(Redactor.redact("sent tok-spec-example-1")).isEqualTo("sent ****");
  }

  @Test
  void anUnsetVariableInAnEnvironmentThatIsNotActiveIsNoError() throws IOException {
    assertThat(Loading.yaml(root, specExample()).load().services()).hasSize(4);
  }

  @Test
  void theActiveEnvironmentsUnsetVariableIsAnError() throws IOException {
    String message = Loading.yaml(root, specExample()).param("authenticity.environment", "staging").error();

    assertThat(message).isEqualTo("authenticity.yaml:13:44: environments.staging.services.backend.headers"
        + ".Authorization: environment variable [STAGING_TOKEN] is not set; set it or write ${STAGING_TOKEN:-default}");
  }

  @Test
  void aYmlFileIsFoundToo() {
    AuthenticityConfig config = Loading.empty(root).file("authenticity.yml", """
        environments:
          local:
            services:
              cache: { probe: tcp, host: localhost, port: 11211 }
        """).load();

    assertThat(config.source()).isEqualTo("classpath:authenticity.yml");
    assertThat(config.services().get("cache").source()).isEqualTo("authenticity.yml:4");
  }

  @Test
  void bothFilesAreAnError() throws IOException {
    String message = Loading.yaml(root, "{}").file("authenticity.yml", "{}").error();

    assertThat(message).isEqualTo("Both authenticity.yaml [" + root.resolve("authenticity.yaml").toUri().toURL()
        + "] and authenticity.yml [" + root.resolve("authenticity.yml").toUri().toURL()
        + "] are at the root of the classpath; keep one of them");
  }

  @Test
  void withoutAnyFileTheConfigurationIsEmptyAndLocal() {
    AuthenticityConfig config = Loading.empty(root).load();

    assertThat(config.environment()).isEqualTo("local");
    assertThat(config.staging()).isFalse();
    assertThat(config.services()).isEmpty();
    assertThat(config.source()).isEqualTo("(none)");
    assertThat(config.detection().fallbackPatterns()).map(Pattern::pattern)
        .isEqualTo(Detection.DEFAULT_FALLBACK_PATTERNS);
    assertThat(config.detection().interaction()).isEqualTo(Detection.Interaction.REQUIRED);
    assertThat(config.outputDirectory()).isEqualTo(Path.of("target/authenticity"));
  }

  @Test
  void anEmptyFileIsAnEmptyConfiguration() {
    AuthenticityConfig config = Loading.yaml(root, "# nothing yet\n").load();

    assertThat(config.services()).isEmpty();
    assertThat(config.source()).isEqualTo("classpath:authenticity.yaml");
  }

  @Test
  void theFileNamedByAuthenticityConfigWinsOverTheClasspath() throws IOException {
    Path file = root.resolve("conf/e2e.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "environments: { local: { services: { db: { probe: postgres, host: db.internal } } } }\n");

    AuthenticityConfig config = Loading.yaml(root, "{}").param("authenticity.config", file.toString()).load();

    assertThat(config.source()).isEqualTo(file.toString());
    assertThat(config.services().get("db").source()).isEqualTo(file + ":1");
    assertThat(config.services().get("db").endpoints()).containsExactly(new Endpoint("db.internal", 5432));
  }

  @Test
  void aMissingFileNamedByAuthenticityConfigIsAnErrorNamingTheWorkingDirectory() {
    String message = Loading.empty(root).param("authenticity.config", "does/not/exist.yaml").error();

    assertThat(message).isEqualTo("Configuration file [does/not/exist.yaml] named by authenticity.config does not"
        + " exist (working directory [" + Path.of("").toAbsolutePath() + "]); fix the path or remove"
        + " authenticity.config to use authenticity.yaml from the root of the test classpath");
  }

  @Test
  void aDirectoryNamedByAuthenticityConfigIsAnError() {
    assertThat(Loading.empty(root).param("authenticity.config", root.toString()).error())
        .isEqualTo("Configuration file [" + root + "] named by authenticity.config is not a regular file;"
            + " name a YAML file");
  }

  @Test
  void theEnvironmentComesFromTheParameterThenTheVariableThenTheFileThenLocal() {
    String yaml = """
        environment: ci
        environments: { local: {}, ci: {}, qa: {}, prod: {} }
        """;
    assertThat(Loading.yaml(root, yaml).param("authenticity.environment", "qa").env("AUTHENTICITY_ENVIRONMENT", "prod")
        .load().environment()).isEqualTo("qa");
    assertThat(Loading.yaml(root, yaml).env("AUTHENTICITY_ENVIRONMENT", "prod").load().environment())
        .isEqualTo("prod");
    assertThat(Loading.yaml(root, yaml).load().environment()).isEqualTo("ci");
    assertThat(Loading.yaml(root, "environments: { local: {} }").load().environment()).isEqualTo("local");
  }

  @Test
  void anEnvironmentNamedStagingIsStagingByDefaultAndTheFlagDecidesOtherwise() {
    String yaml = """
        environments:
          staging: {}
          preprod: { staging: true }
          qa: { staging: false }
        """;
    assertThat(Loading.yaml(root, yaml).param("authenticity.environment", "staging").load().staging()).isTrue();
    assertThat(Loading.yaml(root, yaml).param("authenticity.environment", "preprod").load().staging()).isTrue();
    assertThat(Loading.yaml(root, yaml).param("authenticity.environment", "qa").load().staging()).isFalse();
    assertThat(Loading.yaml(root, "environments: { staging: { staging: false } }")
        .param("authenticity.environment", "staging").load().staging()).isFalse();
    assertThat(Loading.yaml(root, yaml).param("authenticity.environment", "qa").param("authenticity.staging", "true")
        .load().staging()).isTrue();
  }

  @Test
  void withoutEnvironmentsSectionAnyEnvironmentNameIsAcceptedWithoutServices() {
    AuthenticityConfig config = Loading.yaml(root, "mode: report\n").param("authenticity.environment", "staging")
        .load();

    assertThat(config.environment()).isEqualTo("staging");
    assertThat(config.staging()).isTrue();
    assertThat(config.services()).isEmpty();
    assertThat(config.mode()).isEqualTo(Mode.REPORT);
  }

  @Test
  void topLevelKeysAreRead() {
    AuthenticityConfig config = Loading.yaml(root, """
        mode: REPORT
        requireEnvironment: staging
        outputDirectory: build/auth
        historyBaseline: "reports/run-1.json, https://ci.example.com/last/authenticity-report.json"
        detection:
          fallbackPatterns: "(?i)degraded mode"
          interaction: warn
          tooFast: { factor: 4.5, minRuns: 5 }
        """).load();

    assertThat(config.mode()).isEqualTo(Mode.REPORT);
    assertThat(config.requireEnvironment()).contains("staging");
    assertThat(config.outputDirectory()).isEqualTo(Path.of("build/auth"));
    // the history does not follow the output directory: `clean` deletes that one (build/ here)
    assertThat(config.historyFile()).isEqualTo(Path.of(".authenticity/history.json"));
    assertThat(config.historyBaseline())
        .isEqualTo("reports/run-1.json, https://ci.example.com/last/authenticity-report.json");
    assertThat(config.detection().interaction()).isEqualTo(Detection.Interaction.WARN);
    assertThat(config.detection().tooFastFactor()).isEqualTo(4.5);
    assertThat(config.detection().tooFastMinRuns()).isEqualTo(5);
    assertThat(config.detection().fallbackPatterns()).map(Pattern::pattern).endsWith("(?i)degraded mode")
        .hasSize(Detection.DEFAULT_FALLBACK_PATTERNS.size() + 1);
  }

  @Test
  void everyProbeTypesKeysAreResolvedAndTyped() {
    AuthenticityConfig config = Loading.yaml(root, """
        environments:
          local:
            services:
              api:
                probe: https
                url: https://api.example.com/health
                method: head
                headers: { X-Api-Key: k-every-probe-1, Accept: application/json }
                expectStatus: 204
                expectBody: "ok|up"
                jsonPointer: /status
                expectValue: UP
                trustStore: certs/ca.p12
                trustStorePassword: changeit-every-probe
                trustStoreType: jks
                timeout: 1.5s
                maxLatency: 700ms
                endpoints: [ "api-2.example.com:8443", "https://api-3.example.com" ]
              ws:
                probe: websocket
                url: wss://ws.example.com/socket
                send: ping
                expect: pong
              raw: { probe: tcp, host: "::1", port: 7 }
              pg: { probe: postgres, host: 127.0.0.1, database: test, user: postgres, sslmode: Require }
              cache: { probe: redis, host: localhost, username: app, database: 2, tls: yes, timeout: PT1M }
        """).load();

    ServiceDefinition api = config.services().get("api");
    assertThat(api.settings()).containsEntry("method", "HEAD").containsEntry("expectStatus", 204)
        .containsEntry("trustStoreType", "JKS").containsEntry("expectValue", "UP")
        .containsEntry("endpoints", List.of("api-2.example.com:8443", "https://api-3.example.com"));
    assertThat(api.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(api.maxLatency()).isEqualTo(Duration.ofMillis(700));
    assertThat(api.endpoints()).containsExactly(new Endpoint("api.example.com", 443),
        new Endpoint("api-2.example.com", 8443), new Endpoint("api-3.example.com", 443));
    assertThat(config.services().get("ws").endpoints()).containsExactly(new Endpoint("ws.example.com", 443));
    assertThat(config.services().get("raw").endpoints()).containsExactly(new Endpoint("::1", 7));
    assertThat(config.services().get("pg").settings()).containsEntry("sslmode", "require")
        .containsEntry("database", "test");
    assertThat(config.services().get("cache").settings()).containsEntry("database", 2).containsEntry("tls", true);
    assertThat(config.services().get("cache").timeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(Redactor.redact("key k-every-probe-1, store changeit-every-probe"))
        .isEqualTo("key ****, store ****");
  }

  @Test
  void topLevelKeysStartingWithXHoldSharedAnchors() {
    AuthenticityConfig config = Loading.yaml(root, """
        x-defaults: &defaults { probe: tcp, host: localhost, timeout: 3s }
        environments:
          local:
            services:
              a: { <<: *defaults, port: 1001 }
              b: { <<: *defaults, port: 1002, timeout: 1s }
        """).load();

    assertThat(config.services().get("a").timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.services().get("b").timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.services().get("b").settings()).containsEntry("host", "localhost").containsEntry("port", 1002);
  }

  @Test
  void mergeKeysFillWhatTheServiceDoesNotSay() {
    AuthenticityConfig config = Loading.yaml(root, """
        environments:
          local:
            services:
              a: &base { probe: tcp, host: localhost, port: 1001, timeout: 3s }
              b: { <<: *base, port: 1002, timeout: 1s }
        """).load();

    assertThat(config.services().get("b").settings()).containsOnly(entry("host", "localhost"), entry("port", 1002),
        entry("timeout", Duration.ofSeconds(1)));
  }

  @Test
  void placeholdersWorkInEveryValue() {
    AuthenticityConfig config = Loading.yaml(root, """
        environment: "${E2E_ENV:-local}"
        outputDirectory: "${sys:build.dir}/auth"
        environments:
          local:
            services:
              api:
                probe: http
                url: "http://${API_HOST}:${API_PORT:-8080}/health"
                jsonPointer: /template
                expectValue: "$${literal}"
                headers: { X-Tenant: "${sys:tenant:-acme}" }
        """).env("API_HOST", "api.internal").param("build.dir", "target").load();

    ServiceDefinition api = config.services().get("api");
    assertThat(api.settings()).containsEntry("url", "http://api.internal:8080/health")
        .containsEntry("expectValue", "${literal}");
    assertThat(api.mapSetting("headers")).containsExactly(entry("X-Tenant", "acme"));
    assertThat(config.outputDirectory()).isEqualTo(Path.of("target/auth"));
  }

  @Test
  void theConfigurationIsImmutable() {
    AuthenticityConfig config = Loading.yaml(root, """
        environments: { local: { services: { api: { probe: http, url: "http://h/", headers: { A: b } } } } }
        """).load();

    assertThat(config.services()).isUnmodifiable();
    assertThat(config.services().get("api").mapSetting("headers")).isUnmodifiable();
    assertThat(config.service("api")).isPresent();
    assertThat(config.service("nope")).isEqualTo(Optional.empty());
    assertThat(config.services().get("api").settings()).isInstanceOf(Map.class).isUnmodifiable();
  }
}
