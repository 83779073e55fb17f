package io.github.authenticity.junit;

import java.lang.management.ManagementFactory;

/** The agent this test JVM runs with (Surefire's {@code argLine}), for the JVMs our tests start as separate builds. */
final class TestAgent {

  private TestAgent() {
  }

  /** This JVM's {@code -javaagent:...authenticity-agent...} option. */
  static String option() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> argument.startsWith("-javaagent:") && argument.contains("authenticity-agent"))
        .findFirst().orElseThrow(() -> new AssertionError("Surefire's argLine has no -javaagent for the agent"));
  }
}
