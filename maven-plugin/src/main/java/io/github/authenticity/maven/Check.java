package io.github.authenticity.maven;

/** TEMPORARY shim of core's report API until it lands on main. */
final class Check {
  static CheckResult evaluate(Report report, CheckSettings settings) {
    throw new UnsupportedOperationException("shim");
  }
}
