package io.github.authenticity.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.ConfigLoader;
import io.github.authenticity.core.internal.config.ConfigParameters;
import io.github.authenticity.core.internal.events.Event.Outcome;
import io.github.authenticity.core.internal.events.Event;
import io.github.authenticity.core.internal.events.EventWriter;
import io.github.authenticity.core.internal.model.Judgement;
import org.junit.jupiter.api.Disabled;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import io.github.authenticity.core.config.ConfigurationKeys;

/**
 * What the listener records about one test plan execution, into its own events file: the plan, each test's start
 * and end (a skipped or failed container expanded to every test under it) and the counts. The services to probe
 * are {@link PlanServices}' to find, a condition's declared skip {@link SkipRules}' to allow.
 */
final class Recording {

  /** At most this many events (about 25,000 tests) are kept in memory for the listener's report. */
  private static final int KEPT_EVENTS = 100_000;

  private final Run run;
  private final PlanIndex index;
  private final boolean guarded;
  private final ConcurrentMap<String, Long> startedAt = new ConcurrentHashMap<>();
  /**
   * The tests finished so far, each by its {@code key}: a test's {@code UniqueId} (its text is formatted only for an
   * event, so an unguarded plan never formats it: 10 µs a test), a stand-in's id.
   */
  private final Set<Object> finished = ConcurrentHashMap.newKeySet();
  private final AtomicInteger started = new AtomicInteger();
  private final Map<Status, AtomicInteger> outcomes = new ConcurrentHashMap<>();
  private final AtomicInteger skipped = new AtomicInteger();
  private final AtomicInteger standInCount = new AtomicInteger();
  private final Set<String> writtenStandIns = ConcurrentHashMap.newKeySet();

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
        .get(ConfigurationKeys.OUTPUT_DIRECTORY).orElse(AuthenticityConfig.DEFAULT_OUTPUT_DIRECTORY)));
    // the listener's report is built from what was written, not by parsing the file again (a large plan's events
    // beyond that many are read back from the file)
    run.attach(EventWriter.create(directory).keepWritten(KEPT_EVENTS));
    Recording recording = new Recording(run, index, guarded);
    run.write(RunEvent.of(run.id(), guarded ? run : null, parameters));
    if (guarded) {
      List<PlanIndex.Entry> tests = index.tests();
      List<Event> planned = new ArrayList<>(tests.size());
      for (PlanIndex.Entry entry : tests) {
        planned.add(recording.planned(entry));
      }
      run.writeAll(planned);
      Runs.started(run);
      config.ifPresent(c -> {
        run.startPreflight(PlanServices.needed(index, c));
        // log capture and the socket monitor start now, while discovery ends, not in the first test
        Detectors.prepare(c, Thread.currentThread().getContextClassLoader());
      });
    }
    return recording;
  }

  Run run() {
    return run;
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
      if (guarded) {
        // only a guarded plan writes durations: an unguarded one would keep every test's start for nothing
        String uniqueId = id.getUniqueId();
        startedAt.put(uniqueId, System.nanoTime());
        run.write(new Event.TestStarted(run.id(), System.currentTimeMillis(), uniqueId));
      }
    }
  }

  void skipped(TestIdentifier id, String reason) {
    boolean disabled = literallyDisabled(id);
    if (id.isTest()) {
      PlanIndex.Entry entry = index.add(id);
      if (!disabled) {
        allowCondition(entry, reason);
      }
      finish(id, Outcome.SKIPPED, reason, null, disabled);
      return;
    }
    boolean allowed = !disabled && allowCondition(index.add(id), reason);
    for (Object test : testsUnder(id)) {
      String uniqueId = uniqueId(test);
      if (!disabled && !allowed && !uniqueId.equals(id.getUniqueId())) {
        index.entry(uniqueId).ifPresent(entry -> allowCondition(entry, reason));
      }
      finish(test, Outcome.SKIPPED, reason, uniqueId.equals(id.getUniqueId()) ? null : id.getUniqueId(), disabled);
    }
  }

  /**
   * Writes {@code NOT_RUN}/{@code ALLOWED_SKIP} for a guarded test or container that a condition switched off, when a
   * declared rule allows it and the extension wrote no verdict on it (e.g. {@code @StagingOnly}); true when it did.
   */
  private boolean allowCondition(PlanIndex.Entry entry, String reason) {
    if (!guarded || entry == null || entry.guard() == null || run.judged(entry.id().getUniqueId())) {
      return false;
    }
    Optional<Judgement> allowed = SkipRules.allowedCondition(run, entry.id(), reason);
    if (allowed.isEmpty()) {
      return false;
    }
    if (entry.id().isTest()) {
      run.verdict(entry.id().getUniqueId(), allowed.get());
    } else {
      run.containerVerdict(entry.id().getUniqueId(), allowed.get());
    }
    return true;
  }

  void finished(TestIdentifier id, TestExecutionResult result) {
    String message = result.getThrowable().map(Recording::describe).orElse(null);
    Outcome outcome = Outcome.valueOf(result.getStatus().name());
    if (id.isTest()) {
      finish(id, outcome, message, null, false);
      return;
    }
    if (result.getStatus() == Status.SUCCESSFUL) {
      return;
    }
    for (Object test : testsUnder(id)) {
      if (!finished.contains(key(test))) {
        finish(test, outcome, message, uniqueId(test).equals(id.getUniqueId()) ? null : id.getUniqueId(), false);
      }
    }
  }

  /**
   * The tests under {@code container} that never ran on their own: each test's identifier, and for a test template
   * or factory under it (or it itself) that never produced a test, the unique ids of its stand-ins, so its
   * invocations are counted: a {@code @RepeatedTest(n)} as its n invocations (the number is in the annotation), any
   * other (a parameter source, a factory: the count is only known by running user code) as one entry that says what
   * it stands for.
   */
  private List<Object> testsUnder(TestIdentifier container) {
    List<Object> tests = new ArrayList<>();
    TestPlan plan = index.plan();
    List<TestIdentifier> nodes = new ArrayList<>();
    nodes.add(container);
    nodes.addAll(plan.getDescendants(container));
    for (TestIdentifier node : nodes) {
      if (node.isTest()) {
        index.add(node);
        tests.add(node);
      } else if (Templates.kind(node).isPresent() && plan.getDescendants(node).stream().noneMatch(TestIdentifier::isTest)) {
        tests.addAll(standIns(node));
      }
    }
    return tests;
  }

  /** Writes (once) the stand-ins of a template or factory that never produced a test; returns their unique ids. */
  private List<String> standIns(TestIdentifier template) {
    PlanIndex.Entry entry = index.add(template);
    List<Templates.StandIn> standIns = Templates.standIns(template, entry, index.displayName(template));
    List<String> ids = new ArrayList<>(standIns.size());
    for (Templates.StandIn standIn : standIns) {
      ids.add(standIn.uniqueId());
      if (writtenStandIns.add(standIn.uniqueId())) {
        standInCount.incrementAndGet();
        if (guarded) {
          Guard guard = entry.guard();
          run.write(new Event.TestPlanned(run.id(), System.currentTimeMillis(), standIn.uniqueId(),
              template.getUniqueId().equals(standIn.uniqueId()) ? template.getParentId().orElse(null)
                  : template.getUniqueId(), entry.className(), entry.methodName(), standIn.displayName(),
              template.getTags().stream().map(TestTag::getName).sorted().toList(), guard != null,
              guard == null ? List.of() : guard.services(), guard != null && guard.stagingOnly(),
              minDuration(guard), standIn.standsFor()));
        }
      }
    }
    return ids;
  }

  /** Whether {@code id} was skipped by a literal {@code @Disabled} (a decision written in the code), not a condition. */
  private static boolean literallyDisabled(TestIdentifier id) {
    try {
      Optional<TestSource> source = id.getSource();
      if (source.isPresent() && source.get() instanceof MethodSource method) {
        return AnnotationSupport.isAnnotated(method.getJavaMethod(), Disabled.class);
      }
      if (source.isPresent() && source.get() instanceof ClassSource type) {
        return AnnotationSupport.isAnnotated(type.getJavaClass(), Disabled.class);
      }
    } catch (RuntimeException | LinkageError ex) {
      // a class that cannot be loaded was not disabled by its annotation: a condition
    }
    return false;
  }

  /** What {@code finished} holds for {@code test}, a test's identifier or a stand-in's unique id. */
  private static Object key(Object test) {
    return test instanceof TestIdentifier id ? id.getUniqueIdObject() : test;
  }

  /** The unique id of {@code test}, a test's identifier or a stand-in's unique id. */
  private static String uniqueId(Object test) {
    return test instanceof TestIdentifier id ? id.getUniqueId() : (String) test;
  }

  /** Counts {@code test} (a test's identifier or a stand-in's unique id) once, and writes its end in a guarded plan. */
  private void finish(Object test, Outcome status, String message, String via, boolean disabled) {
    if (!finished.add(key(test))) {
      return;
    }
    if (status == Outcome.SKIPPED) {
      skipped.incrementAndGet();
    } else {
      outcomes.get(Status.valueOf(status.name())).incrementAndGet();
    }
    if (!guarded) {
      return;
    }
    String uniqueId = uniqueId(test);
    Long start = startedAt.remove(uniqueId);
    run.write(new Event.TestFinished(run.id(), System.currentTimeMillis(), uniqueId, status,
        start == null ? 0 : (System.nanoTime() - start) / 1_000_000, message, via, disabled));
  }

  private void writeTest(PlanIndex.Entry entry) {
    run.write(planned(entry));
  }

  private Event planned(PlanIndex.Entry entry) {
    TestIdentifier id = entry.id();
    Guard guard = entry.guard();
    return new Event.TestPlanned(run.id(), System.currentTimeMillis(), id.getUniqueId(),
        id.getParentId().orElse(null), entry.className(), entry.methodName(), index.displayName(id),
        id.getTags().stream().map(TestTag::getName).sorted().toList(), guard != null,
        guard == null ? List.of() : guard.services(), guard != null && guard.stagingOnly(), minDuration(guard), null);
  }

  private static Long minDuration(Guard guard) {
    return guard == null || guard.minDurationOrNull() == null ? null : guard.minDurationOrNull().toMillis();
  }

  /** Writes {@code end} and closes the events file; returns the file. */
  Path end() {
    run.write(new Event.RunEnded(run.id(), System.currentTimeMillis(), index.testCount() + standInCount.get(),
        started.get(), outcomes.get(Status.SUCCESSFUL).get(), outcomes.get(Status.FAILED).get(),
        outcomes.get(Status.ABORTED).get(), skipped.get()));
    Runs.finished(run);
    EventWriter log = run.log().orElseThrow();
    log.close();
    return log.file();
  }

  private static String describe(Throwable throwable) {
    return throwable.getMessage() != null ? throwable.getMessage() : throwable.getClass().getName();
  }
}
