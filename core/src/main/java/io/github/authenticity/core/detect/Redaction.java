package io.github.authenticity.core.detect;

import io.github.authenticity.core.config.Secrets;

/** Redacts evidence text through {@link Secrets#redact(String)}. */
final class Redaction {

  private Redaction() {
  }

  static String apply(String text) {
    try {
      return Secrets.redact(text);
    } catch (UnsupportedOperationException ex) {
      // until the configuration work lands Secrets is a stub; without it there is nothing registered to redact
      return text;
    }
  }
}
