package io.github.authenticity.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Starts a fresh child JVM, waits for it, and measures its wall time from the outside. */
final class Jvm {

  /** What one child run produced. */
  record Run(double wallMillis, int exitCode, Properties result, Path log, boolean timedOut) {

    long number(String key) {
      String value = result.getProperty(key, "");
      return value.isEmpty() ? -1 : Long.parseLong(value);
    }

    String text(String key) {
      return result.getProperty(key, "");
    }
  }

  private static int counter;

  private final Path workDirectory;

  Jvm(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  /** Runs {@code mainClass} in a fresh JVM; the child writes its result to {@code -Dbench.out}. */
  Run run(String label, List<Path> classpath, List<String> jvmOptions, String mainClass, List<String> args,
      Duration timeout) {
    int id = ++counter;
    Path log = workDirectory.resolve("logs").resolve(String.format("%03d-%s.log", id, label));
    Path out = workDirectory.resolve("logs").resolve(String.format("%03d-%s.properties", id, label));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dbench.out=" + out);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      Files.deleteIfExists(out);
      // the exact command beside its log, to run one child again by hand (a profiler added with an -agentpath)
      Files.write(workDirectory.resolve("logs").resolve(String.format("%03d-%s.command", id, label)), command);
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      long start = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        System.err.println("[bench] child JVM [" + label + "] ran longer than " + timeout.toSeconds()
            + " s and was stopped; see " + log);
        return new Run((System.nanoTime() - start) / 1e6, -1, new Properties(), log, true);
      }
      double wall = (System.nanoTime() - start) / 1e6;
      return new Run(wall, process.exitValue(), ChildOutput.read(out), log, false);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot start child JVM [" + label + "]: " + ex.getMessage(), ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for child JVM [" + label + "]", ex);
    }
  }
}
