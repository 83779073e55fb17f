package io.github.authenticity.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.authenticity.core.report.Evidence;
import io.github.authenticity.core.report.EvidenceKind;

/** What the detectors found about one run of a guarded test; filled by {@link Detector#afterTest}. */
final class TestOutcome {

  private final Duration elapsed;
  private final Throwable failure;
  private final List<Evidence> evidence = Collections.synchronizedList(new ArrayList<>());
  private final List<String> proof = Collections.synchronizedList(new ArrayList<>());
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  private final List<Map<String, String>> allowedMocks = Collections.synchronizedList(new ArrayList<>());
  private volatile String unproven;
  private volatile String cannotJudge;

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

  /** Adds evidence that masks the test. */
  void addEvidence(EvidenceKind kind, String detail) {
    evidence.add(new Evidence(kind, detail));
  }

  /** Adds a line that proves the test authentic, e.g. {@code 3 exchanges, 2.1 KB with 127.0.0.1:18080}. */
  void addProof(String line) {
    proof.add(line);
  }

  /** Adds the proof of an exchange with {@code service}, e.g. {@code 3 exchanges, 1.2 KB in, 0.4 KB out with 127.0.0.1:6379}. */
  void addProof(String service, String line) {
    proof.add(service + ": " + line);
  }

  /** The test may be authentic, but no proof of an exchange could be had, for {@code why}. */
  void unproven(String why) {
    if (unproven == null) {
      unproven = why;
    }
  }

  /** The test cannot be judged here and must fail with {@code message} (what happened, and how to choose otherwise). */
  void cannotJudge(String message) {
    if (cannotJudge == null) {
      cannotJudge = message;
    }
  }

  Optional<String> unproven() {
    return Optional.ofNullable(unproven);
  }

  Optional<String> cannotJudge() {
    return Optional.ofNullable(cannotJudge);
  }

  /** Adds a warning that does not mask the test (e.g. {@code detection.interaction: warn}). */
  void addWarning(String line) {
    warnings.add(line);
  }

  /** Records a field marked {@code @AllowMock}: listed in the report, never silent. */
  void allowMock(String field, String type, String reason) {
    allowedMocks.add(Map.of("field", field, "type", type, "reason", reason));
  }

  List<Evidence> evidence() {
    return List.copyOf(evidence);
  }

  List<String> proof() {
    return List.copyOf(proof);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  List<Map<String, String>> allowedMocks() {
    return List.copyOf(allowedMocks);
  }
}
