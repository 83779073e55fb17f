package io.github.authenticity.maven;

import java.nio.file.Path;
import java.util.List;

/** TEMPORARY shim of core's report API until it lands on main. */
final class ConsoleSummary {
  static List<String> lines(Report report, Path htmlReport) {
    throw new UnsupportedOperationException("shim");
  }
}
