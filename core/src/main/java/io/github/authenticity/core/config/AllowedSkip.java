package io.github.authenticity.core.config;

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
 * @param because   why this skip is legitimate (shown with every test it allows); never blank
 * @param source    where it was declared, e.g. {@code authenticity.yaml:12:5 detection.allowedSkips[0]}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record AllowedSkip(Pattern reason, String condition, String because, String source) {

  /** What was skipped. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.2")
  public enum Kind {
    /** An assumption aborted the test (in its body, {@code @BeforeEach} or its class's {@code @BeforeAll}). */
    ASSUMPTION,
    /** A condition other than a literal {@code @Disabled} switched it off before it ran. */
    CONDITION
  }

  public AllowedSkip {
    if (reason == null && (condition == null || condition.isBlank())) {
      throw new IllegalArgumentException("an allowed skip needs a reason pattern, a condition, or both");
    }
    if (because == null || because.isBlank()) {
      throw new IllegalArgumentException("an allowed skip needs a because");
    }
    condition = condition == null || condition.isBlank() ? null : condition.strip().replace('$', '.');
    because = because.strip();
  }

  /**
   * How reports name this rule, e.g. {@code condition @EnabledOnCommand}, {@code reason /requires Redis \d/} or
   * {@code condition @EnabledOnCommand, reason /LMOVE/}; two rules with the same label are one rule to a report.
   */
  public String label() {
    String simple = condition == null ? null : condition.substring(condition.lastIndexOf('.') + 1);
    if (reason == null) {
      return "condition @" + simple;
    }
    return (simple == null ? "" : "condition @" + simple + ", ") + "reason /" + reason.pattern() + "/";
  }

  /**
   * Whether this rule allows a skip of {@code kind} with {@code text} (the assumption's message or the condition's
   * reason) of a test that carries the annotation types {@code annotations} (on it and the classes around it,
   * meta-annotations included; binary names).
   */
  public boolean allows(Kind kind, String text, Collection<String> annotations) {
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
