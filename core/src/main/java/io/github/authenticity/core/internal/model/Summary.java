package io.github.authenticity.core.internal.model;

import org.apiguardian.api.API;

/**
 * The counts of a report.
 *
 * @param discovered      tests in a test plan (guarded or not)
 * @param executed        tests that started (guarded or not)
 * @param guarded         guarded tests, including those compiled but never discovered
 * @param authentic       guarded tests judged {@link Verdict#AUTHENTIC}
 * @param masked          guarded tests judged {@link Verdict#MASKED}
 * @param failed          guarded tests judged {@link Verdict#FAILED}
 * @param serviceDown     guarded tests judged {@link Verdict#SERVICE_DOWN}
 * @param notRun          guarded tests judged {@link Verdict#NOT_RUN}, for any reason
 * @param unproven        guarded tests judged {@link Verdict#AUTHENTIC} without proof of an exchange (why is in
 *                        each test's {@code unproven})
 * @param guardedExecuted guarded tests that started, or were stopped at once by a {@code DOWN} service
 * @param notDiscovered   not run, {@link NotRunReason#NOT_DISCOVERED}
 * @param notExecuted     not run, {@link NotRunReason#NOT_EXECUTED}
 * @param disabled        not run, {@link NotRunReason#DISABLED}
 * @param otherEnvironment not run, {@link NotRunReason#ENVIRONMENT}
 * @param condition       not run, {@link NotRunReason#CONDITION}
 * @param allowedSkip     not run, {@link NotRunReason#ALLOWED_SKIP}: skips a declared rule allows
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Summary(int discovered, int executed, int guarded, int authentic, int masked, int failed,
    int serviceDown, int notRun, int unproven, int guardedExecuted, int notDiscovered, int notExecuted, int disabled,
    int otherEnvironment, int condition, int allowedSkip) {

  /**
   * The counts the SPEC names; the finer not-run counts are zero and {@code guardedExecuted} is derived. (The report
   * reader's empty summary; it goes with the reader's rewrite of issue 21.)
   */
  public Summary(int discovered, int executed, int guarded, int authentic, int masked, int failed,
      int serviceDown, int notRun) {
    this(discovered, executed, guarded, authentic, masked, failed, serviceDown, notRun, 0,
        authentic + masked + failed + serviceDown, 0, 0, 0, 0, 0, 0);
  }

  /** How many guarded tests were not run for {@code reason}. */
  public int notRun(NotRunReason reason) {
    return switch (reason) {
      case NOT_DISCOVERED -> notDiscovered;
      case NOT_EXECUTED -> notExecuted;
      case DISABLED -> disabled;
      case ENVIRONMENT -> otherEnvironment;
      case CONDITION -> condition;
      case ALLOWED_SKIP -> allowedSkip;
    };
  }

  /**
   * The share of executed guarded tests that are authentic, from 0 to 100, or {@code -1} when no guarded
   * test was executed.
   */
  public int authenticPercent() {
    if (guardedExecuted <= 0) {
      return -1;
    }
    return (int) Math.floor(100.0 * authentic / guardedExecuted);
  }
}
