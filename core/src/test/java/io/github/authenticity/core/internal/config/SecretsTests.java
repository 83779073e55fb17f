package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.authenticity.core.internal.redact.Redactor;

class SecretsTests {

  @TempDir
  Path root;

  @ParameterizedTest
  @ValueSource(strings = {"password", "trustStorePassword", "Authorization", "Proxy-Authorization", "X-Auth-Token",
      "Cookie", "Set-Cookie", "X-API-Key", "apikey", "api_key", "clientSecret", "db.passwd", "credentials",
      "privateKey", "X-Amz-Signature"})
  void secretKeys(String key) {
    assertThat(Redactor.isSecretKey(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"url", "host", "user", "username", "Accept", "Content-Type", "timeout", "keyStoreType"})
  void ordinaryKeys(String key) {
    assertThat(Redactor.isSecretKey(key)).isFalse();
  }

  @Test
  void redactsUrlUserInfoAndSecretQueryParameters() {
    assertThat(Redactor.redactUrl("https://u:p@h/x?token=abc&a=1")).isEqualTo("https://****@h/x?token=****&a=1");
    assertThat(Redactor.redactUrl("redis://:pw@cache:6379/0")).isEqualTo("redis://****@cache:6379/0");
    assertThat(Redactor.redactUrl("http://h:8080/x?access_token=t1&api_key=k#frag"))
        .isEqualTo("http://h:8080/x?access_token=****&api_key=****#frag");
    assertThat(Redactor.redactUrl("http://h/path@v2?q=1")).as("an @ in the path is no user-info")
        .isEqualTo("http://h/path@v2?q=1");
    assertThat(Redactor.redactUrl("localhost:8080")).isEqualTo("localhost:8080");
  }

  @Test
  void redactsCredentialShapesInAnyText() {
    assertThat(Redactor.redact("GET https://bob:s3cr3t-shape@api.example.com/x?token=t-shape&page=2 failed"))
        .isEqualTo("GET https://****@api.example.com/x?token=****&page=2 failed");
    assertThat(Redactor.redact("Authorization: Bearer eyJhbGciOi.payload.sig sent"))
        .isEqualTo("Authorization: **** sent");
    assertThat(Redactor.redact("header Bearer abc.def-ghi")).isEqualTo("header Bearer ****");
    assertThat(Redactor.redact("jdbc:postgresql://db/test?user=app&password=pw-shape-1"))
        .isEqualTo("jdbc:postgresql://db/test?user=app&password=****");
    assertThat(Redactor.redact("{\"password\":\"pw-json-1\",\"user\":\"app\"}"))
        .isEqualTo("{\"password\":\"****\",\"user\":\"app\"}");
    assertThat(Redactor.redact("password=pw-pair-1, mode=fail")).isEqualTo("password=****, mode=fail");
    assertThat(Redactor.redact("nothing secret here")).isEqualTo("nothing secret here");
    assertThat(Redactor.redact(null)).isNull();
  }

  @Test
  void configurationMessagesSurviveRedaction() {
    String message = "authenticity.yaml:13:44: environments.staging.services.backend.headers.Authorization:"
        + " environment variable [STAGING_TOKEN] is not set; set it or write ${STAGING_TOKEN:-default}";

    assertThat(Redactor.redact(message)).isEqualTo(message);
  }

  @Test
  void redactsRegisteredValuesWhereverTheyAppear() {
    Redactor.register("registered-value-7f3a");
    Redactor.register("a b");

    assertThat(Redactor.redact("connect failed for registered-value-7f3a at x")).isEqualTo("connect failed for **** at x");
    assertThat(Redactor.redact("encoded: registered-value-7f3a, short: a b")).isEqualTo("encoded: ****, short: ****");
  }

  @Test
  void aShortValueIsOnlyRedactedWhereItStandsAlone() {
    Redactor.register("q7z");

    assertThat(Redactor.redact("xy q7z and xq7zx")).isEqualTo("xy **** and xq7zx");
  }

  @Test
  void theLoaderRegistersEverySecretItResolves() {
    Loading.yaml(root, """
        environments:
          local:
            services:
              api:
                probe: http
                url: "https://loader-user:loader-pass-91@api.example.com/h?apikey=loader-key-91"
                headers: { X-Session-Token: "${SESSION}", Authorization: "Basic bG9hZGVyOnB3ZA==" }
                trustStorePassword: loader-store-91
              cache: { probe: redis, host: localhost, password: loader-redis-91 }
        """).env("SESSION", "loader-session-91").load();

    assertThat(Redactor.redact("loader-pass-91 loader-key-91 loader-session-91 bG9hZGVyOnB3ZA== loader-store-91"
        + " loader-redis-91")).isEqualTo("**** **** **** **** **** ****");
  }

  @Test
  void aPasswordEqualToANameTheConfigurationShowsIsStillRegistered() {
    Loading.yaml(root, """
        environments:
          local:
            services:
              pgopen: { probe: postgres, host: localhost, user: pguser-open, password: pguser-open }
              cacheopen: { probe: redis, host: localhost, password: cacheopen }
        """).load();

    // a password is a password, whatever else it equals: it is redacted everywhere
    assertThat(Redactor.redact("service cacheopen as pguser-open")).isEqualTo("service **** as ****");
  }

  @Test
  void aScalarWhereAMappingBelongsIsNotShown() {
    assertThat(Loading.yaml(root, """
        environments:
          local:
            services:
              api: { probe: http, url: "http://h/", headers: "Bearer not-shown-4411" }
        """).error()).isEqualTo("authenticity.yaml:4:54: environments.local.services.api.headers: expected a mapping"
        + " (key: value), found a single value");
  }

  @Test
  void theRegistryIsSafeUnderConcurrentUse() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String secret = "concurrent-secret-" + i;
        results.add(executor.submit(() -> {
          Redactor.register(secret);
          return Redactor.redact("value " + secret);
        }));
      }
      for (Future<String> result : results) {
        assertThat(result.get()).isEqualTo("value ****");
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
