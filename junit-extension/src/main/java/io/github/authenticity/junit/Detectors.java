package io.github.authenticity.junit;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.detect.FallbackLines;
import io.github.authenticity.core.internal.detect.History;
import io.github.authenticity.core.internal.detect.InteractionMonitor;
import io.github.authenticity.core.internal.detect.TestScope;

/** The detectors every guarded test runs with, in order. */
final class Detectors {

  private static final List<Detector> ALL = List.of(new FallbackLogDetector(), new FallbackReportedDetector(),
      new MockObjectDetector(), new InteractionDetector(), new TooFastDetector());

  private Detectors() {
  }

  /** The detectors for a run with {@code test}'s configuration. */
  static List<Detector> all() {
    return ALL;
  }

  /**
   * Opens the fallback window of a test instance about to be constructed on this thread for a test under
   * {@code prefix} (before JUnit says which test: see {@link TestScope#openConstruction}); the test's
   * {@link Detector#beforeTest} claims it.
   */
  static void openConstruction(String prefix, Class<?> testClass) {
    FallbackLines.installBeforeConstruction(testClass.getClassLoader());
    TestScope.openConstruction(prefix);
  }

  /**
   * Stops {@code detectors} on a test that was judged before its body (an early verdict): what they saw is
   * dropped. Never throws.
   */
  static void discard(GuardedTest test, List<Detector> detectors) {
    TestOutcome ignored = new TestOutcome(Duration.ZERO, new IllegalStateException("judged before its body"));
    for (Detector detector : detectors) {
      try {
        detector.afterTest(test, ignored);
      } catch (RuntimeException ex) {
        // the verdict is written already; a detector that cannot stop cleanly changes nothing about it
      }
    }
  }

  /**
   * Prepares the detectors when the run starts (call it while the preflight probes run): installs the log
   * and console capture and starts the socket observation, which costs about 2 s once per JVM, in the
   * background. Optional: the first guarded test does it otherwise.
   */
  static void prepare(AuthenticityConfig config, ClassLoader testClassLoader) {
    FallbackLines.install(testClassLoader);
    if (config.detection().interaction() != Interaction.OFF) {
      // finds the agent's ledger (cheap) and hooks the proxy selector before the first test
      InteractionMonitor.start();
    }
    // the history file is parsed while the first tests run, not by the first one judged (the first to need it waits)
    Thread preload = new Thread(() -> {
      try {
        TooFastDetector.history(config).preload();
      } catch (RuntimeException ex) {
        // a baseline named wrongly is said by the first test that needs the history (it parses the name again)
      }
    }, "authenticity-history-load");
    preload.setDaemon(true);
    preload.start();
  }

  /**
   * Records an {@code AUTHENTIC} run in the history that {@code TOO_FAST} compares with; call it only for
   * tests judged authentic. Returns the problem (for a console warning) when the history file cannot be
   * written; never fails the test.
   */
  static Optional<String> recordAuthentic(GuardedTest test, Duration elapsed) {
    try {
      History history = TooFastDetector.history(test.config());
      history.recordAuthentic(test.uniqueId(), elapsed);
      List<String> notices = history.takeNotices();
      return notices.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", notices));
    } catch (UncheckedIOException ex) {
      return Optional.of(ex.getMessage());
    }
  }
}
