package io.github.authenticity.core.internal.model;

import org.apiguardian.api.API;

/** Why a guarded test is {@link Verdict#NOT_RUN}. */
@API(status = API.Status.INTERNAL, since = "0.1")
public enum NotRunReason {
  /** {@code @StagingOnly} outside a staging environment. */
  ENVIRONMENT,
  /** Disabled by a literal {@code @Disabled} (on the test or a class around it): a decision written in the code. */
  DISABLED,
  /**
   * Switched off at run time by any other condition ({@code @EnabledIfEnvironmentVariable}, {@code @DisabledIf...},
   * a custom {@code ExecutionCondition}), with the condition's reason: "6 tests deselected due to auth
   * configuration" is how a masked suite looks.
   */
  CONDITION,
  /**
   * Skipped by an assumption or a condition that a declared rule allows ({@code detection.allowedSkips} in
   * {@code authenticity.yaml}, or {@code @AllowSkip} on the test): a reviewed, legitimate skip such as a server
   * version gate. The entry names the rule ({@code allowedBy}); it never fails {@code check}.
   */
  ALLOWED_SKIP,
  /** Discovered, but never started (the run stopped, a JVM died). */
  NOT_EXECUTED,
  /** Compiled into the test output, but never in the test plan (includes, tags, filters, a missing engine). */
  NOT_DISCOVERED
}
