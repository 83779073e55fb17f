package io.github.authenticity.core.internal.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTML page's stylesheet and script: class-path resources beside this class ({@code report.css},
 * {@code report.js}), read once as UTF-8 and inlined into every page, which stays one self-contained file.
 */
final class HtmlAssets {

  static final String CSS = load("report.css");
  static final String JS = load("report.js");

  private HtmlAssets() {
  }

  /**
   * The text of the resource {@code name} beside this class.
   *
   * @throws IllegalStateException when it is not on the class path, naming it
   * @throws UncheckedIOException  when it cannot be read
   */
  static String load(String name) {
    String path = HtmlAssets.class.getPackageName().replace('.', '/') + "/" + name;
    try (InputStream in = HtmlAssets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The HTML report's resource [" + path + "] is not on the class path: the"
            + " jar that holds " + HtmlAssets.class.getName() + " was built without it. Rebuild or reinstall it.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read the HTML report's resource [" + path + "]: " + ex.getMessage(), ex);
    }
  }
}
