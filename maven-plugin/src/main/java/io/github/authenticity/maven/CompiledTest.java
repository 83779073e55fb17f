package io.github.authenticity.maven;

import java.util.List;

/** TEMPORARY shim of core's report API until it lands on main. */
record CompiledTest(String className, String methodName, List<String> services, boolean stagingOnly) {
}
