package io.github.authenticity.junit;

import java.nio.file.Path;

/** Writes the report and the console summary at the end of a test JVM's run. */
final class ListenerReport {

  private ListenerReport() {
  }

  /**
   * Writes the report of the run recorded in {@code eventsFile}.
   *
   * @param eventsFile the events file the listener just closed
   * @param run        the run (configuration, parameters) it recorded
   */
  static void write(Path eventsFile, Run run) {
    // TODO(lead): wire to the report writer (core/report): read eventsFile with EventFile.read, build the
    // report next to the test plugin's results and print the console summary (SPEC "What a user sees").
  }
}
