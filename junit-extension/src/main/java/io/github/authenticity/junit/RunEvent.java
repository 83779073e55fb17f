package io.github.authenticity.junit;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

import io.github.authenticity.core.internal.config.AllowedSkip;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.ConfigLoader;
import io.github.authenticity.core.internal.config.ConfigParameters;
import io.github.authenticity.core.internal.events.BuildIdentity;
import io.github.authenticity.core.internal.events.Event;
import io.github.authenticity.core.internal.events.EventsFormat;
import org.junit.platform.launcher.TestPlan;
import io.github.authenticity.core.config.ConfigurationKeys;

/** The {@code run} event that opens an events file. */
final class RunEvent {

  private RunEvent() {
  }

  /** The {@code run} event; {@code withConfig} is {@code null} when the configuration was not loaded (no guarded test). */
  static Event.RunStarted of(String runId, Run withConfig, ConfigParameters parameters) {
    Optional<String> error = withConfig == null ? Optional.empty() : withConfig.configError();
    AuthenticityConfig config = withConfig == null || error.isPresent() ? null : withConfig.config();
    return new Event.RunStarted(runId, System.currentTimeMillis(), EventsFormat.VERSION, ProcessHandle.current().pid(),
        host(), BuildIdentity.current().value(), // the build this run belongs to: see BuildIdentity
        config != null ? config.environment() : parameters.get(ConfigurationKeys.ENVIRONMENT).orElse(null),
        config != null && config.staging(),
        config != null ? config.mode().name().toLowerCase(Locale.ROOT)
            : parameters.get(ConfigurationKeys.MODE).orElse("fail"),
        config != null ? config.source() : withConfig == null ? "(not loaded: no guarded test)" : null,
        error.orElse(null),
        config != null ? config.requireEnvironment().orElse(null)
            : parameters.get(ConfigurationKeys.REQUIRE_ENVIRONMENT).orElse(null),
        System.getProperty("java.version"), TestPlan.class.getPackage().getImplementationVersion(),
        config == null ? null : config.detection().allowedSkips().stream().map(AllowedSkip::label).distinct().toList());
  }

  /** This JVM's host name, as the {@code run} event says it. */
  static String host() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      host = System.getenv("COMPUTERNAME");
    }
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException ex) {
        host = null;
      }
    }
    return host;
  }
}
