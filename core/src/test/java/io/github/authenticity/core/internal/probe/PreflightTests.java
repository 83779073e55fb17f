package io.github.authenticity.core.internal.probe;

import static io.github.authenticity.core.internal.probe.ProbeFixtures.closedPort;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.probe;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import io.github.authenticity.core.probe.ServiceProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTests {

  private final Preflight preflight = new Preflight(ProbeFixtures.WITH_TEST_PROBES);

  @Test
  void withoutCustomProbesKnowsTheBuiltIns() {
    assertThat(new Preflight(PreflightTests.class.getClassLoader()).probes().keySet())
        .containsExactly("http", "https", "postgres", "redis", "tcp", "websocket");
  }

  @Test
  void knowsTheBuiltInsAndTheCustomProbesFoundWithServiceLoader() {
    Map<String, ServiceProbe> probes = preflight.probes();

    assertThat(probes.keySet()).containsExactly("example-banner", "http", "https", "postgres", "redis", "tcp",
        "test-ignores-timeout", "test-throws", "websocket");
    assertThat(probes.get("example-banner")).isInstanceOf(BannerProbe.class);
    assertThat(probes.get("postgres").settingKeys())
        .containsExactlyInAnyOrder("host", "port", "database", "user", "password", "sslmode");
  }

  @Test
  void aCustomProbeIsUsedForItsType() throws Exception {
    try (ProbeFixtures.Banner smtp = new ProbeFixtures.Banner("220 mail.example.com ESMTP ready\r\n")) {
      ProbeResult result = probe(service("mail", "example-banner", "host", "127.0.0.1", "port", smtp.port(),
          "expect", "^220 "));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
      assertThat(result.detail()).isEqualTo("greeted [220 mail.example.com ESMTP ready]");
      assertThat(result.endpoint()).isEqualTo("banner 127.0.0.1:" + smtp.port());
      assertThat(result.probe()).isEqualTo("example-banner");
    }
  }

  @Test
  void aProbeThatIgnoresTheTimeoutIsDownAtTheTimeout() {
    long start = System.nanoTime();
    ProbeResult result = probe(service("sleepy", "test-ignores-timeout", Duration.ofMillis(500), null,
        "sleepMillis", 10_000));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("timed out after 500 ms");
    assertThat(result.latencyMillis()).isEqualTo(500);
    assertThat(result.endpoint()).isEqualTo("test-ignores-timeout");
    assertThat(tookMillis).isBetween(500L, 500L + 500);
  }

  @Test
  void theDefaultTimeoutIsTwoSeconds() {
    long start = System.nanoTime();
    ProbeResult result = probe(service("sleepy", "test-ignores-timeout", null, null, "sleepMillis", 10_000));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(result.detail()).isEqualTo("timed out after 2000 ms");
    assertThat(tookMillis).isBetween(2000L, 2000L + 500);
  }

  @Test
  void anExceptionIsDownWithAOneLineCauseWithoutSecrets() {
    ProbeResult result = probe(service("thing", "test-throws", "password", "s3cr3t"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo(
        "IllegalStateException: cannot reach the thing with password=**** at https://example.com/x");
  }

  @Test
  void aConnectExceptionFromACustomProbeIsConnectionRefused() {
    assertThat(probe(service("thing", "test-throws", "throw", "refused")).detail()).isEqualTo("connection refused");
  }

  @Test
  void anUnknownHostFromACustomProbeNamesTheHostOfTheUrl() {
    ProbeResult result = probe(service("thing", "test-throws", "throw", "dns",
        "url", "https://user:pw@no-such-host.invalid:8443/x"));

    assertThat(result.detail()).isEqualTo("DNS failure: unknown host [no-such-host.invalid]");
    assertThat(result.endpoint()).isEqualTo("https://no-such-host.invalid:8443/x");
  }

  @Test
  void aProbeReturningNoResultIsDown() {
    assertThat(probe(service("thing", "test-throws", "throw", "null")).detail())
        .isEqualTo("probe [" + MisbehavingProbes.Throws.class.getName() + "] returned no result");
  }

  @Test
  void anUnknownTypeIsDownListingTheKnownTypes() {
    ProbeResult result = probe(service("queue", "kafka", "host", "localhost", "port", 9092));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("unknown probe type [kafka]; known types: example-banner, http, https, "
        + "postgres, redis, tcp, test-ignores-timeout, test-throws, websocket");
    assertThat(result.endpoint()).isEqualTo("kafka localhost:9092");
  }

  @Test
  void servicesAreProbedInParallel() throws Exception {
    try (ProbeFixtures.Http http = new ProbeFixtures.Http().route("/slow", 200, "{}", 300)) {
      List<ServiceDefinition> services = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        services.add(service("backend-" + i, "http", "url", http.url("/slow")));
      }

      long start = System.nanoTime();
      Map<String, ProbeResult> results = preflight.probeAll(services);
      long tookMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(results).hasSize(20);
      assertThat(results.keySet()).startsWith("backend-0", "backend-1", "backend-2");
      assertThat(results.values()).allSatisfy(result -> {
        assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
        assertThat(result.latencyMillis()).isGreaterThanOrEqualTo(300);
      });
      assertThat(tookMillis).isLessThan(1500);
      System.out.printf("[measured] 20 services with a 300 ms handler: preflight %d ms%n", tookMillis);
    }
  }

  @Test
  void theWholePreflightTakesAboutTheSlowestProbe() throws Exception {
    try (ProbeFixtures.Silent silent = new ProbeFixtures.Silent();
         ProbeFixtures.Http http = new ProbeFixtures.Http().route("/health", 200, "{}", 0)) {
      List<ServiceDefinition> services = List.of(
          service("silent", "tcp", "host", "127.0.0.1", "port", silent.port()),
          service("silent-http", "http", Duration.ofMillis(1000), null,
              "url", "http://127.0.0.1:" + silent.port() + "/"),
          service("sleepy", "test-ignores-timeout", Duration.ofMillis(1000), null),
          service("refused", "tcp", "host", "127.0.0.1", "port", closedPort()),
          service("dns", "http", "url", "http://no-such-host.invalid/"),
          service("ok", "http", "url", http.url("/health")));

      long start = System.nanoTime();
      Map<String, ProbeResult> results = preflight.probeAll(services);
      long tookMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(results.values()).extracting(ProbeResult::service, ProbeResult::status, ProbeResult::detail)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("silent", ProbeStatus.UP, "connected"),
              org.assertj.core.groups.Tuple.tuple("silent-http", ProbeStatus.DOWN,
                  "timed out after 1000 ms: accepted the connection but sent no HTTP response"),
              org.assertj.core.groups.Tuple.tuple("sleepy", ProbeStatus.DOWN, "timed out after 1000 ms"),
              org.assertj.core.groups.Tuple.tuple("refused", ProbeStatus.DOWN, "connection refused"),
              org.assertj.core.groups.Tuple.tuple("dns", ProbeStatus.DOWN,
                  "DNS failure: unknown host [no-such-host.invalid]"),
              org.assertj.core.groups.Tuple.tuple("ok", ProbeStatus.UP, "answered 200 OK"));
      assertThat(tookMillis).isBetween(1000L, 1000L + 500);
      System.out.printf("[measured] 6 mixed services, slowest timeout 1000 ms: preflight %d ms%n", tookMillis);
    }
  }

  @Test
  void noServicesIsNoResults() {
    assertThat(preflight.probeAll(List.of())).isEmpty();
  }

  @Test
  void aCustomProbeWithTheTypeOfABuiltInIsAnError(@TempDir Path directory) throws Exception {
    try (URLClassLoader loader = loaderListing(directory, MisbehavingProbes.DuplicateHttp.class.getName())) {
      assertThatThrownBy(() -> new Preflight(loader).probes())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Probe type [http] is provided twice: by [io.github.authenticity.core.internal.probe.HttpProbe] "
              + "(built-in) and by [io.github.authenticity.core.internal.probe.MisbehavingProbes$DuplicateHttp]. Give the "
              + "custom probe another type() or remove one of them from "
              + "META-INF/services/io.github.authenticity.core.probe.ServiceProbe.");
    }
  }

  @Test
  void aListedClassThatCannotBeLoadedIsAnError(@TempDir Path directory) throws Exception {
    try (URLClassLoader loader = loaderListing(directory, "com.example.NoSuchProbe")) {
      assertThatThrownBy(() -> new Preflight(loader).probeAll(List.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Cannot load the custom probes listed in "
              + "[META-INF/services/io.github.authenticity.core.probe.ServiceProbe]: "
              + "io.github.authenticity.core.probe.ServiceProbe: Provider com.example.NoSuchProbe not found. "
              + "Fix or remove the listed class.");
    }
  }

  private static URLClassLoader loaderListing(Path directory, String className) throws Exception {
    Path services = directory.resolve("META-INF/services/" + ServiceProbe.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, className + "\n");
    return new URLClassLoader(new URL[] {directory.toUri().toURL()}, PreflightTests.class.getClassLoader());
  }
}
