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
 * Loads an HTML file in headless Chromium ({@code --dump-dom}) and reads back what a marker script
 * measured inside the page and wrote as attributes of {@code <html>}: at the {@code load} event,
 * {@code performance.now()} after a forced layout (navigation start to a parsed, scripted, laid-out page);
 * then, where the page has the report's filter box ({@code #q}) and verdict buttons ({@code #vb button}),
 * the time to type a query (one {@code input} event) and to click the first verdict button, each until
 * the list is laid out again. The report debounces typing with {@code setTimeout}, which never fires
 * before {@code --dump-dom}; during that one measured event the marker runs such timers at once (so the
 * debounce delay is not counted, the filtering is). The page is not changed otherwise.
 */
final class Chromium {

  /** One page load: in-page times (NaN where the page has no such control) and the browser's wall time. */
  record Load(double pageMillis, double searchMillis, double clickMillis, String searchInfo, double wallMillis,
      String error) {
  }

  /** The query typed into the filter box: matches 2% of the generated tests. */
  static final String QUERY = "discount07";

  /** Goes first in {@code <head>}: lets the marker run the page's debounce timers synchronously. */
  static final String HEAD_SCRIPT = "<script>(function(){var st=window.setTimeout;window.__benchSync=false;"
      + "window.setTimeout=function(f,d){if(window.__benchSync&&typeof f==='function'){f();return 0;}"
      + "return st.apply(window,arguments);};})();</script>";

  /** Goes last in {@code <body>}: measures at {@code load}, writes the results on {@code <html>}. */
  static final String MARKER_SCRIPT = "<script>addEventListener('load',function(){"
      + "var d=document.documentElement;void document.body.offsetHeight;"
      + "d.setAttribute('data-bench-load',performance.now().toFixed(1));"
      + "var q=document.getElementById('q');if(!q)return;window.__benchSync=true;"
      + "var t=performance.now();q.value='" + QUERY + "';q.dispatchEvent(new Event('input',{bubbles:true}));"
      + "void document.body.offsetHeight;d.setAttribute('data-bench-search',(performance.now()-t).toFixed(1));"
      + "var info=document.getElementById('shown');d.setAttribute('data-bench-info',info?info.textContent:'');"
      + "var b=document.querySelectorAll('#vb button');if(b.length>1){t=performance.now();b[1].click();"
      + "void document.body.offsetHeight;d.setAttribute('data-bench-click',(performance.now()-t).toFixed(1));}"
      + "window.__benchSync=false;});</script>";

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

  /** Writes {@code html} plus the two scripts to {@code target}. */
  static void instrument(Path html, Path target) {
    try {
      String page = Files.readString(html, StandardCharsets.UTF_8);
      int head = page.indexOf("<head>");
      if (head >= 0) {
        page = page.substring(0, head + 6) + HEAD_SCRIPT + page.substring(head + 6);
      } else {
        page = HEAD_SCRIPT + page;
      }
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
        return new Load(Double.NaN, Double.NaN, Double.NaN, "", Double.NaN,
            "Chromium did not finish within 120 s; see " + log);
      }
      double wall = (System.nanoTime() - start) / 1e6;
      String head;
      try (InputStream in = Files.newInputStream(dom)) {
        head = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
      }
      String load = attribute(head, "data-bench-load");
      if (load == null) {
        return new Load(Double.NaN, Double.NaN, Double.NaN, "", wall, "no load marker in the dumped DOM (exit "
            + process.exitValue() + "); see " + log);
      }
      return new Load(Double.parseDouble(load), number(attribute(head, "data-bench-search")),
          number(attribute(head, "data-bench-click")), String.valueOf(attribute(head, "data-bench-info")), wall, null);
    } catch (IOException ex) {
      return new Load(Double.NaN, Double.NaN, Double.NaN, "", Double.NaN,
          "Cannot run Chromium [" + chromium + "]: " + ex.getMessage());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return new Load(Double.NaN, Double.NaN, Double.NaN, "", Double.NaN, "interrupted");
    } finally {
      Suites.deleteRecursively(profile);
    }
  }

  private static String attribute(String html, String name) {
    Matcher matcher = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static double number(String text) {
    return text == null ? Double.NaN : Double.parseDouble(text);
  }
}
