package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TooFastDetectorTests {

  @TempDir
  Path directory;

  @Test
  void aRunUnderMinDurationIsTooFastAndOneOverItIsNot() {
    AuthenticityConfig config = DetectorHarness.config(DetectorHarness.detection(Interaction.OFF),
        directory.resolve("history.json"));

    TestOutcome fast = DetectorHarness.run(DetectorHarness.test("fast", config, List.of(), Duration.ofMillis(300)),
        () -> { });
    TestOutcome slow = DetectorHarness.run(DetectorHarness.test("slow", config, List.of(), Duration.ofMillis(300)),
        () -> Thread.sleep(320));

    assertThat(fast.evidence()).singleElement().satisfies(evidence -> {
      assertThat(evidence.kind()).isEqualTo(EvidenceKind.TOO_FAST);
      assertThat(evidence.detail()).matches("ran in \\d ms, under minDuration 300 ms");
    });
    assertThat(slow.evidence()).isEmpty();
  }

  @Test
  void onlyRecordedAuthenticRunsMakeAHistoryThatCatchesAnImpossiblyFastRun() throws Exception {
    Path file = directory.resolve("history.json");
    AuthenticityConfig config = DetectorHarness.config(DetectorHarness.detection(Interaction.OFF), file);
    GuardedTest test = DetectorHarness.test("history", config, List.of(), null);
    for (long millis : new long[] {2400, 2500, 2600}) {
      assertThat(Detectors.recordAuthentic(test, Duration.ofMillis(millis))).isEmpty();
    }
    TooFastDetector.history(config).flush(); // as the listener does when the plan ends
    // another JVM: reads what the previous runs wrote
    Files.copy(file, directory.resolve("copy.json"));
    AuthenticityConfig next = DetectorHarness.config(DetectorHarness.detection(Interaction.OFF),
        directory.resolve("copy.json"));
    GuardedTest again = new GuardedTest(test.uniqueId(), test.testClass(), test.testMethod(),
        List.of(), List.of(), null, false, next);

    TestOutcome outcome = DetectorHarness.run(again, () -> { });

    assertThat(outcome.evidence()).extracting(Evidence::detail).singleElement().asString()
        .matches("ran in \\d+ ms, more than 10 times faster than the median 2.5 s of its last 3 authentic runs");
  }

  @Test
  void anUnwritableHistoryIsAProblemToShowNotAFailure() throws Exception {
    Path blocker = directory.resolve("not-a-directory");
    Files.writeString(blocker, "x");
    AuthenticityConfig config = DetectorHarness.config(DetectorHarness.detection(Interaction.OFF),
        blocker.resolve("history.json"));
    GuardedTest test = DetectorHarness.test("unwritable", config, List.of(), null);

    assertThat(Detectors.recordAuthentic(test, Duration.ofMillis(5))).hasValueSatisfying(problem -> assertThat(problem)
        .startsWith("Could not record the authentic run of [" + test.uniqueId() + "] in the history file ["
            + blocker.resolve("history.json") + "]: ")
        .endsWith(". Check that the directory is writable, or set authenticity.history to another file."));
  }
}
