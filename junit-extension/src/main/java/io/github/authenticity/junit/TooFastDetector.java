package io.github.authenticity.junit;

import java.nio.file.Path;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.detect.History;
import io.github.authenticity.core.internal.detect.HistoryBaseline;
import io.github.authenticity.core.internal.detect.TooFast;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.report.ReportJson;

/** {@code TOO_FAST}: under {@code minDuration}, or far faster than the test's authentic history. */
final class TooFastDetector implements Detector {

  @Override
  public void afterTest(GuardedTest test, TestOutcome outcome) {
    if (outcome.failure().isPresent()) {
      return;
    }
    var detection = test.config().detection();
    TooFast.judge(outcome.elapsed(), test.minDuration(), history(test.config()).authenticRuns(test.uniqueId()),
            detection.tooFastFactor(), detection.tooFastMinRuns())
        .ifPresent(detail -> outcome.addEvidence(EvidenceKind.TOO_FAST, detail));
  }

  static History history(AuthenticityConfig config) {
    Path file = config.historyFile() != null ? config.historyFile() : Path.of(AuthenticityConfig.DEFAULT_HISTORY_FILE);
    return History.of(file, HistoryBaseline.parse(config.historyBaseline(), ReportJson::read));
  }
}
