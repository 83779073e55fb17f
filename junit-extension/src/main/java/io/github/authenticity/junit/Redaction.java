package io.github.authenticity.junit;

import io.github.authenticity.core.config.Secrets;

/** Text on its way into an events file: secrets redacted, and one line where one line is expected. */
final class Redaction {

  static final int MAX_LENGTH = 2000;

  private Redaction() {
  }

  static String apply(String text) {
    return text == null ? null : Secrets.redact(text);
  }

  /** {@code text} redacted, its lines joined by single spaces, at most {@value #MAX_LENGTH} characters. */
  static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    String line = Secrets.redact(text).strip().replaceAll("\\s*\\R\\s*", " ");
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3) + "...";
  }
}
