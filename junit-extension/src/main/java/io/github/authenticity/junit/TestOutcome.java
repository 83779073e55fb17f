package io.github.authenticity.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;

/** What the detectors found about one run of a guarded test; filled by {@link Detector#afterTest}. */
final class TestOutcome {

  private final Duration elapsed;
  private final Throwable failure;
  private final List<Evidence> evidence = Collections.synchronizedList(new ArrayList<>());
  private final List<String> proof = Collections.synchronizedList(new ArrayList<>());
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  private final List<String> unproven = Collections.synchronizedList(new ArrayList<>());
  private final List<String> cannotJudge = Collections.synchronizedList(new ArrayList<>());
  private final List<AllowedMock> allowedMocks = Collections.synchronizedList(new ArrayList<>());

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

  /**
   * Adds what proves the test exchanged with {@code service}, e.g. {@code redis} and {@code 3 exchanges,
   * 1.2 KB in, 0.4 KB out with 127.0.0.1:6379}; kept as {@code redis: 3 exchanges, ...}.
   */
  void addProof(String service, String line) {
    proof.add(service + ": " + line);
  }

  /**
   * Marks the test unproven: it may still be {@code AUTHENTIC}, but no proof of its interaction could be
   * had, for the reason {@code why} (several reasons are joined with {@code ; }).
   */
  void unproven(String why) {
    unproven.add(why);
  }

  /**
   * Says the test cannot be judged (e.g. {@code interaction: required} and the JVM cannot observe its
   * sockets): it fails with {@code message}, which says why and how to choose {@code warn}.
   */
  void cannotJudge(String message) {
    cannotJudge.add(message);
  }

  /** Adds a warning that does not mask the test (e.g. {@code detection.interaction: warn}). */
  void addWarning(String line) {
    warnings.add(line);
  }

  /** Records a field marked {@code @AllowMock}: listed in the report, never silent. */
  void allowMock(String field, String type, String reason) {
    allowedMocks.add(new AllowedMock(field, type, reason));
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

  /** Why no proof could be had, or empty when nothing said so. */
  Optional<String> unproven() {
    synchronized (unproven) {
      return unproven.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", unproven));
    }
  }

  /** Why the test cannot be judged, or empty. */
  Optional<String> cannotJudge() {
    synchronized (cannotJudge) {
      return cannotJudge.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", cannotJudge));
    }
  }

  List<AllowedMock> allowedMocks() {
    return List.copyOf(allowedMocks);
  }
}
