package io.github.authenticity.core.internal.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.authenticity.core.internal.events.Event.ContainerJudged;
import io.github.authenticity.core.internal.events.Event.RunEnded;
import io.github.authenticity.core.internal.events.Event.RunStarted;
import io.github.authenticity.core.internal.events.Event.ServiceProbed;
import io.github.authenticity.core.internal.events.Event.TestFinished;
import io.github.authenticity.core.internal.events.Event.TestJudged;
import io.github.authenticity.core.internal.events.Event.TestPlanned;
import io.github.authenticity.core.internal.events.Event.TestStarted;
import io.github.authenticity.core.internal.events.Event;
import io.github.authenticity.core.internal.events.EventReader;
import io.github.authenticity.core.internal.events.EventWriter;
import io.github.authenticity.core.internal.events.EventsFormat;
import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.CompiledTest;
import io.github.authenticity.core.internal.model.Judgement;
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
 * test is judged by {@link Judge}, and so are the counts and the overall verdict.
 *
 * <p>Tests are keyed by unique id. When the same unique id appears in several runs (a rerun, the same class in
 * two modules), each is judged and the worst is kept ({@link TestEntries#worse}), so a masked execution is never
 * hidden by a clean one.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ReportBuilder {

  private final Map<String, Run> runs = new LinkedHashMap<>();
  private final Map<String, Map<String, Execution>> byTest = new LinkedHashMap<>();
  private final Map<String, ServiceProbed> services = new LinkedHashMap<>();
  private final Set<String> fileProblems = new LinkedHashSet<>();
  private final List<String> sources = new ArrayList<>();
  private final List<CompiledTest> compiled = new ArrayList<>();
  private String selection;
  private CheckSettings settings = CheckSettings.defaults();
  private String requireEnvironment;
  private Instant now;
  private final Set<String> stillRunning = new HashSet<>();
  private final Map<String, Findings> findingsBySource = new LinkedHashMap<>();
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
    String name = String.valueOf(file);
    sources.add(name);
    Findings findings = findingsBySource.computeIfAbsent(name, Findings::new);
    EventReader.ReadResult summary = EventReader.readNumbered(file, (event, line) -> read(event, name, line, findings));
    if (summary.truncated()) {
      fileProblems.add("Events file [" + name + "] ends in a cut-off line: its test JVM died while writing.");
    }
    for (String problem : summary.problems()) {
      fileProblems.add("Unreadable event in [" + name + "]: " + problem);
    }
    return summary;
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
    Set<String> incomplete = new LinkedHashSet<>(fileProblems);
    List<TestEntry> tests = judgeAll();
    findingsBySource.values().forEach(findings -> incomplete.addAll(findings.lines()));
    for (Run run : runs.values()) {
      if (run.info == null) {
        incomplete.add("Run [" + run.id + "] in [" + run.source + "] has events but no 'run' event.");
      } else if (!run.ended && stillRunning.contains(run.id)) {
        incomplete.add("Run [" + run.id + "] in [" + run.source + "] was still running when this report was"
            + " written: its test JVM rewrites the report when it ends.");
      } else if (!run.ended) {
        incomplete.add("Run [" + run.id + "] in [" + run.source + "] never ended: its test JVM stopped before the"
            + " test plan finished.");
      }
      if (run.info != null && run.info.formatVersion() > EventsFormat.VERSION) {
        incomplete.add("Run [" + run.id + "] in [" + run.source + "] was written in events format "
            + run.info.formatVersion() + ", newer than this reader's " + EventsFormat.VERSION
            + ": use the same Authenticity version for the extension and the plugin.");
      }
    }

    boolean anyStaging = runs.values().stream().anyMatch(r -> r.info != null && r.info.staging());
    Set<String> ran = this.ran;
    int discovered = tests.size();
    // a plan without guarded tests writes only 'run' and 'end': its tests are counted from 'end'
    int unlisted = 0;
    int unlistedStarted = 0;
    for (Run run : runs.values()) {
      if (run.tests == 0 && run.end != null) {
        unlisted += (int) run.end.discovered();
        unlistedStarted += (int) run.end.started();
      }
    }
    String unmatched = selection != null && discovered + unlisted == 0 ? selection : null;
    addNotDiscovered(tests, anyStaging, selection != null && unmatched == null);

    String required = requireEnvironment != null ? requireEnvironment
        : runs.values().stream().map(r -> r.info == null ? null : r.info.requireEnvironment())
            .filter(e -> e != null && !e.isBlank()).findFirst().orElse(null);
    CheckSettings effective = settings.with(settings.failOnDisabled(), required != null);
    Summary summary = TestEntries.count(tests, discovered + unlisted, ran.size() + unlistedStarted, ran);
    OverallVerdict verdict = Judge.overall(summary, effective);

    Set<String> environments = new TreeSet<>();
    runs.values().forEach(r -> {
      if (r.info != null && r.info.environment() != null) {
        environments.add(r.info.environment());
      }
    });
    List<ServiceStatus> statuses = new ArrayList<>();
    for (Map.Entry<String, ServiceProbed> entry : services.entrySet()) {
      ServiceProbed event = entry.getValue();
      String environment = entry.getKey().substring(0, entry.getKey().indexOf('\u0000'));
      String serviceName = environments.size() > 1 && !environment.isEmpty()
          ? event.name() + " (" + environment + ")" : event.name();
      statuses.add(new ServiceStatus(serviceName, event.probe(), event.endpoint(), event.status(),
          event.latencyMillis(), event.detail()));
    }
    return new Report(Report.SCHEMA_VERSION, verdict, String.join(", ", environments), incomplete.isEmpty(),
        List.copyOf(incomplete), summary, statuses, tests, now != null ? now : Instant.now(), sources, unmatched,
        skipRules(tests));
  }

  /** Every rule a run declared ({@code detection.allowedSkips}), then those only tests name, with what each allowed. */
  private List<SkipRuleUse> skipRules(List<TestEntry> tests) {
    Map<String, Integer> allowed = new LinkedHashMap<>();
    for (Run run : runs.values()) {
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
    List<TestEntry> tests = new ArrayList<>(byTest.size() + compiled.size());
    for (Map.Entry<String, Map<String, Execution>> test : byTest.entrySet()) {
      TestEntry best = null;
      boolean started = false;
      for (Execution execution : test.getValue().values()) {
        TestPlanned planned = execution.planned;
        if (planned == null) {
          continue;
        }
        if (execution.judged != null && !trusted(execution)) {
          findingsBySource.get(execution.run.source).add(execution.judgedLine, "a '" + EventsFormat.VERDICT
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
  private static boolean trusted(Execution execution) {
    if (execution.started) {
      return true;
    }
    Verdict verdict = execution.judged.verdict();
    return execution.finished != null && execution.finished.status() == Event.Outcome.SKIPPED
        && (verdict == Verdict.NOT_RUN || verdict == Verdict.MASKED);
  }

  private void read(Event event, String source, int line, Findings findings) {
    Run run = runs.computeIfAbsent(event.run() == null ? "(none)" : event.run(), id -> new Run(id, source));
    if (run.ended) {
      findings.add(line, "a '" + EventWriter.typeOf(event) + "' event after the run's 'end'", run.id);
      return;
    }
    if (event instanceof RunStarted started) {
      if (run.info != null) {
        findings.add(line, "a second 'run' event", run.id);
        return;
      }
      run.info = started;
    } else if (event instanceof RunEnded end) {
      run.ended = true;
      run.end = end;
    } else if (event instanceof ServiceProbed probed) {
      String environment = run.info == null || run.info.environment() == null ? "" : run.info.environment();
      String key = environment + "\u0000" + probed.name();
      ServiceProbed previous = services.get(key);
      if (previous == null || probed.at() >= previous.at()) {
        services.remove(key);
        services.put(key, probed);
      }
    } else if (event instanceof ContainerJudged container) {
      if (container.judgement().verdict() == Verdict.AUTHENTIC) {
        // the extension writes a container's verdict only to stop or mask its tests, never to prove them
        findings.add(line, "an AUTHENTIC 'container' verdict for [" + container.uniqueId() + "]", run.id);
      } else if (run.containers.putIfAbsent(container.uniqueId(), container.judgement()) != null) {
        findings.add(line, "a second 'container' verdict for [" + container.uniqueId() + "]", run.id);
      }
    } else if (event instanceof TestPlanned planned) {
      Execution execution = execution(planned.uniqueId(), run);
      if (execution.planned != null) {
        findings.add(line, "a second 'test' event for [" + planned.uniqueId() + "]", run.id);
        return;
      }
      execution.planned = planned;
      run.tests++;
    } else if (event instanceof TestStarted started) {
      Execution execution = planned(started.uniqueId(), run, "started", line, findings);
      if (execution == null) {
        return;
      }
      if (execution.started || execution.finished != null) {
        findings.add(line, "a second 'started' for [" + started.uniqueId() + "]"
            + (execution.finished != null ? " after its 'finished'" : ""), run.id);
        return;
      }
      execution.started = true;
    } else if (event instanceof TestFinished finished) {
      Execution execution = planned(finished.uniqueId(), run, "finished", line, findings);
      if (execution == null) {
        return;
      }
      if (execution.finished != null) {
        findings.add(line, "a second 'finished' for [" + finished.uniqueId() + "]", run.id);
        return;
      }
      execution.finished = finished;
    } else if (event instanceof TestJudged judged) {
      Execution execution = planned(judged.uniqueId(), run, "verdict", line, findings);
      if (execution == null) {
        return;
      }
      String id = judged.uniqueId();
      if (execution.judged != null) {
        findings.add(line, "a second 'verdict' for [" + id + "]", run.id);
      } else {
        execution.judged = judged.judgement();
        execution.judgedLine = line;
      }
    }
  }

  /**
   * The execution of {@code uniqueId} in {@code run} when the run's plan has it (a {@code test} event came first);
   * else a finding, and {@code null}: an event about a test of no known plan is never counted.
   */
  private Execution planned(String uniqueId, Run run, String type, int line, Findings findings) {
    Map<String, Execution> executions = byTest.get(uniqueId);
    Execution execution = executions == null ? null : executions.get(run.id);
    if (execution == null || execution.planned == null) {
      findings.add(line, "a '" + type + "' for [" + uniqueId + "], a test of no 'test' event in its run", run.id);
      return null;
    }
    return execution;
  }

  /**
   * Lines of one events file that its writer cannot have written (a repeated, reordered or appended line): each
   * is named, at most {@value #MAX_NAMED} a file, and makes the report incomplete; none of them is judged.
   */
  private static final class Findings {
    private static final int MAX_NAMED = 20;
    private final String source;
    private final List<String> lines = new ArrayList<>();
    private int count;

    Findings(String source) {
      this.source = source;
    }

    void add(int line, String what, String run) {
      if (count++ < MAX_NAMED) {
        lines.add("Events file [" + source + "] line " + line + ": " + what + " in run [" + run + "]: a line the"
            + " Authenticity writer cannot have written (an edited, repeated or appended events file); it is not"
            + " judged.");
      }
    }

    List<String> lines() {
      if (count <= MAX_NAMED) {
        return lines;
      }
      List<String> all = new ArrayList<>(lines);
      all.add("Events file [" + source + "]: " + (count - MAX_NAMED) + " more lines the Authenticity writer cannot"
          + " have written; none of them is judged.");
      return all;
    }
  }

  private Execution execution(String uniqueId, Run run) {
    return byTest.computeIfAbsent(uniqueId, id -> new LinkedHashMap<>(2)).computeIfAbsent(run.id,
        id -> new Execution(run));
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

  private static final class Run {
    final String id;
    final String source;
    RunStarted info;
    boolean ended;
    RunEnded end;
    int tests;
    final Map<String, Judgement> containers = new HashMap<>();

    Run(String id, String source) {
      this.id = id;
      this.source = source;
    }

    /** The extension's verdict on the nearest container around {@code uniqueId} that has one, or {@code null}. */
    Judgement containerJudgement(String uniqueId) {
      if (containers.isEmpty()) {
        return null;
      }
      Judgement found = null;
      int longest = -1;
      for (Map.Entry<String, Judgement> container : containers.entrySet()) {
        String id = container.getKey();
        if ((uniqueId.equals(id) || uniqueId.startsWith(id + "/")) && id.length() > longest) {
          found = container.getValue();
          longest = id.length();
        }
      }
      return found;
    }
  }

  private static final class Execution {
    final Run run;
    TestPlanned planned;
    TestFinished finished;
    Judgement judged;
    int judgedLine;
    boolean started;

    Execution(Run run) {
      this.run = run;
    }
  }
}
