package io.github.authenticity.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the results ran on: cores, memory, CPU, JDK, OS, load, commit. */
final class Machine {

  private Machine() {
  }

  static String describe(Path bench, String mode, String args) {
    return String.format(Locale.ROOT, """
        - Run: %s, mode `%s`, command `bench/run.sh%s`, commit `%s`
        - Machine: %d cores (%s), %s RAM, %s %s; load average at start %.2f
        - JDK: %s %s (child JVMs use the same JDK with default options; report child: `-Xmx512m`)
        - Chromium: %s
        """, Instant.now().truncatedTo(ChronoUnit.SECONDS), mode, args.isEmpty() ? "" : " " + args,
        command(bench, "git", "rev-parse", "--short", "HEAD"), Runtime.getRuntime().availableProcessors(),
        cpuModel(), memory(), System.getProperty("os.name"), System.getProperty("os.version"), loadAverage(),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), chromium());
  }

  /** The 1-minute load average, or -1 where /proc is not available. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException ex) {
      return -1;
    }
  }

  private static String cpuModel() {
    return procLine("/proc/cpuinfo", "model name");
  }

  private static String memory() {
    String total = procLine("/proc/meminfo", "MemTotal");
    try {
      long kb = Long.parseLong(total.replace("kB", "").strip());
      return String.format(Locale.ROOT, "%.1f GB", kb / 1024.0 / 1024.0);
    } catch (NumberFormatException ex) {
      return total;
    }
  }

  private static String procLine(String file, String key) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException ex) {
      return "unknown";
    }
    return "unknown";
  }

  private static String chromium() {
    String executable = Chromium.executable();
    return executable == null ? "not installed" : command(null, executable, "--version");
  }

  private static String command(Path directory, String... command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      process.waitFor(30, TimeUnit.SECONDS);
      List<String> lines = new String(out, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "unknown" : lines.get(lines.size() - 1).strip();
    } catch (IOException ex) {
      return "unknown";
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
