package io.github.authenticity.core.internal.model;

import org.apiguardian.api.API;

/**
 * What the {@code check} goal fails the build for.
 *
 * @param failOnMasked        fail on {@code MASKED} guarded tests ({@code authenticity.failOnMasked}, default true)
 * @param failOnNotRun        fail on guarded tests {@code NOT_DISCOVERED}, {@code NOT_EXECUTED} or {@code CONDITION}
 *                            ({@code authenticity.failOnNotRun}, default true)
 * @param failOnDisabled      fail on {@code DISABLED} guarded tests ({@code authenticity.failOnDisabled}, default false)
 * @param minExecuted         the fewest guarded tests that must execute when there are guarded tests
 *                            ({@code authenticity.minExecuted}, default 1; 0 turns the {@code NO_TESTS} check off)
 * @param environmentRequired fail on guarded tests not run for their environment ({@code ENVIRONMENT}); true when
 *                            {@code authenticity.requireEnvironment} is set
 * @param failOnIncomplete    fail when the report is incomplete: a test JVM died, or an events file could not be read
 *                            whole ({@code authenticity.failOnIncomplete}, default true)
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record CheckSettings(boolean failOnMasked, boolean failOnNotRun, boolean failOnDisabled, int minExecuted,
    boolean environmentRequired, boolean failOnIncomplete) {

  /** The documented defaults: fail on masked, not run and incomplete, not on disabled, at least one executed. */
  public static CheckSettings defaults() {
    return new CheckSettings(true, true, false, 1, false, true);
  }

  /** These settings with {@code DISABLED} counted or not, and an environment required or not. */
  public CheckSettings with(boolean countDisabled, boolean requireEnvironment) {
    return new CheckSettings(failOnMasked, failOnNotRun, countDisabled, minExecuted, requireEnvironment,
        failOnIncomplete);
  }
}
