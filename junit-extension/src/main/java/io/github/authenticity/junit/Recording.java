package io.github.authenticity.junit;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.authenticity.core.config.AuthenticityConfig;
import io.github.authenticity.core.config.ConfigLoader;
import io.github.authenticity.core.config.ConfigParameters;
import io.github.authenticity.core.config.ContainerBinding;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.events.EventLog;
import io.github.authenticity.core.report.Evidence;
import io.github.authenticity.core.report.EvidenceKind;
import io.github.authenticity.core.report.Verdict;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** What the listener records about one test plan execution, into its own events file. */
final class Recording {

  private final Run run;
  private final PlanIndex index;
  private final boolean guarded;
  private final ConcurrentMap<String, Long> startedAt = new ConcurrentHashMap<>();
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  private final AtomicInteger started = new AtomicInteger();
  private final Map<Status, AtomicInteger> outcomes = new ConcurrentHashMap<>();
  private final AtomicInteger skipped = new AtomicInteger();
  private final AtomicInteger standIns = new AtomicInteger();

  private Recording(Run run, PlanIndex index, boolean guarded) {
    this.run = run;
    this.index = index;
    this.guarded = guarded;
    for (Status status : Status.values()) {
      outcomes.put(status, new AtomicInteger());
    }
  }

  /**
   * Opens the events file and writes the plan. Without a guarded test it writes only {@code run} (and
   * later {@code end}) and loads no configuration; with one it writes every test and starts the preflight.
   */
  static Recording start(TestPlan plan) {
    PlanIndex index = PlanIndex.of(plan);
    ConfigParameters parameters = JUnitParameters.of(plan.getConfigurationParameters());
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    boolean guarded = index.hasGuarded();
    Run run = Run.forPlan(parameters, loader, index);
    Optional<AuthenticityConfig> config = Optional.empty();
    if (guarded && run.configError().isEmpty()) {
      config = Optional.of(run.config());
    }
    Path directory = config.map(AuthenticityConfig::outputDirectory).orElseGet(() -> Path.of(parameters
        .get(ConfigLoader.OUTPUT_DIRECTORY_KEY).orElse(AuthenticityConfig.DEFAULT_OUTPUT_DIRECTORY)));
    run.attach(EventLog.create(directory));
    Recording recording = new Recording(run, index, guarded);
    run.write("run", RunEvent.of(guarded ? run : null, parameters));
    if (guarded) {
      index.tests().forEach(recording::writeTest);
      Runs.started(run);
      config.ifPresent(c -> {
        run.startPreflight(recording.neededServices(c));
        // log capture and the socket monitor start now, while discovery ends, not in the first test
        Detectors.prepare(c, Thread.currentThread().getContextClassLoader());
      });
    }
    return recording;
  }

  Run run() {
    return run;
  }

  /** The services the plan's guarded tests need and that can run here (not {@code @StagingOnly} outside staging). */
  private List<ServiceDefinition> neededServices(AuthenticityConfig config) {
    if (config.requireEnvironment().filter(r -> !r.equals(config.environment())).isPresent()) {
      return List.of();
    }
    Map<String, ServiceDefinition> needed = new LinkedHashMap<>();
    Set<String> inContainers = new HashSet<>();
    for (PlanIndex.Entry entry : index.units()) {
      Guard guard = entry.guard();
      if (guard.stagingOnly() && !config.staging()) {
        continue;
      }
      if (startsContainers(entry)) {
        inContainers.addAll(guard.services());
      }
      // container: true has no address before its container runs (ContainerServices)
      guard.services().forEach(name -> config.service(name).filter(s -> !ContainerBinding.configured(s))
          .ifPresent(s -> needed.putIfAbsent(name, s)));
    }
    // a service a @Testcontainers class needs may be a container that is not started yet: probed at first use
    needed.keySet().removeAll(inContainers);
    return List.copyOf(needed.values());
  }

  private static boolean startsContainers(PlanIndex.Entry entry) {
    try {
      Optional<TestSource> source = entry.id().getSource();
      if (source.isPresent() && source.get() instanceof MethodSource method) {
        return ContainerSkip.startsContainers(method.getJavaClass());
      }
      return source.isPresent() && source.get() instanceof ClassSource type
          && ContainerSkip.startsContainers(type.getJavaClass());
    } catch (RuntimeException | LinkageError ex) {
      return false;
    }
  }

  void dynamicTestRegistered(TestIdentifier id) {
    PlanIndex.Entry entry = index.add(id);
    if (guarded && id.isTest()) {
      writeTest(entry);
    }
  }

  void started(TestIdentifier id) {
    if (id.isTest()) {
      started.incrementAndGet();
      startedAt.put(id.getUniqueId(), System.nanoTime());
      if (guarded) {
        run.write("started", Map.of("uniqueId", id.getUniqueId()));
      }
    }
  }

  void skipped(TestIdentifier id, String reason) {
    if (id.isTest()) {
      PlanIndex.Entry entry = index.add(id);
      if (entry.guarded()) {
        expandedVerdict(id, entry, Status.ABORTED, reason, true);
      }
      finish(id, "SKIPPED", reason, null);
      return;
    }
    for (PlanIndex.Entry test : testsOrStandIn(id)) {
      if (test.guarded()) {
        expandedVerdict(id, test, Status.ABORTED, reason, true);
      }
      finish(test.id(), "SKIPPED", reason, test.id().getUniqueId().equals(id.getUniqueId()) ? null : id.getUniqueId());
    }
  }

  /**
   * The tests under {@code container}; for a test factory or template that never produced one (it was
   * skipped, or failed before its first invocation), the container itself stands in, so it is counted.
   */
  private List<PlanIndex.Entry> testsOrStandIn(TestIdentifier container) {
    List<PlanIndex.Entry> tests = index.testsUnder(container);
    PlanIndex.Entry entry = index.add(container);
    if (!tests.isEmpty() || !entry.unit()) {
      return tests;
    }
    standIns.incrementAndGet();
    if (guarded) {
      writeTest(entry);
    }
    return List.of(entry);
  }

  void finished(TestIdentifier id, TestExecutionResult result) {
    String message = result.getThrowable().map(Recording::describe).orElse(null);
    if (id.isTest()) {
      finish(id, result.getStatus().name(), message, null);
      return;
    }
    if (result.getStatus() == Status.SUCCESSFUL) {
      return;
    }
    for (PlanIndex.Entry test : testsOrStandIn(id)) {
      if (finished.contains(test.id().getUniqueId())) {
        continue;
      }
      if (test.guarded()) {
        expandedVerdict(id, test, result.getStatus(), message, false);
      }
      finish(test.id(), result.getStatus().name(), message, test.id().getUniqueId().equals(id.getUniqueId()) ? null : id.getUniqueId());
    }
  }

  /**
   * The verdict of a guarded test that did not run (itself skipped, or under a container that was skipped,
   * aborted or failed) unless the extension judged it: what the extension recorded for the container,
   * else what the outcome shows (a Testcontainers skip for want of Docker, an abort).
   */
  private void expandedVerdict(TestIdentifier container, PlanIndex.Entry test, Status status, String message,
      boolean skip) {
    if (run.judged(test.id().getUniqueId())) {
      return;
    }
    Optional<Judgement> recorded = run.containerVerdict(container.getUniqueId());
    if (recorded.isPresent()) {
      run.verdict(test.id().getUniqueId(), recorded.get());
    } else if (skip && ContainerSkip.isDockerSkip(message)) {
      run.verdict(test.id().getUniqueId(), Judgement.early(Verdict.MASKED, null,
          List.of(new Evidence(EvidenceKind.CONTAINER_SKIP, message)), message));
    } else if (!skip && status == Status.ABORTED) {
      run.verdict(test.id().getUniqueId(), Judgement.early(Verdict.MASKED, null,
          List.of(new Evidence(EvidenceKind.ABORTED, "an assumption aborted the container ["
              + container.getDisplayName() + "], and a skip is not a pass: " + message)), message));
    }
  }

  private void finish(TestIdentifier id, String status, String message, String via) {
    if (!finished.add(id.getUniqueId())) {
      return;
    }
    if ("SKIPPED".equals(status)) {
      skipped.incrementAndGet();
    } else {
      outcomes.get(Status.valueOf(status)).incrementAndGet();
    }
    if (!guarded) {
      return;
    }
    Long start = startedAt.remove(id.getUniqueId());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("uniqueId", id.getUniqueId());
    event.put("status", status);
    event.put("durationMillis", start == null ? 0 : (System.nanoTime() - start) / 1_000_000);
    event.put("message", Redaction.oneLine(message));
    event.put("via", via);
    run.write("finished", event);
  }

  private void writeTest(PlanIndex.Entry entry) {
    TestIdentifier id = entry.id();
    Guard guard = entry.guard();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("uniqueId", id.getUniqueId());
    event.put("className", entry.className());
    event.put("methodName", entry.methodName());
    event.put("displayName", index.displayName(id));
    event.put("tags", id.getTags().stream().map(TestTag::getName).sorted().toList());
    event.put("guarded", guard != null);
    event.put("services", guard == null ? List.of() : guard.services());
    event.put("stagingOnly", guard != null && guard.stagingOnly());
    event.put("minDurationMillis", guard == null || guard.minDurationOrNull() == null ? null
        : guard.minDurationOrNull().toMillis());
    event.put("parentId", id.getParentId().orElse(null));
    run.write("test", event);
  }

  /** Writes {@code end} and closes the events file; returns the file. */
  Path end() {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("discovered", index.tests().size() + standIns.get());
    event.put("started", started.get());
    event.put("succeeded", outcomes.get(Status.SUCCESSFUL).get());
    event.put("failed", outcomes.get(Status.FAILED).get());
    event.put("aborted", outcomes.get(Status.ABORTED).get());
    event.put("skipped", skipped.get());
    run.write("end", event);
    Runs.finished(run);
    EventLog log = run.log().orElseThrow();
    log.close();
    return log.file();
  }

  private static String describe(Throwable throwable) {
    return throwable.getMessage() != null ? throwable.getMessage() : throwable.getClass().getName();
  }
}
