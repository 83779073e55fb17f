package io.github.authenticity.junit;

import io.github.authenticity.core.internal.config.Mode;
import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.redact.Redactor;
import io.github.authenticity.core.internal.redact.Visible;
import io.github.authenticity.core.internal.model.Verdict;
import org.opentest4j.AssertionFailedError;

/**
 * What JUnit sees of a judgement: the one place that turns a verdict into the exception a test (or container) ends
 * with, under the mode's switch ({@link Judge#failsInJUnit}).
 */
final class Failures {

  private Failures() {
  }

  /**
   * Throws what a test whose body passed ends with: the reason it cannot be judged ({@code cannotJudge}: a
   * {@code FAILED} judgement that says why, in either mode), or the masked failure when {@code judgement} fails it
   * in {@code mode}; else returns.
   */
  static void throwIfFails(Judgement judgement, Mode mode, boolean cannotJudge) {
    if (cannotJudge && judgement.verdict() == Verdict.FAILED) {
      // cannot be judged here: fails in either mode, with why and how to choose interaction: warn
      throw new AssertionFailedError(Visible.of(Redactor.redact(judgement.message())));
    }
    throwIfFails(judgement, mode);
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
