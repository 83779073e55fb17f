package io.github.authenticity.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.judge.Findings;
import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.redact.RedactedThrowable;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.Verdict;

/** Hands what the detectors saw of a guarded test to the core {@link Judge}, records the verdict, and fails a masked test. */
final class Judging {

  private Judging() {
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
    List<String> services = new ArrayList<>(test.services().size());
    for (ServiceDefinition service : test.services()) {
      services.add(service.name());
    }
    String failureText = failure == null || !aborts.isEmpty() ? null
        : failure.getMessage() != null ? failure.getMessage() : failure.toString();
    Judgement judgement = Judge.ran(new Findings(services, outcome.evidence(), !aborts.isEmpty(), failureText,
        outcome.cannotJudge().orElse(null), detectorFailure == null ? null : detectorFailure.toString(),
        outcome.proof(), outcome.unproven().orElse(null), outcome.allowedMocks(), outcome.warnings(), outcome.elapsed().toMillis()));
    if (judgement.verdict() == Verdict.AUTHENTIC) {
      // only authentic runs feed the history that TOO_FAST compares with
      List<String> warnings = new ArrayList<>(judgement.warnings());
      Detectors.recordAuthentic(test, outcome.elapsed()).ifPresent(warnings::add);
      judgement = new Judgement(judgement.verdict(), null, judgement.evidence(), judgement.proof(),
          judgement.unproven(), judgement.allowedMocks(), warnings, judgement.durationMillis(), null, null);
    }
    run.verdict(test.uniqueId(), judgement);
    if (detectorFailure != null) {
      throw (RuntimeException) RedactedThrowable.of(detectorFailure);
    }
    if (failure == null) {
      // the body passed: the judgement decides how the test ends
      Failures.throwIfFails(judgement, test.config().mode(), outcome.cannotJudge().isPresent());
    }
  }
}
