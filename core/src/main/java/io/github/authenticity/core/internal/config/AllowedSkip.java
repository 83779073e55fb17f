package io.github.authenticity.core.internal.config;

import java.util.Collection;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * One declared legitimate skip ({@code detection.allowedSkips} in {@code authenticity.yaml}, or
 * {@code @AllowSkip} on a test): a guarded test skipped by an assumption or a condition that this rule matches is
 * {@code NOT_RUN}/{@code ALLOWED_SKIP}, naming this rule, instead of {@code MASKED}/{@code ABORTED} or
 * {@code NOT_RUN}/{@code CONDITION}.
 *
 * @param reason    a regular expression the skip's reason must contain ({@link java.util.regex.Matcher#find}), or
 *                  {@code null}
 * @param condition the annotation type (binary or canonical name, or a simple name without a package) that must be
 *                  on the test or a class around it, for a skip by a condition; {@code null} for any. A rule with a
 *                  condition never allows an assumption: an assumption is code, not an annotation.
 * @param test      a regular expression the test's name must contain ({@code org.example.BatchTest.longRun}: the
 *                  class's binary name with {@code .} for {@code $}, a dot and the method), or {@code null}: for a
 *                  suite whose assumptions carry no message ({@code Assumption failed: assumption is not true})
 * @param because   why this skip is legitimate (shown with every test it allows); never blank
 * @param source    where it was declared, e.g. {@code authenticity.yaml:12:5 detection.allowedSkips[0]}
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record AllowedSkip(Pattern reason, String condition, Pattern test, String because, String source) {

  /** What was skipped. */
  @API(status = API.Status.INTERNAL, since = "0.2")
  public enum Kind {
    /** An assumption aborted the test (in its body, {@code @BeforeEach} or its class's {@code @BeforeAll}). */
    ASSUMPTION,
    /** A condition other than a literal {@code @Disabled} switched it off before it ran. */
    CONDITION
  }

  public AllowedSkip {
    if (reason == null && test == null && (condition == null || condition.isBlank())) {
      throw new IllegalArgumentException("an allowed skip needs a reason pattern, a condition or a test pattern");
    }
    if (because == null || because.isBlank()) {
      throw new IllegalArgumentException("an allowed skip needs a because");
    }
    condition = condition == null || condition.isBlank() ? null : condition.strip().replace('$', '.');
    because = because.strip();
  }

  /** A rule without a test pattern. */
  public AllowedSkip(Pattern reason, String condition, String because, String source) {
    this(reason, condition, null, because, source);
  }

  /**
   * How reports name this rule, e.g. {@code condition @EnabledOnCommand}, {@code reason /requires Redis \d/} or
   * {@code condition @EnabledOnCommand, reason /LMOVE/}; two rules with the same label are one rule to a report.
   */
  public String label() {
    java.util.List<String> parts = new java.util.ArrayList<>(3);
    if (condition != null) {
      parts.add("condition @" + condition.substring(condition.lastIndexOf('.') + 1));
    }
    if (test != null) {
      parts.add("test /" + test.pattern() + "/");
    }
    if (reason != null) {
      parts.add("reason /" + reason.pattern() + "/");
    }
    return String.join(", ", parts);
  }

  /**
   * Whether this rule allows a skip of {@code kind} with {@code text} (the assumption's message or the condition's
   * reason) of a test that carries the annotation types {@code annotations} (on it and the classes around it,
   * meta-annotations included; binary names).
   */
  public boolean allows(Kind kind, String text, Collection<String> annotations) {
    return allows(kind, text, annotations, null);
  }

  /**
   * Whether this rule allows a skip of {@code kind} with {@code text} of the test {@code testName} (e.g.
   * {@code org.example.BatchTest.longRun}; a class's name alone when a whole class was skipped) that carries the
   * annotation types {@code annotations}; every part the rule has must match.
   */
  public boolean allows(Kind kind, String text, Collection<String> annotations, String testName) {
    if (test != null && (testName == null || !test.matcher(testName).find())) {
      return false;
    }
    if (condition != null) {
      if (kind != Kind.CONDITION || annotations.stream().noneMatch(this::namesType)) {
        return false;
      }
    }
    return reason == null || (text != null && reason.matcher(text).find());
  }

  private boolean namesType(String binaryName) {
    String canonical = binaryName.replace('$', '.');
    return condition.contains(".") ? canonical.equals(condition)
        : canonical.substring(canonical.lastIndexOf('.') + 1).equals(condition);
  }
}
