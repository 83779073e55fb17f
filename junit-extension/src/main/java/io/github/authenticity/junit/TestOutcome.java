package io.github.authenticity.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.github.authenticity.core.internal.judge.InteractionRule;
import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.judge.Reading;
import io.github.authenticity.core.internal.judge.TooFastRule;
import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;

/**
 * What the detectors saw of one run of a guarded test (or of a container), filled by {@link Detector#afterTest}
 * (and {@link Detector#afterClass}): what they report as it is, and the observations that the judge reads
 * ({@link #interaction}, {@link #timing}). The accessors give the {@link Judge#read judge's reading} of it all.
 */
final class TestOutcome {

  private final Duration elapsed;
  private final Throwable failure;
  private final List<Evidence> evidence = Collections.synchronizedList(new ArrayList<>());
  private final List<String> proof = Collections.synchronizedList(new ArrayList<>());
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  private final List<String> unproven = Collections.synchronizedList(new ArrayList<>());
  private final List<String> cannotJudge = Collections.synchronizedList(new ArrayList<>());
  private final List<AllowedMock> allowedMocks = Collections.synchronizedList(new ArrayList<>());
  private volatile InteractionRule.Seen interaction;
  private volatile TooFastRule.Seen timing;
  /** The judge's reading, made once on the first ask after the last observation. */
  private volatile Reading reading;

  TestOutcome(Duration elapsed, Throwable failure) {
    this.elapsed = elapsed;
    this.failure = failure;
  }

  /** How long the test body ran. */
  Duration elapsed() {
    return elapsed;
  }

  /** What the test body threw, if anything. */
  Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Adds evidence that masks the test, as it was seen (a fallback line, a mock, an abort). */
  void addEvidence(EvidenceKind kind, String detail) {
    evidence.add(new Evidence(kind, detail));
    reading = null;
  }

  /** Adds evidence that masks the test, as a rule of the judge read what was seen. */
  void addEvidence(Evidence seen) {
    evidence.add(seen);
    reading = null;
  }

  /** What the interaction detector saw of the test's exchanges with its services, for the judge to read. */
  void interaction(InteractionRule.Seen seen) {
    interaction = seen;
    reading = null;
  }

  /** The test's {@code minDuration} and authentic history, for the judge's {@code TOO_FAST} rule. */
  void timing(TooFastRule.Seen seen) {
    timing = seen;
    reading = null;
  }

  /** Adds a line that proves the test authentic, e.g. {@code 3 exchanges, 2.1 KB with 127.0.0.1:18080}. */
  void addProof(String line) {
    proof.add(line);
    reading = null;
  }

  /**
   * Marks the test unproven: it may still be {@code AUTHENTIC}, but no proof of its interaction could be
   * had, for the reason {@code why} (several reasons are joined with {@code ; }).
   */
  void unproven(String why) {
    unproven.add(why);
    reading = null;
  }

  /**
   * Says the test cannot be judged (e.g. {@code interaction: required} and the JVM cannot observe its
   * sockets): it fails with {@code message}, which says why and how to choose {@code warn}.
   */
  void cannotJudge(String message) {
    cannotJudge.add(message);
    reading = null;
  }

  /** Adds a warning that does not mask the test (e.g. {@code detection.interaction: warn}). */
  void addWarning(String line) {
    warnings.add(line);
    reading = null;
  }

  /** Records a field marked {@code @AllowMock}: listed in the report, never silent. */
  void allowMock(AllowedMock allowed) {
    allowedMocks.add(allowed);
  }

  /** The judge's reading of what was seen (made once). */
  private Reading reading() {
    Reading read = reading;
    if (read == null) {
      String why;
      synchronized (unproven) {
        why = unproven.isEmpty() ? null : String.join("; ", unproven);
      }
      String cannot;
      synchronized (cannotJudge) {
        cannot = cannotJudge.isEmpty() ? null : String.join("\n", cannotJudge);
      }
      read = Judge.read(List.copyOf(evidence), List.copyOf(proof), List.copyOf(warnings), why, cannot, interaction,
          timing, elapsed, failure != null);
      reading = read;
    }
    return read;
  }

  /** What masks the test. */
  List<Evidence> evidence() {
    return reading().evidence();
  }

  /** What proves the test exchanged with its services, one line per service ({@code redis: 3 exchanges, ...}). */
  List<String> proof() {
    return reading().proof();
  }

  List<String> warnings() {
    return reading().warnings();
  }

  /** Why no proof could be had, or empty when nothing said so. */
  Optional<String> unproven() {
    return Optional.ofNullable(reading().unproven());
  }

  /** Why the test cannot be judged, or empty. */
  Optional<String> cannotJudge() {
    return Optional.ofNullable(reading().cannotJudge());
  }

  List<AllowedMock> allowedMocks() {
    return List.copyOf(allowedMocks);
  }
}
