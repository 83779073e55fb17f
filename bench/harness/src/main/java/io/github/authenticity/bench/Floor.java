package io.github.authenticity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The floor of scenario 8 ({@code bench/harness/src/floor}): compiled here, when the scenario runs, into a classes
 * directory that only the floor's child JVMs get on their class path (its listener is found through
 * {@code ServiceLoader}, so it must stay off every other child's).
 */
final class Floor {

  private Floor() {
  }

  /**
   * Compiles {@code sources/java} against the JUnit jars and the agent jar (the floor speaks to the agent's ledger,
   * which the agent defines in the boot loader) into {@code output}, with {@code sources/resources} copied beside.
   */
  static Path compile(Path sources, Path output, List<Path> junitJars, Path agentJar) {
    Suites.deleteRecursively(output);
    List<Path> classpath = new ArrayList<>(junitJars);
    classpath.add(agentJar);
    try (Stream<Path> java = Files.walk(sources.resolve("java"));
        Stream<Path> resources = Files.walk(sources.resolve("resources"))) {
      Files.createDirectories(output);
      Suites.compile(java.filter(p -> p.toString().endsWith(".java")).toList(), output, classpath);
      for (Path resource : resources.filter(Files::isRegularFile).toList()) {
        Path target = output.resolve(sources.resolve("resources").relativize(resource).toString());
        Files.createDirectories(target.getParent());
        Files.copy(resource, target);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot build the floor from [" + sources + "]: " + ex.getMessage(), ex);
    }
    return output;
  }
}
