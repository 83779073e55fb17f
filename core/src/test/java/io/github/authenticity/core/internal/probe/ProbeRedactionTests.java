package io.github.authenticity.core.internal.probe;

import static io.github.authenticity.core.internal.probe.ProbeFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.github.authenticity.core.config.ServiceDefinition;
import org.junit.jupiter.api.Test;

class ProbeRedactionTests {

  @Test
  void urlUserInfoIsRemovedAndSecretQueryValuesAreRedacted() {
    assertThat(ProbeRedaction.url("https://alice:pw@api.example.com:8443/health?token=abc&lang=en&api_key=k#top"))
        .isEqualTo("https://api.example.com:8443/health?token=****&lang=en&api_key=****#top");
    assertThat(ProbeRedaction.url("redis://:pw@cache:6379/0")).isEqualTo("redis://cache:6379/0");
    assertThat(ProbeRedaction.url("http://localhost:8080/health")).isEqualTo("http://localhost:8080/health");
  }

  @Test
  void secretSettingsAndHeadersAreRedactedWhereverTheyAppear() {
    ServiceDefinition service = service("backend", "http", "url", "https://u:url-pw@h/x",
        "password", "p4ss", "trustStorePassword", "tr-pw",
        "headers", Map.of("Authorization", "Bearer tok-123", "X-Api-Key", "key-456", "Accept", "application/json"));

    String text = ProbeRedaction.text("p4ss tr-pw tok-123 key-456 url-pw application/json", service);

    assertThat(text).isEqualTo("**** **** **** **** **** application/json");
  }

  @Test
  void credentialShapesAreRedactedEvenWhenNotConfigured() {
    assertThat(ProbeRedaction.text("Authorization: Bearer eyJhbGciOi.x.y failed", null))
        .isEqualTo("Authorization: **** failed");
    assertThat(ProbeRedaction.text("Basic dXNlcjpwdw== rejected; password=hunter2, token: t0k", null))
        .isEqualTo("Basic **** rejected; password=****, token: ****");
  }

  @Test
  void secretKeysAreRecognisedByName() {
    assertThat(ProbeRedaction.isSecretKey("password")).isTrue();
    assertThat(ProbeRedaction.isSecretKey("trustStorePassword")).isTrue();
    assertThat(ProbeRedaction.isSecretKey("X-API-KEY")).isTrue();
    assertThat(ProbeRedaction.isSecretKey("Cookie")).isTrue();
    assertThat(ProbeRedaction.isSecretKey("client_secret")).isTrue();
    assertThat(ProbeRedaction.isSecretKey("url")).isFalse();
    assertThat(ProbeRedaction.isSecretKey("user")).isFalse();
  }
}
