package io.github.authenticity.maven;

import java.util.List;

/** TEMPORARY shim of core's report API until it lands on main. */
record Report(int schemaVersion, String verdict, String environment, boolean complete,
    List<String> incompleteReasons) {
}
