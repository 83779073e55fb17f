package io.github.authenticity.junit;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.authenticity.core.config.AuthenticityConfig;
import io.github.authenticity.core.config.ConfigLoader;
import io.github.authenticity.core.config.ConfigParameters;
import io.github.authenticity.core.events.BuildIdentity;
import org.junit.platform.launcher.TestPlan;

/** The {@code run} event that opens an events file. */
final class RunEvent {

  private RunEvent() {
  }

  /** The {@code run} event; {@code withConfig} is {@code null} when the configuration was not loaded (no guarded test). */
  static Map<String, Object> of(Run withConfig, ConfigParameters parameters) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("pid", ProcessHandle.current().pid());
    event.put("host", host());
    // the build this run belongs to: one value, see BuildIdentity
    event.put("build", BuildIdentity.current().value());
    Optional<String> error = withConfig == null ? Optional.empty() : withConfig.configError();
    AuthenticityConfig config = withConfig == null || error.isPresent() ? null : withConfig.config();
    event.put("environment", config != null ? config.environment()
        : parameters.get(ConfigLoader.ENVIRONMENT_KEY).orElse(null));
    event.put("staging", config != null && config.staging());
    event.put("mode", config != null ? config.mode().name().toLowerCase(Locale.ROOT)
        : parameters.get(ConfigLoader.MODE_KEY).orElse("fail"));
    event.put("config", config != null ? config.source() : withConfig == null ? "(not loaded: no guarded test)" : null);
    event.put("configError", error.map(Redaction::apply).orElse(null));
    event.put("requireEnvironment", config != null ? config.requireEnvironment().orElse(null)
        : parameters.get(ConfigLoader.REQUIRE_ENVIRONMENT_KEY).orElse(null));
    event.put("java", System.getProperty("java.version"));
    event.put("junit", TestPlan.class.getPackage().getImplementationVersion());
    return event;
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
