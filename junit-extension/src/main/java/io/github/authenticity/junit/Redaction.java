package io.github.authenticity.junit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authenticity.core.redact.Redactor;

/** Text on its way into an events file, through core's one redaction policy ({@link Redactor}); a thin delegate. */
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
      known = Redactor.redact(text);
      RECENT.put(text, known);
    }
    return known;
  }

  /** {@code text} redacted, its lines joined by single spaces, at most {@value #MAX_LENGTH} characters. */
  static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    return Redactor.redactLine(text, MAX_LENGTH);
  }

  /**
   * {@code abort} itself, or when its message carries a secret (an assumption's text), an abort of the same type
   * with the message redacted and the same stack trace: the test plugin writes it into its reports and the log.
   */
  static Throwable abort(Throwable abort) {
    String message = abort.getMessage();
    if (!(abort instanceof org.opentest4j.TestAbortedException) || message == null
        || Redactor.redact(message).equals(message)) {
      return abort;
    }
    org.opentest4j.TestAbortedException copy = new org.opentest4j.TestAbortedException(Redactor.redact(message));
    copy.setStackTrace(abort.getStackTrace());
    return copy;
  }
}
