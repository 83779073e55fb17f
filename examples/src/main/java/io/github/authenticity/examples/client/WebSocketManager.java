package io.github.authenticity.examples.client;

import java.time.Duration;
import java.util.List;

/** A subscription to the platform's event stream. */
public interface WebSocketManager extends AutoCloseable {

  /**
   * Waits for the events of {@code runId} up to and including its terminal event.
   *
   * @throws IllegalStateException when the run does not end within {@code timeout}
   */
  List<AgentEvent> awaitRun(String runId, Duration timeout) throws InterruptedException;

  /** Every event received so far, in order. */
  List<AgentEvent> received();

  @Override
  void close();
}
