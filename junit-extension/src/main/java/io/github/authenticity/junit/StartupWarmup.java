package io.github.authenticity.junit;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.authenticity.core.internal.config.ConfigLoader;
import io.github.authenticity.core.internal.events.EventWriter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import io.github.authenticity.core.config.ConfigurationKeys;

/**
 * Loads, on a background thread while JUnit discovers the tests, the classes that the start of a guarded test plan
 * needs on its critical path: SnakeYAML for the configuration, Jackson and the redaction for the events file. The
 * listener is created before discovery; the configuration is read after it, on the main thread, and a cold
 * SnakeYAML costs about as much as the rest of reading it (the bench profile).
 *
 * <p>Only in a JVM that will probably run guarded tests (an {@code authenticity.yaml} or {@code .yml} on the test
 * class path, or {@code -Dauthenticity.config}), once per JVM, at the lowest priority. It reads no configuration;
 * what it loads is loaded anyway, and any problem is left to the real load to report.
 */
final class StartupWarmup {

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private StartupWarmup() {
  }

  /** Starts the warm-up thread when {@link #wanted} says so, once per JVM. */
  static void start(ClassLoader testClassLoader) {
    try {
      if (!wanted(testClassLoader) || !STARTED.compareAndSet(false, true)) {
        return;
      }
      Thread thread = new Thread(StartupWarmup::warm, "authenticity-warm-up");
      thread.setDaemon(true);
      thread.setPriority(Thread.MIN_PRIORITY);
      thread.start();
    } catch (RuntimeException | LinkageError ex) {
      // only a warm-up: the real work loads the same classes when it needs them
    }
  }

  /** Whether this JVM will probably read an Authenticity configuration. */
  static boolean wanted(ClassLoader testClassLoader) {
    if (System.getProperty(ConfigurationKeys.CONFIG) != null) {
      return true;
    }
    ClassLoader loader = testClassLoader != null ? testClassLoader : StartupWarmup.class.getClassLoader();
    return loader.getResource("authenticity.yaml") != null || loader.getResource("authenticity.yml") != null;
  }

  private static void warm() {
    try {
      new Yaml(new LoaderOptions()).compose(new StringReader("warm: {up: [1, \"two\", 3s]}\n"));
      try (JsonGenerator json = new JsonFactory().createGenerator(new StringWriter())) {
        json.writeStartObject();
        json.writeStringField("warm", "up");
        json.writeEndObject();
      }
      EventWriter.oneLine("warm up");
    } catch (Exception | LinkageError ex) {
      // only a warm-up
    }
  }
}
