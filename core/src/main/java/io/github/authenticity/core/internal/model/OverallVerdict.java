package io.github.authenticity.core.internal.model;

import org.apiguardian.api.API;

/**
 * The verdict on a whole run (one report): the first that applies of {@link #NO_TESTS},
 * {@link #MASKED}, {@link #FAILED}, {@link #AUTHENTIC}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public enum OverallVerdict {
  /** Every guarded test ran against its real services and nothing masked it (or there is no guarded test). */
  AUTHENTIC,
  /**
   * A guarded test is {@link Verdict#MASKED}, or a guarded test did not run for a reason that counts:
   * {@link NotRunReason#NOT_DISCOVERED} or {@link NotRunReason#NOT_EXECUTED} always,
   * {@link NotRunReason#DISABLED} when disabled tests are counted, {@link NotRunReason#ENVIRONMENT}
   * only when an environment is required.
   */
  MASKED,
  /** A guarded test is {@link Verdict#FAILED} or {@link Verdict#SERVICE_DOWN}, and none is masked. */
  FAILED,
  /** Guarded tests exist (and are expected to run here), but none of them was executed. */
  NO_TESTS
}
