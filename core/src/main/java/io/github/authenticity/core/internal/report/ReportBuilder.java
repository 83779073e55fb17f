package io.github.authenticity.core.internal.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.authenticity.core.internal.events.Event.ServiceProbed;
import io.github.authenticity.core.internal.events.Event.TestPlanned;
import io.github.authenticity.core.internal.events.Event;
import io.github.authenticity.core.internal.events.EventReader;
import io.github.authenticity.core.internal.events.EventWriter;
import io.github.authenticity.core.internal.events.EventsFormat;
import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.CompiledTest;
import io.github.authenticity.core.internal.model.OverallVerdict;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.ServiceStatus;
import io.github.authenticity.core.internal.model.SkipRuleUse;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import org.apiguardian.api.API;

/**
 * Merges events files (forks, modules, CI shards) and the compiled guarded tests into a {@link Report}; every
 * test is judged by {@link Judge}, and so are the counts and the overall verdict. What the events files hold (runs,
 * each test's events, the lines no writer can have written) is gathered by {@link EventRuns}; this class judges it.
 *
 * <p>Tests are keyed by unique id. When the same unique id appears in several runs (a rerun, the same class in
 * two modules), each is judged and the worst is kept ({@link TestEntries#worse}), so a masked execution is never
 * hidden by a clean one.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ReportBuilder {

  /** What the events files read so far hold. */
  private final EventRuns events = new EventRuns();
  private final List<CompiledTest> compiled = new ArrayList<>();
  private String selection;
  private CheckSettings settings = CheckSettings.defaults();
  private String requireEnvironment;
  private Instant now;
  private final Set<String> stillRunning = new HashSet<>();
  private final Set<String> ran = new HashSet<>();

  /** Streams the events file {@code file} (one test plan) into the report; see {@link #readEventFile(Path)}. */
  public ReportBuilder addEventFile(Path file) {
    readEventFile(file);
    return this;
  }

  /**
   * Streams the events file {@code file} (one test plan) into the report, one line at a time, so a large file is
   * never held whole.
   *
   * @return what was found besides the events (a cut-off last line, unreadable lines)
   */
  public EventReader.ReadResult readEventFile(Path file) {
    return events.read(file);
  }

  /**
   * Adds the events of the events file {@code file} as its writer kept them ({@link EventWriter#written()}): the
   * report is the same as with {@link #addEventFile(Path)}, without reading the file back.
   */
  public ReportBuilder addWrittenEvents(Path file, List<Event> written) {
    events.read(file, written);
    return this;
  }

  /** Adds the guarded tests found in the compiled test classes; those in no test plan become {@code NOT_DISCOVERED}. */
  public ReportBuilder addCompiledTests(List<CompiledTest> tests) {
    compiled.addAll(tests);
    return this;
  }

  /**
   * The test selection of the build ({@code -Dtest=...}), or {@code null}: a selection that ran tests is deliberate
   * (the compiled tests it left out are not {@code NOT_DISCOVERED}); one that matched no test at all is a typo, and
   * the compiled guarded tests are {@code NOT_DISCOVERED}.
   */
  public ReportBuilder selection(String pattern) {
    this.selection = pattern == null || pattern.isBlank() ? null : pattern.strip();
    return this;
  }

  /** A deliberate selection without its pattern (see {@link #selection(String)}). */
  public ReportBuilder deliberateSelection(boolean deliberate) {
    return selection(deliberate ? "(a selection)" : null);
  }

  /** What the verdict counts (see {@link Judge#counts}); default {@link CheckSettings#defaults()}. */
  public ReportBuilder settings(CheckSettings checkSettings) {
    this.settings = checkSettings;
    return this;
  }

  /** Whether {@code DISABLED} guarded tests make the overall verdict {@code MASKED} (default {@code false}). */
  public ReportBuilder countDisabled(boolean count) {
    this.settings = settings.with(count, settings.environmentRequired());
    return this;
  }

  /**
   * The required environment, or {@code null} to take it from the runs' {@code requireEnvironment}; when there
   * is one, {@code ENVIRONMENT} not-run guarded tests make the overall verdict {@code MASKED}.
   */
  public ReportBuilder requireEnvironment(String environment) {
    this.requireEnvironment = environment == null || environment.isBlank() ? null : environment;
    return this;
  }

  /**
   * The runs whose test JVM is still running while this report is written (another fork of the build): a run of
   * these without an {@code end} event is reported as still running, not as a JVM that died.
   */
  public ReportBuilder stillRunning(Set<String> runIds) {
    stillRunning.addAll(runIds);
    return this;
  }

  /** The time the report says it was generated (default: now); for reproducible output. */
  public ReportBuilder generatedAt(Instant instant) {
    this.now = instant;
    return this;
  }

  /** Merges, judges and counts. */
  public Report build() {
    Set<String> incomplete = new LinkedHashSet<>(events.fileProblems());
    List<TestEntry> tests = judgeAll();
    events.addIncompleteReasons(incomplete, stillRunning);

    boolean anyStaging = events.runs().stream().anyMatch(r -> r.info != null && r.info.staging());
    Set<String> ran = this.ran;
    int discovered = tests.size();
    // a plan without guarded tests writes only 'run' and 'end': its tests are counted from 'end'
    int unlisted = 0;
    int unlistedStarted = 0;
    for (EventRuns.Run run : events.runs()) {
      if (run.tests == 0 && run.end != null) {
        unlisted += (int) run.end.discovered();
        unlistedStarted += (int) run.end.started();
      }
    }
    String unmatched = selection != null && discovered + unlisted == 0 ? selection : null;
    addNotDiscovered(tests, anyStaging, selection != null && unmatched == null);

    String required = requireEnvironment != null ? requireEnvironment
        : events.runs().stream().map(r -> r.info == null ? null : r.info.requireEnvironment())
            .filter(e -> e != null && !e.isBlank()).findFirst().orElse(null);
    CheckSettings effective = settings.with(settings.failOnDisabled(), required != null);
    Summary summary = TestEntries.count(tests, discovered + unlisted, ran.size() + unlistedStarted, ran);
    OverallVerdict verdict = Judge.overall(summary, effective);

    Set<String> environments = new TreeSet<>();
    events.runs().forEach(r -> {
      if (r.info != null && r.info.environment() != null) {
        environments.add(r.info.environment());
      }
    });
    List<ServiceStatus> statuses = new ArrayList<>();
    for (Map.Entry<String, ServiceProbed> entry : events.services().entrySet()) {
      ServiceProbed event = entry.getValue();
      String environment = entry.getKey().substring(0, entry.getKey().indexOf('\u0000'));
      String serviceName = environments.size() > 1 && !environment.isEmpty()
          ? event.name() + " (" + environment + ")" : event.name();
      statuses.add(new ServiceStatus(serviceName, event.probe(), event.endpoint(), event.status(),
          event.latencyMillis(), event.detail()));
    }
    return new Report(Report.SCHEMA_VERSION, verdict, String.join(", ", environments), incomplete.isEmpty(),
        List.copyOf(incomplete), summary, statuses, tests, now != null ? now : Instant.now(), events.sources(), unmatched,
        skipRules(tests));
  }

  /** Every rule a run declared ({@code detection.allowedSkips}), then those only tests name, with what each allowed. */
  private List<SkipRuleUse> skipRules(List<TestEntry> tests) {
    Map<String, Integer> allowed = new LinkedHashMap<>();
    for (EventRuns.Run run : events.runs()) {
      if (run.info != null) {
        run.info.allowedSkips().forEach(rule -> allowed.putIfAbsent(rule, 0));
      }
    }
    for (TestEntry test : tests) {
      if (test.guarded() && test.allowedBy() != null) {
        allowed.merge(test.allowedBy(), 1, Integer::sum);
      }
    }
    List<SkipRuleUse> uses = new ArrayList<>(allowed.size());
    allowed.forEach((rule, count) -> uses.add(new SkipRuleUse(rule, count)));
    return uses;
  }

  /** Judges every test of the runs read, the worst execution of each unique id kept; fills {@link #ran}. */
  private List<TestEntry> judgeAll() {
    ran.clear();
    List<TestEntry> tests = new ArrayList<>(events.byTest().size() + compiled.size());
    for (Map.Entry<String, Map<String, EventRuns.Execution>> test : events.byTest().entrySet()) {
      TestEntry best = null;
      boolean started = false;
      for (EventRuns.Execution execution : test.getValue().values()) {
        TestPlanned planned = execution.planned;
        if (planned == null) {
          continue;
        }
        if (execution.judged != null && !trusted(execution)) {
          events.findings(execution.run.source).add(execution.judgedLine, "a '" + EventsFormat.VERDICT
              + "' (" + execution.judged.verdict() + ") for [" + test.getKey() + "], which never started",
              execution.run.id);
          execution.judged = null;
        }
        boolean staging = execution.run.info != null && execution.run.info.staging();
        TestEntry entry = TestEntries.entry(planned, execution.started, execution.finished, execution.judged,
            execution.run.containerJudgement(test.getKey()), staging);
        started |= execution.started;
        if (TestEntries.worse(entry, best)) {
          best = entry;
        }
      }
      if (best != null) {
        tests.add(best);
        if (started) {
          ran.add(best.uniqueId());
        }
      }
    }
    return tests;
  }

  /**
   * Whether a {@code verdict} event can be the extension's: for a test that started (the verdict of a condition is
   * written just before its test starts), or one a condition wrote for a test it then skipped ({@code NOT_RUN},
   * {@code MASKED}). Any other verdict for a test that never started cannot have been written by it.
   */
  private static boolean trusted(EventRuns.Execution execution) {
    if (execution.started) {
      return true;
    }
    Verdict verdict = execution.judged.verdict();
    return execution.finished != null && execution.finished.status() == Event.Outcome.SKIPPED
        && (verdict == Verdict.NOT_RUN || verdict == Verdict.MASKED);
  }

  private void addNotDiscovered(List<TestEntry> tests, boolean anyStaging, boolean deliberate) {
    if (compiled.isEmpty() || deliberate) {
      return;
    }
    Set<String> known = new HashSet<>();
    for (TestEntry entry : tests) {
      known.add(key(entry.className(), entry.methodName()));
    }
    for (CompiledTest test : compiled) {
      if (known.add(key(test.className(), test.methodName()))) {
        tests.add(TestEntries.notDiscovered(test.className(), test.methodName(), test.services(), test.stagingOnly(),
            anyStaging));
      }
    }
  }

  private static String key(String className, String methodName) {
    return (className == null ? "" : className.replace('$', '.')) + "#" + methodName;
  }
}
