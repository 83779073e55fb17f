package io.github.authenticity.junit;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.authenticity.core.internal.config.ConfigLoader;
import io.github.authenticity.core.internal.events.EventsFormat;
import io.github.authenticity.core.internal.redact.Redactor;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import io.github.authenticity.core.config.ConfigurationKeys;

/**
 * Loads, on a background thread while JUnit discovers the tests, the classes that the start of a guarded test plan
 * needs on its critical path: SnakeYAML for the configuration, Jackson and the redaction for the events file. The
 * listener is created before discovery; the configuration is read after it, on the main thread, and a cold
 * SnakeYAML costs about as much as the rest of reading it (the bench profile).
 *
 * <p>Then it loads (without linking or initialising them) the extension's own classes from its jar: about two hundred
 * of them are needed by the first guarded class and test, where reading and defining them one at a time on the main
 * thread was about a third of a test JVM's added start-up (the bench's wall-clock profile). A class the run never uses
 * costs its bytes in memory and nothing else; one that cannot be loaded here (an optional integration's bridge
 * without the library) is skipped, and loaded (or not) by the real work as before.
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
      Redactor.redactLine("warm up", EventsFormat.MAX_MESSAGE); // as every event message passes it
    } catch (Exception | LinkageError ex) {
      // only a warm-up
    }
    loadOwnClasses();
  }

  /** The packages of the extension's jar whose classes are loaded ahead: its own, and the core it bundles. */
  private static final String[] OWN = {"io/github/authenticity/junit/", "io/github/authenticity/core/",
      "io/github/authenticity/shaded/core/"};

  private static void loadOwnClasses() {
    ClassLoader loader = StartupWarmup.class.getClassLoader();
    try {
      java.security.CodeSource source = StartupWarmup.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null || !source.getLocation().getPath().endsWith(".jar")) {
        return; // the classes of a build's own directories: nothing worth loading ahead
      }
      try (java.util.jar.JarFile jar = new java.util.jar.JarFile(new java.io.File(source.getLocation().toURI()))) {
        java.util.Enumeration<java.util.jar.JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          String name = entries.nextElement().getName();
          if (name.endsWith(".class") && !name.endsWith("module-info.class") && isOwn(name)) {
            load(name.substring(0, name.length() - ".class".length()).replace('/', '.'), loader);
          }
        }
      }
    } catch (Exception | LinkageError ex) {
      // only a warm-up
    }
  }

  private static boolean isOwn(String entry) {
    for (String prefix : OWN) {
      if (entry.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static void load(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError ex) {
      // e.g. a bridge to a logging library that is not on the class path: the real work never loads it either
    }
  }
}
