package io.github.authenticity.junit;

import java.time.Duration;
import java.util.List;

import io.github.authenticity.core.config.Mode;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.report.Evidence;
import io.github.authenticity.core.report.Verdict;

/** Judges a guarded test after its body: {@code FAILED}, {@code MASKED} or {@code AUTHENTIC}. */
final class Judge {

  private Judge() {
  }

  /**
   * Stops every detector, writes the verdict and, for a masked test in {@code fail} mode, fails it.
   *
   * @param early   evidence found before the body ran (e.g. loopback in staging)
   * @param aborts  {@code ABORTED} evidence from an assumption in the body
   * @param failure what the body threw (after exception handlers), or {@code null}
   * @throws MaskedTestException when the test is masked, passed so far and the mode is {@code fail}
   */
  static void judge(Run run, GuardedTest test, List<Evidence> early, List<Evidence> aborts,
      List<Detector> detectors, long elapsedNanos, Throwable failure) {
    TestOutcome outcome = new TestOutcome(Duration.ofNanos(elapsedNanos), failure);
    early.forEach(e -> outcome.addEvidence(e.kind(), e.detail()));
    aborts.forEach(e -> outcome.addEvidence(e.kind(), e.detail()));
    RuntimeException detectorFailure = null;
    for (Detector detector : detectors) {
      try {
        detector.afterTest(test, outcome);
      } catch (RuntimeException ex) {
        if (detectorFailure == null) {
          detectorFailure = ex;
        } else {
          detectorFailure.addSuppressed(ex);
        }
      }
    }
    long millis = outcome.elapsed().toMillis();
    List<Evidence> evidence = outcome.evidence();
    List<String> services = test.services().stream().map(ServiceDefinition::name).toList();
    Verdict verdict;
    String message = null;
    if (detectorFailure != null) {
      verdict = Verdict.FAILED;
      message = "An Authenticity detector failed: " + detectorFailure;
    } else if (!aborts.isEmpty()) {
      verdict = Verdict.MASKED;
      message = Messages.masked(services, evidence);
    } else if (failure != null) {
      verdict = Verdict.FAILED;
      message = String.valueOf(failure.getMessage() != null ? failure.getMessage() : failure);
    } else if (!evidence.isEmpty()) {
      verdict = Verdict.MASKED;
      message = Messages.masked(services, evidence);
    } else if (outcome.cannotJudge().isPresent()) {
      verdict = Verdict.FAILED;
      message = outcome.cannotJudge().get();
    } else {
      verdict = Verdict.AUTHENTIC;
    }
    String proof = verdict == Verdict.AUTHENTIC && !outcome.proof().isEmpty()
        ? String.join("; ", outcome.proof()) : null;
    List<String> warnings = new java.util.ArrayList<>(outcome.warnings());
    if (verdict == Verdict.AUTHENTIC) {
      // only authentic runs feed the history that TOO_FAST compares with
      Detectors.recordAuthentic(test, outcome.elapsed()).ifPresent(warnings::add);
    }
    String unproven = verdict == Verdict.AUTHENTIC ? outcome.unproven().orElse(null) : null;
    run.verdict(test.uniqueId(), new Judgement(verdict, null, evidence, proof, outcome.allowedMocks(),
        warnings, millis, message, unproven));
    if (detectorFailure != null) {
      throw detectorFailure;
    }
    if (verdict == Verdict.FAILED && failure == null && evidence.isEmpty() && outcome.cannotJudge().isPresent()) {
      throw new org.opentest4j.AssertionFailedError(message);
    }
    if (verdict == Verdict.MASKED && failure == null && test.config().mode() == Mode.FAIL) {
      throw new MaskedTestException(message, null);
    }
  }
}
