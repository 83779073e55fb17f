package io.github.authenticity.maven;

/** TEMPORARY shim of core's report API until it lands on main. */
record CheckSettings(boolean failOnMasked, boolean failOnNotRun, boolean failOnDisabled, int minExecuted,
    boolean environmentRequired) {
}
