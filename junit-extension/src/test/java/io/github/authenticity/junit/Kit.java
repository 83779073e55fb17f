package io.github.authenticity.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** A thin EngineTestKit wrapper: runs fixture classes with configuration parameters. */
final class Kit {

  private Kit() {
  }

  static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).configurationParameters(parameters)
        .execute();
  }

  /** The messages of the failed tests, in order. */
  static List<String> failureMessages(EngineExecutionResults results) {
    return messages(results.testEvents().failed().list());
  }

  /** The messages of the failed containers, in order. */
  static List<String> containerFailureMessages(EngineExecutionResults results) {
    return messages(results.containerEvents().failed().list());
  }

  private static List<String> messages(List<Event> events) {
    return events.stream().map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable()
        .map(Throwable::getMessage).orElse(null)).toList();
  }

  /** The failures of the failed tests and containers, in order. */
  static List<Throwable> allFailures(EngineExecutionResults results) {
    return results.allEvents().failed().list().stream()
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).toList();
  }

  /** The failure of the failed tests, in order. */
  static List<Throwable> failures(EngineExecutionResults results) {
    return results.testEvents().failed().list().stream()
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).toList();
  }
}
