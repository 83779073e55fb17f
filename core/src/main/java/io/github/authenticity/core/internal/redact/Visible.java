package io.github.authenticity.core.internal.redact;

import org.apiguardian.api.API;

/**
 * Text on its way to a person (a report file, the console, a failure message) with the invisible characters that
 * reorder or hide what is shown made visible: the bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E,
 * U+200F, U+061C) become {@code [U+202E]}, so a test named {@code gnp.exe} with a right-to-left override cannot be
 * shown as {@code exe.png}, and a log line cannot hide or reorder its own text.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class Visible {

  private Visible() {
  }

  /** {@code text} with every bidirectional control replaced by its code point in brackets; {@code null} stays. */
  public static String of(String text) {
    if (text == null) {
      return null;
    }
    int first = -1;
    for (int i = 0; i < text.length(); i++) {
      if (isBidiControl(text.charAt(i))) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isBidiControl(c)) {
        out.append(String.format("[U+%04X]", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether {@code c} is one of Unicode's bidirectional formatting characters. */
  static boolean isBidiControl(char c) {
    return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E' || c == '\u200F'
        || c == '\u061C';
  }
}
