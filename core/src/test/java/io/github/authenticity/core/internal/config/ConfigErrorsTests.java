package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every message of a bad configuration, pinned exactly. */
class ConfigErrorsTests {

  @TempDir
  Path root;

  private String error(String yaml) {
    return Loading.yaml(root, yaml).error();
  }

  private String serviceError(String service) {
    return error("environments:\n  local:\n    services:\n      backend: " + service + "\n");
  }

  @Test
  void malformedYamlNamesFileLineAndColumn() {
    assertThat(error("""
        environments:
          local:
            services: [
        """)).isEqualTo("authenticity.yaml:4:1: malformed YAML: expected the node content, but found"
        + " '<stream end>'; fix the file at that position");
    assertThat(error("environment: local\n  mode: fail\n"))
        .isEqualTo("authenticity.yaml:2:7: malformed YAML: mapping values are not allowed here; fix the file at"
            + " that position");
  }

  @Test
  void tabsAndSeveralDocumentsAreMalformed() {
    assertThat(error("environments:\n\tlocal: {}\n")).isEqualTo("authenticity.yaml:2:1: malformed YAML: found"
        + " character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation); fix the file at that"
        + " position");
    assertThat(error("mode: fail\n---\nmode: report\n")).isEqualTo("authenticity.yaml:2:1: malformed YAML: expected"
        + " a single document in the stream, but found another document; fix the file at that position");
  }

  @Test
  void aFileThatIsNotUtf8() throws java.io.IOException {
    Path file = root.resolve("latin1.yaml");
    java.nio.file.Files.write(file, new byte[] {'m', 'o', 'd', 'e', ':', ' ', (byte) 0xE9, '\n'});

    assertThat(Loading.empty(root).param("authenticity.config", file.toString()).error()).isEqualTo("Cannot read"
        + " configuration file [" + file + "]: java.nio.charset.MalformedInputException: Input length = 1; check"
        + " that it is readable and encoded in UTF-8");
  }

  @Test
  void aListAtTheTopIsAnError() {
    assertThat(error("- a\n- b\n"))
        .isEqualTo("authenticity.yaml:1:1: (top level): expected a mapping (key: value), found a list");
  }

  @Test
  void anUnknownTopLevelKeySuggestsTheClosest() {
    assertThat(error("enviroment: local\n")).isEqualTo("authenticity.yaml:1:1: enviroment: unknown key. Did you mean"
        + " [environment]? Allowed: [detection, environment, environments, history, historyBaseline, mode,"
        + " outputDirectory, requireEnvironment]");
    assertThat(error("probes: {}\n")).isEqualTo("authenticity.yaml:1:1: probes: unknown key. Allowed: [detection,"
        + " environment, environments, history, historyBaseline, mode, outputDirectory, requireEnvironment]");
  }

  @Test
  void aDuplicateKeyNamesBothLines() {
    assertThat(error("""
        environments:
          local:
            services:
              backend: { probe: tcp, host: a, port: 1 }
              backend: { probe: tcp, host: b, port: 2 }
        """)).isEqualTo("authenticity.yaml:5:7: environments.local.services.backend: duplicate key; it is first"
        + " defined at line 4, remove one of them");
  }

  @Test
  void anUnknownEnvironmentKey() {
    assertThat(error("environments:\n  local:\n    service: {}\n")).isEqualTo("authenticity.yaml:3:5:"
        + " environments.local.service: unknown key. Did you mean [services]? Allowed: [services, staging]");
  }

  @Test
  void anUndefinedActiveEnvironmentListsTheDefinedOnes() {
    assertThat(Loading.yaml(root, "environments: { local: {}, staging: {} }\n")
        .param("authenticity.environment", "stagign").error())
        .isEqualTo("authenticity.yaml:1:1: environments: environment [stagign] (from configuration parameter"
            + " [authenticity.environment]) is not defined. Did you mean [staging]? Defined: [local, staging];"
            + " add it under environments or select one of those");
    assertThat(Loading.yaml(root, "environments: { staging: {} }\n").error())
        .isEqualTo("authenticity.yaml:1:1: environments: environment [local] (from the default) is not defined."
            + " Defined: [staging]; add it under environments or select one of those");
    assertThat(Loading.yaml(root, "environment: qa\nenvironments: { staging: {} }\n").error())
        .isEqualTo("authenticity.yaml:2:1: environments: environment [qa] (from environment at line 1) is not"
            + " defined. Defined: [staging]; add it under environments or select one of those");
    assertThat(Loading.yaml(root, "environments: { staging: {} }\n").env("AUTHENTICITY_ENVIRONMENT", "prod")
        .error()).isEqualTo("authenticity.yaml:1:1: environments: environment [prod] (from environment variable"
        + " [AUTHENTICITY_ENVIRONMENT]) is not defined. Defined: [staging]; add it under environments or select one"
        + " of those");
  }

  @Test
  void anUnknownProbeTypeListsTheAllowedOnes() {
    assertThat(serviceError("{ probe: htp, url: \"http://localhost:8080\" }"))
        .isEqualTo("authenticity.yaml:4:25: environments.local.services.backend.probe: unknown probe type [htp]."
            + " Did you mean [http]? Allowed: [http, https, postgres, redis, tcp, websocket]; a custom probe type"
            + " comes from a ServiceProbe listed in META-INF/services/io.github.authenticity.core.probe.ServiceProbe");
    assertThat(serviceError("{ probe: kafka }")).isEqualTo("authenticity.yaml:4:25: environments.local.services"
        + ".backend.probe: unknown probe type [kafka]. Allowed: [http, https, postgres, redis, tcp, websocket]; a"
        + " custom probe type comes from a ServiceProbe listed in"
        + " META-INF/services/io.github.authenticity.core.probe.ServiceProbe");
  }

  @Test
  void aServiceWithoutProbe() {
    assertThat(serviceError("{ url: \"http://localhost:8080\" }")).isEqualTo("authenticity.yaml:4:7:"
        + " environments.local.services.backend: no probe is set; add probe: with one of [http, https, postgres,"
        + " redis, tcp, websocket]");
  }

  @Test
  void anUnknownServiceKeySuggestsTheClosest() {
    assertThat(serviceError("{ probe: http, url: \"http://localhost:8080\", timout: 2s }"))
        .isEqualTo("authenticity.yaml:4:61: environments.local.services.backend.timout: unknown key for probe"
            + " [http]. Did you mean [timeout]? Allowed: [container, endpoints, expectBody, expectStatus, expectValue,"
            + " headers, jsonPointer, maxLatency, method, path, probe, timeout, trustStore, trustStorePassword,"
            + " trustStoreType, url, via]");
    assertThat(serviceError("{ probe: tcp, host: localhost, port: 1, headers: { A: b } }"))
        .isEqualTo("authenticity.yaml:4:56: environments.local.services.backend.headers: unknown key for probe"
            + " [tcp]. Allowed: [container, endpoints, host, maxLatency, port, probe, timeout, via]");
  }

  @Test
  void aMissingRequiredKeyShowsAnExample() {
    assertThat(serviceError("{ probe: http }")).isEqualTo("authenticity.yaml:4:7: environments.local.services"
        + ".backend: probe [http] requires [url]; add it, e.g. url: http://localhost:8080/health");
    assertThat(serviceError("{ probe: tcp, host: localhost }")).isEqualTo("authenticity.yaml:4:7:"
        + " environments.local.services.backend: probe [tcp] requires [port]; add it, e.g. port: 8080");
    assertThat(serviceError("{ probe: redis, host: \"\" }")).isEqualTo("authenticity.yaml:4:7:"
        + " environments.local.services.backend: probe [redis] requires [host]; add it, e.g. host: localhost");
  }

  @Test
  void aBadDurationShowsTheAcceptedForms() {
    assertThat(error("""
        environments:
          local:
            services:
              backend:
                probe: http
                url: http://localhost:8080/health
                timeout: 2 seconds
        """)).isEqualTo("authenticity.yaml:7:18: environments.local.services.backend.timeout: [2 seconds] is not a"
        + " duration; use e.g. 2s, 500ms, 1m or PT2M");
    assertThat(serviceError("{ probe: tcp, host: h, port: 1, maxLatency: 0ms }")).isEqualTo("authenticity.yaml:4:60:"
        + " environments.local.services.backend.maxLatency: [0ms] is zero; use a positive duration, e.g. 2s, 500ms,"
        + " 1m or PT2M");
    assertThat(serviceError("{ probe: tcp, host: h, port: 1, timeout: 3 }")).isEqualTo("authenticity.yaml:4:57:"
        + " environments.local.services.backend.timeout: [3] has no unit; use e.g. 2s, 500ms, 1m or PT2M");
  }

  @Test
  void badUrlsSayWhatIsWrong() {
    assertThat(serviceError("{ probe: http, url: \"localhost:8080/health\" }")).isEqualTo("authenticity.yaml:4:36:"
        + " environments.local.services.backend.url: [localhost:8080/health] is not a valid URL for probe [http]:"
        + " its scheme [localhost] is not http or https; use e.g. http://localhost:8080/health");
    assertThat(serviceError("{ probe: http, url: \"/health\" }")).isEqualTo("authenticity.yaml:4:36:"
        + " environments.local.services.backend.url: [/health] is not a valid URL for probe [http]: it has no"
        + " scheme; use e.g. http://localhost:8080/health");
    assertThat(serviceError("{ probe: https, url: \"http://api.example.com\" }")).isEqualTo("authenticity.yaml:4:37:"
        + " environments.local.services.backend.url: [http://api.example.com] is not a valid URL for probe [https]:"
        + " its scheme [http] is not https; use e.g. https://localhost:8443/health");
    assertThat(serviceError("{ probe: websocket, url: \"http://localhost/ws\" }")).isEqualTo("authenticity.yaml:4:41:"
        + " environments.local.services.backend.url: [http://localhost/ws] is not a valid URL for probe [websocket]:"
        + " its scheme [http] is not ws or wss; use e.g. ws://localhost:8080/ws");
    assertThat(serviceError("{ probe: http, url: \"http:///health\" }")).isEqualTo("authenticity.yaml:4:36:"
        + " environments.local.services.backend.url: [http:///health] is not a valid URL for probe [http]: it has no"
        + " valid host; use e.g. http://localhost:8080/health");
    assertThat(serviceError("{ probe: http, url: \"http://local host/\" }")).isEqualTo("authenticity.yaml:4:36:"
        + " environments.local.services.backend.url: [http://local host/] is not a valid URL for probe [http]: it is"
        + " malformed: the space at position 13 is not allowed in a URL; use e.g. http://localhost:8080/health");
    assertThat(serviceError("{ probe: http, url: \"http://localhost/a|b\" }")).isEqualTo("authenticity.yaml:4:36:"
        + " environments.local.services.backend.url: [http://localhost/a|b] is not a valid URL for probe [http]: it is"
        + " malformed: the character [|] at position 19 is not allowed in a URL; use e.g. http://localhost:8080/health");
    assertThat(serviceError("{ probe: http, url: \"http://localhost/%zz\" }")).isEqualTo("authenticity.yaml:4:36:"
        + " environments.local.services.backend.url: [http://localhost/%zz] is not a valid URL for probe [http]: it is"
        + " malformed: the [%] at position 18 is not followed by two hex digits (write a % itself as %25); use e.g."
        + " http://localhost:8080/health");
  }

  @Test
  void aBadUrlNeverShowsItsUserInfo() {
    assertThat(serviceError("{ probe: http, url: \"ftp://bob:hunter2-bad-url@h/\" }")).isEqualTo(
        "authenticity.yaml:4:36: environments.local.services.backend.url: [ftp://****@h/] is not a valid URL for"
            + " probe [http]: its scheme [ftp] is not http or https; use e.g. http://localhost:8080/health");
  }

  @Test
  void badPortsHostsAndNumbers() {
    assertThat(serviceError("{ probe: tcp, host: localhost, port: 80800 }")).isEqualTo("authenticity.yaml:4:53:"
        + " environments.local.services.backend.port: [80800] is not a port; use a number from 1 to 65535");
    assertThat(serviceError("{ probe: tcp, host: \"localhost:5432\", port: 1 }")).isEqualTo("authenticity.yaml:4:36:"
        + " environments.local.services.backend.host: [localhost:5432] is not a host name; give only the host, e.g."
        + " localhost or db.example.com (a port goes under port)");
    assertThat(serviceError("{ probe: http, url: \"http://h/\", expectStatus: 20O }")).isEqualTo(
        "authenticity.yaml:4:63: environments.local.services.backend.expectStatus: [20O] is not an HTTP status; use"
            + " a number from 100 to 599, e.g. 200");
    assertThat(serviceError("{ probe: redis, host: h, database: -1 }")).isEqualTo("authenticity.yaml:4:51:"
        + " environments.local.services.backend.database: [-1] is not a database index; use a whole number from 0,"
        + " e.g. 0");
    assertThat(serviceError("{ probe: redis, host: h, tls: maybe }")).isEqualTo("authenticity.yaml:4:46:"
        + " environments.local.services.backend.tls: [maybe] is not a boolean; use true or false");
  }

  @Test
  void badRegularExpressionsAndOtherValues() {
    assertThat(serviceError("{ probe: http, url: \"http://h/\", expectBody: \"(unclosed\" }")).isEqualTo(
        "authenticity.yaml:4:61: environments.local.services.backend.expectBody: [(unclosed] is not a valid regular"
            + " expression: Unclosed group near index 9; see java.util.regex.Pattern");
    assertThat(serviceError("{ probe: websocket, url: \"ws://h/\", expect: \"[a-\" }")).isEqualTo(
        "authenticity.yaml:4:60: environments.local.services.backend.expect: [[a-] is not a valid regular"
            + " expression: Illegal character range near index 3; see java.util.regex.Pattern");
    assertThat(serviceError("{ probe: http, url: \"http://h/\", method: FETCH }")).isEqualTo(
        "authenticity.yaml:4:57: environments.local.services.backend.method: [FETCH] is not an HTTP method; use"
            + " one of GET, HEAD, POST, PUT, DELETE, OPTIONS");
    // TRACE echoes the request, credentials included, and most servers refuse it: no health check uses it
    assertThat(serviceError("{ probe: http, url: \"http://h/\", method: trace }")).isEqualTo(
        "authenticity.yaml:4:57: environments.local.services.backend.method: [trace] is not an HTTP method; use"
            + " one of GET, HEAD, POST, PUT, DELETE, OPTIONS");
    assertThat(serviceError("{ probe: http, url: \"http://h/\", jsonPointer: status, expectValue: UP }"))
        .isEqualTo("authenticity.yaml:4:62: environments.local.services.backend.jsonPointer: [status] is not a JSON"
            + " pointer (RFC 6901); start it with /, e.g. /status");
    assertThat(serviceError("{ probe: http, url: \"http://h/\", expectValue: UP }")).isEqualTo(
        "authenticity.yaml:4:62: environments.local.services.backend.expectValue: expectValue needs jsonPointer;"
            + " add jsonPointer (RFC 6901, e.g. /status) to say which value of the JSON body to compare");
    assertThat(serviceError("{ probe: http, url: \"https://h/\", trustStoreType: P12 }")).isEqualTo(
        "authenticity.yaml:4:66: environments.local.services.backend.trustStoreType: [P12] is not a trust store"
            + " type; use PKCS12 or JKS");
    assertThat(serviceError("{ probe: postgres, host: h, sslmode: on }")).isEqualTo("authenticity.yaml:4:53:"
        + " environments.local.services.backend.sslmode: [on] is not an sslmode; use one of disable, allow, prefer,"
        + " require, verify-ca, verify-full");
    assertThat(serviceError("{ probe: tcp, host: h, port: 1, endpoints: [ \"h2\" ] }")).isEqualTo(
        "authenticity.yaml:4:61: environments.local.services.backend.endpoints[0]: [h2] is not an endpoint; use"
            + " host:port or a URL, e.g. localhost:8080");
    assertThat(serviceError("{ probe: http, url: \"http://h/\", headers: { \"Bad Header\": x } }")).isEqualTo(
        "authenticity.yaml:4:60: environments.local.services.backend.headers.Bad Header: [Bad Header] is not a"
            + " valid HTTP header name; use letters, digits and '-', e.g. Authorization");
  }

  @Test
  void aMappingWhereASingleValueBelongs() {
    assertThat(serviceError("{ probe: tcp, host: { name: h }, port: 1 }")).isEqualTo("authenticity.yaml:4:36:"
        + " environments.local.services.backend.host: expected a single value, found a mapping");
    assertThat(error("environments: [ local ]\n")).isEqualTo("authenticity.yaml:1:15: environments: expected a"
        + " mapping (key: value), found a list");
  }

  @Test
  void aServiceNameWithADot() {
    assertThat(error("environments: { local: { services: { \"auth.server\": { probe: tcp } } } }\n")).isEqualTo(
        "authenticity.yaml:1:38: environments.local.services.auth.server: [auth.server] is not a valid service"
            + " name; use letters, digits, '-' and '_' (no dots or spaces)");
  }

  @Test
  void detectionAndTopLevelValues() {
    assertThat(error("detection: { interaction: strict }\n")).isEqualTo("authenticity.yaml:1:27:"
        + " detection.interaction: [strict] is not allowed; use required, warn or off");
    assertThat(error("detection: { fallbackPatterns: [ \"ok\", \"(?i)mock(\" ] }\n")).isEqualTo(
        "authenticity.yaml:1:40: detection.fallbackPatterns[1]: [(?i)mock(] is not a valid regular expression:"
            + " Unclosed group near index 9; see java.util.regex.Pattern");
    assertThat(error("detection: { tooFast: { factor: 1 } }\n")).isEqualTo("authenticity.yaml:1:33:"
        + " detection.tooFast.factor: [1] is not a number greater than 1; use e.g. 10");
    assertThat(error("detection: { tooFast: { minRuns: 0 } }\n")).isEqualTo("authenticity.yaml:1:34:"
        + " detection.tooFast.minRuns: [0] is not a whole number of at least 1; use e.g. 3");
    assertThat(error("detection: { tooFast: { runs: 3 } }\n")).isEqualTo("authenticity.yaml:1:25:"
        + " detection.tooFast.runs: unknown key. Allowed: [factor, minRuns]");
    assertThat(error("mode: lenient\n")).isEqualTo("authenticity.yaml:1:7: mode: [lenient] is not allowed; use fail"
        + " or report");
    assertThat(error("environments: { local: { staging: sure } }\n")).isEqualTo("authenticity.yaml:1:35:"
        + " environments.local.staging: [sure] is not a boolean; use true or false");
  }

  @Test
  void placeholders() {
    assertThat(serviceError("{ probe: tcp, host: \"${DB_HOST\", port: 1 }")).isEqualTo("authenticity.yaml:4:36:"
        + " environments.local.services.backend.host: [${DB_HOST] has an unclosed ${; close it with } or write $${"
        + " for a literal ${");
    assertThat(serviceError("{ probe: tcp, host: \"${}\", port: 1 }")).isEqualTo("authenticity.yaml:4:36:"
        + " environments.local.services.backend.host: [${}] has an empty ${}; write ${NAME}, ${NAME:-default} or"
        + " ${sys:name}");
    assertThat(serviceError("{ probe: tcp, host: \"${sys:authenticity.test.unset.host}\", port: 1 }")).isEqualTo(
        "authenticity.yaml:4:36: environments.local.services.backend.host: system property"
            + " [authenticity.test.unset.host] is not set; set it with -Dauthenticity.test.unset.host=... or write"
            + " ${sys:authenticity.test.unset.host:-default}");
    assertThat(serviceError("{ probe: redis, host: h, password: \"${REDIS_PASSWORD\" }")).as("a secret is not shown")
        .isEqualTo("authenticity.yaml:4:51: environments.local.services.backend.password: [****] has an unclosed"
            + " ${; close it with } or write $${ for a literal ${");
  }

  @Test
  void inAnEnvironmentThatIsNotActiveKeysTypesAndValuesAreStillChecked() {
    assertThat(error("""
        environments:
          local: {}
          staging:
            services:
              backend: { probe: http, url: "${STAGING_URL}", timeout: 2 sec }
        """)).isEqualTo("authenticity.yaml:5:63: environments.staging.services.backend.timeout: [2 sec] is not a"
        + " duration; use e.g. 2s, 500ms, 1m or PT2M");
  }

  @Test
  void aViaNamingAnUnknownServiceSuggestsTheClosest() {
    assertThat(error("environments:\n  local:\n    services:\n      backend: { probe: http, url: \"http://localhost:8080\" }\n"
        + "      postgres: { probe: postgres, host: localhost, via: bakend }\n")).isEqualTo("authenticity.yaml:5:58:"
        + " environments.local.services.postgres.via: service [postgres] is reached via [bakend], which is not defined."
        + " Did you mean [backend]? Name a service of this environment [backend, postgres], or remove via.");
  }

  @Test
  void viaFormingALoopIsAConfigurationError() {
    assertThat(error("environments:\n  local:\n    services:\n      a: { probe: tcp, host: localhost, port: 1, via: b }\n"
        + "      b: { probe: tcp, host: localhost, port: 2, via: a }\n")).isEqualTo("authenticity.yaml:4:55:"
        + " environments.local.services.a.via: via forms a loop: a -> b -> a. A service reached via another must end at"
        + " a service that tests exchange with themselves; remove via from one of them.");
  }

  @Test
  void viaIsKeptOnTheService() {
    AuthenticityConfig config = Loading.yaml(root, "environments:\n  local:\n    services:\n"
        + "      backend: { probe: http, url: \"http://localhost:8080\" }\n"
        + "      postgres: { probe: postgres, host: localhost, via: backend }\n").load();
    assertThat(config.services().get("postgres").via()).contains("backend");
    assertThat(config.services().get("backend").via()).isEmpty();
  }
}
