package io.github.authenticity.junit;

import io.github.authenticity.core.config.Mode;
import io.github.authenticity.core.judge.Judge;
import io.github.authenticity.core.judge.Judgement;

/**
 * What JUnit sees of a judgement: the one place that turns a verdict into the exception a test (or container) ends
 * with, under the mode's switch ({@link Judge#failsInJUnit}).
 */
final class Failures {

  private Failures() {
  }

  /** Throws the masked failure when {@code judgement} fails its test in {@code mode}; else returns. */
  static void throwIfFails(Judgement judgement, Mode mode) {
    if (Judge.failsInJUnit(judgement, mode)) {
      throw new MaskedTestException(judgement.message(), null);
    }
  }

  /**
   * What an aborting assumption judged {@code judgement} ends with: the masked failure (with the abort as its cause)
   * when the judgement fails the test in {@code mode}, else the abort itself, redacted: a skip in {@code report} mode.
   */
  static Throwable ofAbort(Judgement judgement, Mode mode, Throwable abort) {
    return Judge.failsInJUnit(judgement, mode) ? new MaskedTestException(judgement.message(), abort)
        : RedactedAbort.of(abort);
  }
}
