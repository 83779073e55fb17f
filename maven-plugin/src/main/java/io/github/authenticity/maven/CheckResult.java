package io.github.authenticity.maven;

import java.nio.file.Path;
import java.util.List;

/** TEMPORARY shim of core's report API until it lands on main. */
interface CheckResult {
  List<String> violations();

  boolean failed();

  String summary(Path reportDirectory);
}
