package io.github.authenticity.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The hand-over from a child JVM to the driver: a properties file named by {@code -Dbench.out}. */
final class ChildOutput {

  private ChildOutput() {
  }

  static void write(Properties properties) {
    Path path = Path.of(System.getProperty("bench.out"));
    try (OutputStream out = Files.newOutputStream(path)) {
      properties.store(out, "bench child result");
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot write the child result [" + path + "]: " + ex.getMessage(), ex);
    }
  }

  static Properties read(Path path) {
    Properties properties = new Properties();
    if (!Files.isRegularFile(path)) {
      return properties;
    }
    try (var in = Files.newInputStream(path)) {
      properties.load(in);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read the child result [" + path + "]: " + ex.getMessage(), ex);
    }
    return properties;
  }
}
