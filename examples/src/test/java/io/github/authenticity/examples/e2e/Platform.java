package io.github.authenticity.examples.e2e;

import java.net.URI;

import io.github.authenticity.examples.client.PlatformClient;

/** Where the platform under test is, as published by {@link EmbeddedPlatformSession} (or set by you). */
final class Platform {

  static final String USERNAME = "demo";
  static final String PASSWORD = "demo-password";

  private Platform() {
  }

  static URI backendUrl() {
    return URI.create(property(EmbeddedPlatformSession.BACKEND_URL));
  }

  static URI eventsUrl() {
    return URI.create(property(EmbeddedPlatformSession.EVENTS_URL));
  }

  static PlatformClient client() {
    return new PlatformClient(backendUrl(), eventsUrl());
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("System property [" + name + "] is not set: run the suite through the JUnit "
          + "launcher (Maven, Gradle, the IDE), which starts the embedded platform, or set it to a running platform");
    }
    return value;
  }
}
