package io.github.authenticity.core.report;

import org.apiguardian.api.API;

/** Why a guarded test is {@link Verdict#NOT_RUN}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum NotRunReason {
  /** {@code @StagingOnly} outside a staging environment. */
  ENVIRONMENT,
  /** Disabled ({@code @Disabled}, a condition, a disabled class). */
  DISABLED,
  /** Discovered, but never started (the run stopped, a JVM died). */
  NOT_EXECUTED,
  /** Compiled into the test output, but never in the test plan (includes, tags, filters, a missing engine). */
  NOT_DISCOVERED
}
