package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test support: writes configuration files into a temporary classpath root and loads them for real. */
final class Loading {

  private final Path root;
  private final Map<String, String> parameters = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private ClassLoader parent;

  private Loading(Path root) {
    this.root = root;
  }

  /** A classpath root {@code root} with {@code authenticity.yaml} holding {@code yaml}. */
  static Loading yaml(Path root, String yaml) {
    return new Loading(root).file("authenticity.yaml", yaml);
  }

  /** A classpath root {@code root} without configuration file. */
  static Loading empty(Path root) {
    return new Loading(root);
  }

  Loading file(String name, String content) {
    try {
      Path file = root.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return this;
  }

  Loading param(String key, String value) {
    parameters.put(key, value);
    return this;
  }

  Loading env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  Loading parent(ClassLoader parent) {
    this.parent = parent;
    return this;
  }

  AuthenticityConfig load() {
    try (URLClassLoader classLoader = new URLClassLoader(new URL[] {root.toUri().toURL()}, parent)) {
      return new ConfigLoader(ConfigParameters.of(parameters), environment, classLoader).load();
    } catch (MalformedURLException ex) {
      throw new IllegalStateException(ex);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The message of the ConfigurationException that loading throws. */
  String error() {
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(() -> {
      try {
        load();
      } catch (Throwable ex) {
        thrown[0] = ex;
        throw ex;
      }
    }).isInstanceOf(ConfigurationException.class);
    return thrown[0].getMessage();
  }
}
