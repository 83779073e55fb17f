package io.github.authenticity.junit;

import java.nio.file.Path;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.detect.History;
import io.github.authenticity.core.internal.detect.HistoryBaseline;
import io.github.authenticity.core.internal.report.ReportJson;
import io.github.authenticity.core.internal.judge.TooFastRule;

/**
 * Reports a guarded test's {@code minDuration} and authentic history, for the judge's {@code TOO_FAST} rule
 * ({@link TooFastRule}: under {@code minDuration}, or far faster than that history).
 */
final class TooFastDetector implements Detector {

  @Override
  public void afterTest(GuardedTest test, TestOutcome outcome) {
    if (outcome.failure().isPresent()) {
      return; // a failed test is never TOO_FAST (the rule says so too): its history is not read
    }
    var detection = test.config().detection();
    outcome.timing(new TooFastRule.Seen(test.minDuration(), history(test.config()).authenticRuns(test.uniqueId()),
        detection.tooFastFactor(), detection.tooFastMinRuns()));
  }

  static History history(AuthenticityConfig config) {
    Path file = config.historyFile() != null ? config.historyFile() : Path.of(AuthenticityConfig.DEFAULT_HISTORY_FILE);
    return History.of(file, HistoryBaseline.parse(config.historyBaseline(), ReportJson::read));
  }
}
