package io.github.authenticity.examples.client;

import java.util.Map;

/**
 * One event of an agent run, as streamed by the platform, e.g. {@code run.started}, {@code run.step},
 * {@code run.completed}.
 */
public record AgentEvent(String type, String runId, Map<String, String> fields) {

  public AgentEvent {
    fields = Map.copyOf(fields);
  }

  /** Parses one event message. */
  public static AgentEvent parse(String json) {
    Map<String, String> fields = FlatJson.parse(json);
    return new AgentEvent(fields.getOrDefault("type", ""), fields.getOrDefault("runId", ""), fields);
  }

  /** Whether this event ends its run. */
  public boolean isTerminal() {
    return type.equals("run.completed") || type.equals("run.failed");
  }
}
