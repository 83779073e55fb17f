package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.authenticity.core.config.Endpoint;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.probe.Preflight;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code container: true} as read from authenticity.yaml, and a service at a container's host and mapped port. */
class ContainerBindingTests {

  @TempDir
  Path root;

  private AuthenticityConfig load(String services) {
    return Loading.yaml(root, "environments:\n  local:\n    services:\n" + services).load();
  }

  private String error(String service) {
    return Loading.yaml(root, "environments:\n  local:\n    services:\n      backend: " + service + "\n").error();
  }

  @Test
  void aContainerServiceNeedsNoAddressInTheConfiguration() {
    AuthenticityConfig config = load("""
              backend:  { probe: http, container: true, path: /health, expectStatus: 200 }
              postgres: { probe: postgres, container: true, database: test }
              events:   { probe: tcp, container: yes }
              direct:   { probe: tcp, host: localhost, port: 1, container: false }
        """);

    ServiceDefinition backend = config.services().get("backend");
    assertThat(ContainerBinding.configured(backend)).isTrue();
    assertThat(backend.settings()).containsOnly(Map.entry("container", true), Map.entry("path", "/health"),
        Map.entry("expectStatus", 200));
    assertThat(backend.endpoints()).isEmpty();
    assertThat(ContainerBinding.configured(config.services().get("postgres"))).isTrue();
    assertThat(ContainerBinding.configured(config.services().get("events"))).isTrue();
    assertThat(ContainerBinding.configured(config.services().get("direct"))).isFalse();
  }

  @Test
  void anAddressBesideContainerTrueIsAContradiction() {
    assertThat(error("{ probe: http, container: true, url: \"http://localhost:8080/health\" }")).isEqualTo(
        "authenticity.yaml:4:48: environments.local.services.backend.url: [url] and container: true contradict each"
            + " other: with container: true the host and port are the mapped ones of the test class's"
            + " @RealServiceContainer field. Remove url (keep its path as path: /...), or remove container: true");
    assertThat(error("{ probe: redis, container: true, host: localhost }")).isEqualTo(
        "authenticity.yaml:4:49: environments.local.services.backend.host: [host] and container: true contradict each"
            + " other: with container: true the host and port are the mapped ones of the test class's"
            + " @RealServiceContainer field. Remove host, or remove container: true");
  }

  @Test
  void aPathWithoutContainerOrNotAPathIsAnError() {
    assertThat(error("{ probe: http, url: \"http://localhost:8080\", path: /health }")).isEqualTo(
        "authenticity.yaml:4:61: environments.local.services.backend.path: path applies only with container: true (it"
            + " is appended to the container's address); with url, write the path in the url");
    assertThat(error("{ probe: http, container: true, path: health }")).isEqualTo(
        "authenticity.yaml:4:54: environments.local.services.backend.path: [health] is not a URL path; start it with /"
            + " and leave out spaces, e.g. path: /health");
    assertThat(error("{ probe: http, container: maybe }")).isEqualTo(
        "authenticity.yaml:4:42: environments.local.services.backend.container: [maybe] is not a boolean;"
            + " use true or false");
  }

  @Test
  void anHttpServiceGetsItsUrlFromTheContainerAddress() {
    ServiceDefinition backend = load("      backend: { probe: http, container: true, path: \"/health?deep=1\" }\n")
        .services().get("backend");

    ServiceDefinition resolved = ContainerBinding.resolve(backend, "localhost", 32768, "com.example.OrderE2E.backend");

    assertThat(resolved.setting("url")).hasValue("http://localhost:32768/health?deep=1");
    assertThat(resolved.setting("host")).isEmpty();
    assertThat(resolved.setting("path")).isEmpty();
    assertThat(resolved.endpoints()).containsExactly(new Endpoint("localhost", 32768));
    assertThat(ContainerBinding.resolved(resolved)).hasValue("com.example.OrderE2E.backend");
    assertThat(ContainerBinding.configured(resolved)).isFalse();
    assertThat(resolved.name()).isEqualTo("backend");
    assertThat(resolved.source()).isEqualTo(backend.source());
  }

  @Test
  void theSchemeFollowsTheProbeAndThePathDefaultsToTheRoot() {
    AuthenticityConfig config = load("""
              web:    { probe: https, container: true }
              socket: { probe: websocket, container: true, path: /ws }
        """);

    assertThat(ContainerBinding.resolve(config.services().get("web"), "10.0.0.7", 443, "f").setting("url"))
        .hasValue("https://10.0.0.7:443/");
    assertThat(ContainerBinding.resolve(config.services().get("socket"), "::1", 40000, "f").setting("url"))
        .hasValue("ws://[::1]:40000/ws");
  }

  @Test
  void aHostAndPortServiceGetsTheContainerHostAndMappedPort() {
    ServiceDefinition postgres = load("      postgres: { probe: postgres, container: true, database: test }\n")
        .services().get("postgres");

    ServiceDefinition resolved = ContainerBinding.resolve(postgres, "localhost", 49153, "f");

    assertThat(resolved.setting("host")).hasValue("localhost");
    assertThat(resolved.setting("port")).hasValue("49153");
    assertThat(resolved.setting("database")).hasValue("test");
    assertThat(resolved.setting("url")).isEmpty();
    assertThat(resolved.endpoints()).containsExactly(new Endpoint("localhost", 49153));
  }

  @Test
  void aConfiguredAddressIsReplacedByTheContainersKeepingPathAndQuery() {
    AuthenticityConfig config = load("""
              backend: { probe: http, url: "https://user:pw@api.example.com:8443/v1/health?full=true#x" }
              redis:   { probe: redis, host: cache.example.com, port: 6380 }
        """);

    assertThat(ContainerBinding.resolve(config.services().get("backend"), "localhost", 32770, "f").setting("url"))
        .hasValue("https://user:pw@localhost:32770/v1/health?full=true#x");
    ServiceDefinition redis = ContainerBinding.resolve(config.services().get("redis"), "localhost", 32771, "f");
    assertThat(redis.endpoints()).containsExactly(new Endpoint("localhost", 32771));
  }

  @Test
  void aContainerServiceThatWasNeverResolvedIsNotProbedButSaysWhy() {
    ServiceDefinition backend = load("      backend: { probe: http, container: true }\n").services().get("backend");

    ProbeResult result = new Preflight(getClass().getClassLoader()).probeAll(List.of(backend)).get("backend");

    assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("not probed: container: true, so its host and port are those of a"
        + " @RealServiceContainer field, known only when its test class runs");
  }
}
