package io.github.authenticity.examples.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import io.github.authenticity.examples.platform.DemoPlatform;
import io.github.authenticity.examples.platform.PlatformOptions;

/**
 * Starts the embedded demo platform when the JUnit launcher session opens, before the test plan runs
 * (so before Authenticity probes the services), and stops it when the session closes.
 *
 * <p>It publishes the platform's addresses as the system properties {@value #BACKEND_URL} and
 * {@value #EVENTS_URL}, which {@code authenticity.yaml} and the tests read. When {@value #BACKEND_URL}
 * is already set (a platform you started yourself, or staging), nothing is started.
 */
public final class EmbeddedPlatformSession implements LauncherSessionListener {

  /** The base URL of the platform's HTTP API, e.g. {@code http://127.0.0.1:40123}. */
  public static final String BACKEND_URL = "examples.backend.url";

  /** The URL of the platform's event stream, e.g. {@code ws://127.0.0.1:40124/events}. */
  public static final String EVENTS_URL = "examples.events.url";

  private DemoPlatform platform;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty(BACKEND_URL) != null) {
      return;
    }
    try {
      platform = DemoPlatform.start(PlatformOptions.fromSystemProperties());
    } catch (IOException e) {
      throw new UncheckedIOException("The embedded demo platform could not start: " + e.getMessage(), e);
    }
    System.setProperty(BACKEND_URL, platform.backendUrl().toString());
    System.setProperty(EVENTS_URL, platform.eventsUrl().toString());
    System.out.println("[examples] demo platform up: API " + platform.backendUrl() + ", events "
        + platform.eventsUrl() + " (" + platform.options() + ")");
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (platform != null) {
      platform.close();
      platform = null;
      System.clearProperty(BACKEND_URL);
      System.clearProperty(EVENTS_URL);
    }
  }
}
