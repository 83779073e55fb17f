package io.github.authenticity.junit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authenticity.core.config.Secrets;

/** Text on its way into an events file: secrets redacted, and one line where one line is expected. */
final class Redaction {

  static final int MAX_LENGTH = 2000;

  private Redaction() {
  }

  /** Recent results: the same message (e.g. one DOWN service's) is redacted for many tests. */
  private static final Map<String, String> RECENT = Collections.synchronizedMap(
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > 256;
        }
      });

  static String apply(String text) {
    if (text == null) {
      return null;
    }
    String known = RECENT.get(text);
    if (known == null) {
      known = Secrets.redact(text);
      RECENT.put(text, known);
    }
    return known;
  }

  /** {@code text} redacted, its lines joined by single spaces, at most {@value #MAX_LENGTH} characters. */
  static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    String line = apply(text).strip().replaceAll("\\s*\\R\\s*", " ");
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3) + "...";
  }
}
