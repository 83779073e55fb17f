package io.github.authenticity.core.report;

import org.apiguardian.api.API;

/**
 * What the {@code check} goal fails the build for.
 *
 * @param failOnMasked        fail on {@code MASKED} guarded tests ({@code authenticity.failOnMasked}, default true)
 * @param failOnNotRun        fail on guarded tests {@code NOT_DISCOVERED} or {@code NOT_EXECUTED}
 *                            ({@code authenticity.failOnNotRun}, default true)
 * @param failOnDisabled      fail on {@code DISABLED} guarded tests ({@code authenticity.failOnDisabled}, default false)
 * @param minExecuted         the fewest guarded tests that must execute when there are guarded tests
 *                            ({@code authenticity.minExecuted}, default 1; 0 turns the {@code NO_TESTS} check off)
 * @param environmentRequired fail on guarded tests not run for their environment ({@code ENVIRONMENT}); true when
 *                            {@code authenticity.requireEnvironment} is set
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CheckSettings(boolean failOnMasked, boolean failOnNotRun, boolean failOnDisabled, int minExecuted,
    boolean environmentRequired) {

  /** The documented defaults: fail on masked and not run, not on disabled, at least one executed. */
  public static CheckSettings defaults() {
    return new CheckSettings(true, true, false, 1, false);
  }
}
