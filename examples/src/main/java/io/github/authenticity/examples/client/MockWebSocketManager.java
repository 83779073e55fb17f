package io.github.authenticity.examples.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fabricates the events of a successful run, instantly. Meant for "offline development"; it is what
 * the client silently falls back to when the event stream cannot be opened, which is the lie the
 * examples' suite replays.
 */
public final class MockWebSocketManager implements WebSocketManager {

  private final List<AgentEvent> events = new ArrayList<>();

  @Override
  public synchronized List<AgentEvent> awaitRun(String runId, Duration timeout) {
    List<AgentEvent> run = new ArrayList<>();
    run.add(new AgentEvent("run.started", runId, Map.of()));
    for (int step = 1; step <= 5; step++) {
      run.add(new AgentEvent("run.step", runId, Map.of("step", String.valueOf(step), "of", "5")));
    }
    run.add(new AgentEvent("run.completed", runId, Map.of("digest", "0".repeat(64))));
    events.addAll(run);
    return run;
  }

  @Override
  public synchronized List<AgentEvent> received() {
    return List.copyOf(events);
  }

  @Override
  public void close() {
    // nothing to close
  }
}
