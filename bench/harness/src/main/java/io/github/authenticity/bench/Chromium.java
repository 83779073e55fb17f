package io.github.authenticity.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads an HTML file in headless Chromium ({@code --dump-dom}) and reads back a marker the page sets at
 * its {@code load} event: {@code performance.now()} after a forced layout, i.e. navigation start to a
 * parsed, scripted and laid-out page. The marker script is added at the end of a copy of the page; the
 * page is not changed otherwise.
 */
final class Chromium {

  /** One page load: the in-page load time and the wall time of the whole browser process. */
  record Load(double pageMillis, double wallMillis, String error) {
  }

  /** At {@code load}, forces style and layout (reading {@code offsetHeight}), then records the time. */
  static final String MARKER_SCRIPT = "<script>addEventListener('load',function(){"
      + "void document.body.offsetHeight;"
      + "document.documentElement.setAttribute('data-bench-load',performance.now().toFixed(1));});</script>";

  private static final Pattern MARKER = Pattern.compile("data-bench-load=\"([0-9.]+)\"");

  private Chromium() {
  }

  /** The Chromium executable, or {@code null} when none is installed. */
  static String executable() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return null;
  }

  /** Writes {@code html} plus the marker script to {@code target}. */
  static void instrument(Path html, Path target) {
    try {
      String page = Files.readString(html, StandardCharsets.UTF_8);
      int body = page.lastIndexOf("</body>");
      String instrumented = body < 0 ? page + MARKER_SCRIPT
          : page.substring(0, body) + MARKER_SCRIPT + page.substring(body);
      Files.writeString(target, instrumented, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot instrument [" + html + "]: " + ex.getMessage(), ex);
    }
  }

  static Load load(String chromium, Path page, Path workDirectory, String label) {
    Path profile = workDirectory.resolve("chromium-profile-" + label);
    Path dom = workDirectory.resolve("chromium-" + label + ".dom");
    Path log = workDirectory.resolve("chromium-" + label + ".log");
    Suites.deleteRecursively(profile);
    List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString()));
    try {
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        return new Load(Double.NaN, Double.NaN, "Chromium did not finish within 120 s; see " + log);
      }
      double wall = (System.nanoTime() - start) / 1e6;
      String head;
      try (InputStream in = Files.newInputStream(dom)) {
        head = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
      }
      Matcher matcher = MARKER.matcher(head);
      if (!matcher.find()) {
        return new Load(Double.NaN, wall, "no load marker in the dumped DOM (exit " + process.exitValue()
            + "); see " + log);
      }
      return new Load(Double.parseDouble(matcher.group(1)), wall, null);
    } catch (IOException ex) {
      return new Load(Double.NaN, Double.NaN, "Cannot run Chromium [" + chromium + "]: " + ex.getMessage());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return new Load(Double.NaN, Double.NaN, "interrupted");
    } finally {
      Suites.deleteRecursively(profile);
    }
  }
}
