package io.github.authenticity.examples.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Executes agent runs: real hashing work for a measurable time, emitting an event per step. */
final class AgentRuns implements AutoCloseable {

  static final int STEPS = 5;
  static final long STEP_MILLIS = 100;

  private final Map<String, AgentRun> runs = new ConcurrentHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final ExecutorService workers = Executors.newFixedThreadPool(2, daemon("agent-run"));
  private final Consumer<String> events;

  AgentRuns(Consumer<String> events) {
    this.events = events;
  }

  AgentRun start(String agentId, String task) {
    AgentRun run = new AgentRun("run-" + sequence.incrementAndGet(), agentId, task, System.currentTimeMillis());
    runs.put(run.id, run);
    workers.execute(() -> execute(run));
    return run;
  }

  Optional<AgentRun> find(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  List<AgentRun> all() {
    List<AgentRun> result = new ArrayList<>(runs.values());
    result.sort((a, b) -> Integer.compare(a.number(), b.number()));
    return result;
  }

  private void execute(AgentRun run) {
    try {
      emit(run, "run.started", Map.of("agentId", run.agentId, "task", run.task));
      byte[] state = run.task.getBytes(StandardCharsets.UTF_8);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long iterations = 0;
      for (int step = 1; step <= STEPS; step++) {
        long stepEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_MILLIS);
        while (System.nanoTime() < stepEnd) {
          state = sha.digest(state);
          iterations++;
        }
        emit(run, "run.step", Map.of("step", step, "of", STEPS, "iterations", iterations));
      }
      run.complete(HexFormat.of().formatHex(state), iterations, System.currentTimeMillis());
      emit(run, "run.completed", Map.of("digest", run.digest, "durationMillis", run.durationMillis()));
    } catch (NoSuchAlgorithmException | RuntimeException e) {
      run.fail(e.toString(), System.currentTimeMillis());
      emit(run, "run.failed", Map.of("error", e.toString()));
    }
  }

  private void emit(AgentRun run, String type, Map<String, Object> fields) {
    StringBuilder json = new StringBuilder().append("{\"type\":").append(JsonText.quote(type))
        .append(",\"runId\":").append(JsonText.quote(run.id))
        .append(",\"at\":").append(System.currentTimeMillis());
    fields.forEach((k, v) -> json.append(',').append(JsonText.quote(k)).append(':').append(JsonText.value(v)));
    events.accept(json.append('}').toString());
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, "demo-platform-" + name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** One agent run and its state. */
  static final class AgentRun {
    final String id;
    final String agentId;
    final String task;
    final long startedAt;
    volatile String status = "RUNNING";
    volatile String digest;
    volatile String error;
    volatile long iterations;
    volatile long finishedAt;

    AgentRun(String id, String agentId, String task, long startedAt) {
      this.id = id;
      this.agentId = agentId;
      this.task = task;
      this.startedAt = startedAt;
    }

    int number() {
      return Integer.parseInt(id.substring("run-".length()));
    }

    void complete(String digest, long iterations, long at) {
      this.digest = digest;
      this.iterations = iterations;
      this.finishedAt = at;
      this.status = "COMPLETED";
    }

    void fail(String error, long at) {
      this.error = error;
      this.finishedAt = at;
      this.status = "FAILED";
    }

    long durationMillis() {
      return finishedAt == 0 ? System.currentTimeMillis() - startedAt : finishedAt - startedAt;
    }

    String toJson() {
      return "{\"runId\":" + JsonText.quote(id) + ",\"agentId\":" + JsonText.quote(agentId) + ",\"task\":"
          + JsonText.quote(task) + ",\"status\":" + JsonText.quote(status) + ",\"steps\":" + STEPS
          + ",\"iterations\":" + iterations + ",\"digest\":" + JsonText.value(digest) + ",\"durationMillis\":"
          + durationMillis() + (error == null ? "" : ",\"error\":" + JsonText.quote(error)) + "}";
    }

    String toCsv() {
      return String.join(",", id, agentId, JsonText.csv(task), status, String.valueOf(STEPS),
          String.valueOf(iterations), digest == null ? "" : digest, String.valueOf(durationMillis()));
    }
  }
}
