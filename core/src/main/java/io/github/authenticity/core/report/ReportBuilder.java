package io.github.authenticity.core.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.authenticity.core.events.EventFile;
import org.apiguardian.api.API;

/**
 * Merges events files (forks, modules, CI shards) and the compiled guarded tests into a {@link Report}.
 *
 * <p>Each guarded test is judged as {@code docs/events-format.md} says: by the extension's {@code verdict}
 * event when there is one; else from its {@code finished} event (skipped: {@code NOT_RUN}/{@code DISABLED},
 * or {@code ENVIRONMENT} for a {@code @StagingOnly} test in a run that is not staging; aborted:
 * {@code MASKED} with {@code ABORTED} evidence quoting the message; failed: {@code FAILED}; passed without a
 * verdict: {@code MASKED} with {@code NOT_JUDGED} evidence, since nothing proves it used its real services);
 * a test in a plan that never finished is {@code NOT_RUN}/{@code NOT_EXECUTED}; a compiled guarded test in
 * no plan is {@code NOT_RUN}/{@code NOT_DISCOVERED} (unless the selection was deliberate, or it is
 * {@code @StagingOnly} and no run was in a staging environment: then {@code ENVIRONMENT}).
 *
 * <p>Tests are keyed by unique id. When the same unique id appears in several runs (a rerun, the same class in
 * two modules), each is judged and the worst is kept: {@code MASKED}, then {@code FAILED}, {@code SERVICE_DOWN},
 * {@code AUTHENTIC}, then the not-run reasons {@code NOT_EXECUTED}, {@code DISABLED}, {@code ENVIRONMENT}; so a
 * test that ran anywhere is judged by how it ran, and a masked execution is never hidden by a clean one.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ReportBuilder {

  private final Map<String, Run> runs = new LinkedHashMap<>();
  private final Map<String, Map<String, Execution>> byTest = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> services = new LinkedHashMap<>();
  private final Set<String> fileProblems = new LinkedHashSet<>();
  private final List<String> sources = new ArrayList<>();
  private final List<CompiledTest> compiled = new ArrayList<>();
  private boolean deliberateSelection;
  private boolean countDisabled;
  private String requireEnvironment;
  private Instant now;
  private final Set<String> stillRunning = new HashSet<>();

  /** Adds the events of one file (one test JVM); they are digested at once, so {@code file} need not be kept. */
  public ReportBuilder addEventFile(EventFile file) {
    String name = String.valueOf(file.file());
    sources.add(name);
    for (Map<String, Object> event : file.events()) {
      read(event, name);
    }
    return addProblems(name, file.truncated(), file.problems());
  }

  /**
   * Streams the events file {@code file} (one test JVM) into the report, one line at a time, so a large file is
   * never held whole; the same result as {@code addEventFile(EventFile.read(file))}.
   *
   * @return what was found besides the events (a cut-off last line, unreadable lines)
   */
  public EventFile.Summary addEventFile(Path file) {
    String name = String.valueOf(file);
    sources.add(name);
    EventFile.Summary summary = EventFile.forEachEvent(file, event -> read(event, name));
    addProblems(name, summary.truncated(), summary.problems());
    return summary;
  }

  private ReportBuilder addProblems(String name, boolean truncated, List<String> problems) {
    if (truncated) {
      fileProblems.add("Events file [" + name + "] ends in a cut-off line: its test JVM died while writing.");
    }
    for (String problem : problems) {
      fileProblems.add("Unreadable event in [" + name + "]: " + problem);
    }
    return this;
  }

  /** Adds the guarded tests found in the compiled test classes; those in no test plan become {@code NOT_DISCOVERED}. */
  public ReportBuilder addCompiledTests(List<CompiledTest> tests) {
    compiled.addAll(tests);
    return this;
  }

  /** A deliberate selection ({@code -Dtest=...}): compiled tests in no plan are left out instead of {@code NOT_DISCOVERED}. */
  public ReportBuilder deliberateSelection(boolean deliberate) {
    this.deliberateSelection = deliberate;
    return this;
  }

  /** Whether {@code DISABLED} guarded tests make the overall verdict {@code MASKED} (default {@code false}). */
  public ReportBuilder countDisabled(boolean count) {
    this.countDisabled = count;
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
    for (Run run : runs.values()) {
      if (!run.started) {
        incomplete.add("Run [" + run.id + "] in [" + run.source + "] has events but no 'run' event.");
      } else if (!run.ended && stillRunning.contains(run.id)) {
        incomplete.add("Run [" + run.id + "] in [" + run.source + "] was still running when this report was"
            + " written: its test JVM rewrites the report when it ends.");
      } else if (!run.ended) {
        incomplete.add("Run [" + run.id + "] in [" + run.source + "] never ended: its test JVM stopped before the"
            + " test plan finished.");
      }
    }

    boolean anyStaging = runs.values().stream().anyMatch(r -> r.staging);
    List<TestEntry> tests = new ArrayList<>(byTest.size() + compiled.size());
    Set<String> executed = new HashSet<>();
    for (Map.Entry<String, Map<String, Execution>> test : byTest.entrySet()) {
      TestEntry best = null;
      boolean started = false;
      for (Execution execution : test.getValue().values()) {
        if (execution.test == null && execution.verdict != null) {
          // judged by the extension, but not in the plan's test events: never let it vanish
          execution.test = synthesize(test.getKey());
        }
        if (execution.test == null) {
          continue;
        }
        TestEntry entry = judge(execution);
        started |= execution.started;
        if (best == null || rank(entry) > rank(best)) {
          best = entry;
        }
      }
      if (best != null) {
        tests.add(best);
        if (started) {
          executed.add(best.uniqueId());
        }
      }
    }
    int discovered = tests.size();
    addNotDiscovered(tests, anyStaging);

    String required = requireEnvironment != null ? requireEnvironment
        : runs.values().stream().map(r -> r.requireEnvironment).filter(e -> e != null && !e.isBlank()).findFirst()
            .orElse(null);
    // a plan without guarded tests writes only 'run' and 'end': its tests are counted from 'end'
    int unlisted = 0;
    int unlistedStarted = 0;
    for (Run run : runs.values()) {
      if (run.tests == 0) {
        unlisted += (int) run.endDiscovered;
        unlistedStarted += (int) run.endStarted;
      }
    }
    Summary summary = count(tests, discovered + unlisted, executed.size() + unlistedStarted, executed);
    OverallVerdict verdict = overall(summary, countDisabled, required != null);

    Set<String> environments = new TreeSet<>();
    runs.values().forEach(r -> {
      if (r.environment != null) {
        environments.add(r.environment);
      }
    });
    List<ServiceStatus> statuses = new ArrayList<>();
    for (Map<String, Object> event : services.values()) {
      String serviceName = text(event.get("name"));
      if (environments.size() > 1 && event.get("_environment") != null) {
        serviceName = serviceName + " (" + event.get("_environment") + ")";
      }
      statuses.add(new ServiceStatus(serviceName, text(event.get("probe")), text(event.get("endpoint")),
          text(event.get("status")), number(event.get("latencyMillis")), text(event.get("detail"))));
    }
    return new Report(Report.SCHEMA_VERSION, verdict, String.join(", ", environments), incomplete.isEmpty(),
        List.copyOf(incomplete), summary, statuses, tests, now != null ? now : Instant.now(), sources);
  }

  /** The overall verdict for these counts: the first of NO_TESTS, MASKED, FAILED, AUTHENTIC that applies. */
  static OverallVerdict overall(Summary s, boolean countDisabled, boolean environmentRequired) {
    int expected = s.guarded() - (countDisabled ? 0 : s.disabled()) - (environmentRequired ? 0 : s.otherEnvironment());
    if (expected > 0 && s.guardedExecuted() == 0) {
      return OverallVerdict.NO_TESTS;
    }
    int countedNotRun = s.notDiscovered() + s.notExecuted() + (countDisabled ? s.disabled() : 0)
        + (environmentRequired ? s.otherEnvironment() : 0);
    if (s.masked() > 0 || countedNotRun > 0) {
      return OverallVerdict.MASKED;
    }
    if (s.failed() > 0 || s.serviceDown() > 0) {
      return OverallVerdict.FAILED;
    }
    return OverallVerdict.AUTHENTIC;
  }

  private void read(Map<String, Object> event, String source) {
    String type = text(event.get("type"));
    String runId = text(event.get("run"));
    if (type == null) {
      return;
    }
    Run run = runs.computeIfAbsent(runId == null ? "(none)" : runId, id -> new Run(id, source));
    switch (type) {
      case "run" -> {
        run.started = true;
        run.environment = text(event.get("environment"));
        run.staging = Boolean.TRUE.equals(event.get("staging"));
        run.requireEnvironment = text(event.get("requireEnvironment"));
      }
      case "end" -> {
        run.ended = true;
        run.endDiscovered = number(event.get("discovered"));
        run.endStarted = number(event.get("started"));
      }
      case "service" -> {
        String key = run.environment + "\u0000" + text(event.get("name"));
        Map<String, Object> previous = services.get(key);
        if (previous == null || number(event.get("at")) >= number(previous.get("at"))) {
          Map<String, Object> copy = new HashMap<>(event);
          copy.put("_environment", run.environment);
          services.remove(key);
          services.put(key, copy);
        }
      }
      case "test", "started", "finished", "verdict" -> {
        String uniqueId = text(event.get("uniqueId"));
        if (uniqueId == null) {
          return;
        }
        Execution execution = byTest.computeIfAbsent(uniqueId, id -> new LinkedHashMap<>(2))
            .computeIfAbsent(run.id, id -> new Execution(run));
        switch (type) {
          case "test" -> {
            execution.test = keep(event, TEST_KEYS);
            run.tests++;
          }
          case "started" -> execution.started = true;
          case "finished" -> execution.finished = keep(event, FINISHED_KEYS);
          default -> execution.verdict = keep(event, VERDICT_KEYS);
        }
      }
      default -> {
        // unknown types are skipped, as the format says
      }
    }
  }

  /** The fields {@link #judge(Execution)} reads; only these are kept per test, so a large run fits in memory. */
  private static final List<String> TEST_KEYS = List.of("uniqueId", "className", "methodName", "displayName",
      "guarded", "stagingOnly", "services", "tags");
  private static final List<String> FINISHED_KEYS = List.of("status", "message", "durationMillis", "via");
  private static final List<String> VERDICT_KEYS = List.of("verdict", "evidence", "proof", "allowedMocks", "message",
      "durationMillis", "reason");

  /** A small copy of {@code event} with only {@code keys} (those present). */
  private static Map<String, Object> keep(Map<String, Object> event, List<String> keys) {
    Map<String, Object> kept = new HashMap<>(keys.size() * 2);
    for (String key : keys) {
      Object value = event.get(key);
      if (value != null) {
        kept.put(key, value);
      }
    }
    return kept;
  }

  private static TestEntry judge(Execution execution) {
    Map<String, Object> test = execution.test;
    Map<String, Object> finished = execution.finished;
    Map<String, Object> verdictEvent = execution.verdict;
    boolean guarded = Boolean.TRUE.equals(test.get("guarded")) || verdictEvent != null;
    String status = finished == null ? null : text(finished.get("status"));
    String message = finished == null ? null : text(finished.get("message"));
    long duration = finished == null ? 0 : number(finished.get("durationMillis"));
    Verdict verdict = null;
    NotRunReason reason = null;
    List<Evidence> evidence = List.of();
    String proof = null;
    List<AllowedMock> allowed = List.of();
    if (guarded && verdictEvent != null) {
      verdict = parse(Verdict.class, text(verdictEvent.get("verdict")), Verdict.FAILED);
      evidence = evidence(verdictEvent.get("evidence"));
      proof = text(verdictEvent.get("proof"));
      allowed = allowedMocks(verdictEvent.get("allowedMocks"));
      if (message == null) {
        message = text(verdictEvent.get("message"));
      }
      if (verdictEvent.get("durationMillis") != null) {
        duration = number(verdictEvent.get("durationMillis"));
      }
      if (verdict == Verdict.NOT_RUN) {
        reason = parse(NotRunReason.class, text(verdictEvent.get("reason")), NotRunReason.NOT_EXECUTED);
      }
    } else if (guarded && finished != null) {
      String via = text(finished.get("via"));
      switch (status == null ? "" : status) {
        case "SKIPPED" -> {
          verdict = Verdict.NOT_RUN;
          reason = Boolean.TRUE.equals(test.get("stagingOnly")) && !execution.run.staging
              ? NotRunReason.ENVIRONMENT : NotRunReason.DISABLED;
        }
        case "ABORTED" -> {
          verdict = Verdict.MASKED;
          String detail = "\"" + (message == null || message.isBlank() ? "aborted" : message) + "\""
              + (via == null ? "" : " (aborted with its container " + via + ")");
          evidence = List.of(new Evidence(EvidenceKind.ABORTED, detail));
        }
        case "SUCCESSFUL" -> {
          verdict = Verdict.MASKED;
          evidence = List.of(new Evidence(EvidenceKind.NOT_JUDGED,
              "the Authenticity extension did not judge this test, so nothing proves it used its real services"
                  + " (is the extension active for it?)"));
        }
        default -> verdict = Verdict.FAILED;
      }
    } else if (guarded) {
      verdict = Verdict.NOT_RUN;
      reason = NotRunReason.NOT_EXECUTED;
      message = execution.started ? "started, but never finished (did its test JVM die?)"
          : "discovered, but never started (did its test JVM die?)";
    }
    return new TestEntry(text(test.get("uniqueId")), text(test.get("className")), text(test.get("methodName")),
        text(test.get("displayName")), guarded, strings(test.get("services")), verdict, duration, reason, evidence,
        proof, strings(test.get("tags")), status, message, allowed);
  }

  /** A {@code test} event made from a unique id such as {@code [engine:x]/[class:a.B]/[method:m()]}. */
  static Map<String, Object> synthesize(String uniqueId) {
    String className = null;
    String method = null;
    String invocation = null;
    for (String segment : uniqueId.split("/")) {
      int colon = segment.indexOf(':');
      if (!segment.startsWith("[") || !segment.endsWith("]") || colon < 0) {
        continue;
      }
      String type = segment.substring(1, colon);
      String value = segment.substring(colon + 1, segment.length() - 1);
      switch (type) {
        case "class" -> className = value;
        case "nested-class" -> className = (className == null ? "" : className + "$") + value;
        case "method", "test-template", "test-factory" -> method = value.contains("(")
            ? value.substring(0, value.indexOf('(')) : value;
        default -> {
          if (type.endsWith("invocation") || type.equals("dynamic-test")) {
            invocation = value;
          }
        }
      }
    }
    String simple = className == null ? "" : className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    Map<String, Object> test = new HashMap<>();
    test.put("uniqueId", uniqueId);
    test.put("className", className);
    test.put("methodName", method);
    test.put("displayName", (simple.isEmpty() ? "" : simple + " > ") + (method == null ? uniqueId : method + "()")
        + (invocation == null ? "" : " " + invocation));
    test.put("guarded", true);
    return test;
  }

  private void addNotDiscovered(List<TestEntry> tests, boolean anyStaging) {
    if (compiled.isEmpty()) {
      return;
    }
    Set<String> known = new HashSet<>();
    for (TestEntry entry : tests) {
      known.add(key(entry.className(), entry.methodName()));
    }
    for (CompiledTest test : compiled) {
      String key = key(test.className(), test.methodName());
      if (!known.add(key) || deliberateSelection) {
        continue;
      }
      NotRunReason reason = test.stagingOnly() && !anyStaging ? NotRunReason.ENVIRONMENT : NotRunReason.NOT_DISCOVERED;
      String message = reason == NotRunReason.ENVIRONMENT
          ? "@StagingOnly, and no run was in a staging environment"
          : "compiled, but in no test plan";
      String simple = test.className().substring(test.className().lastIndexOf('.') + 1).replace('$', '.');
      tests.add(new TestEntry("compiled:" + test.className() + "#" + test.methodName(), test.className(),
          test.methodName(), simple + " > " + test.methodName() + "()", true, test.services(), Verdict.NOT_RUN, 0,
          reason, List.of(), null, List.of(), null, message));
    }
  }

  private static String key(String className, String methodName) {
    return (className == null ? "" : className.replace('$', '.')) + "#" + methodName;
  }

  private static Summary count(List<TestEntry> tests, int discovered, int executedCount, Set<String> executed) {
    int guarded = 0;
    int authentic = 0;
    int masked = 0;
    int failed = 0;
    int serviceDown = 0;
    int notRun = 0;
    int guardedExecuted = 0;
    int[] reasons = new int[NotRunReason.values().length];
    for (TestEntry entry : tests) {
      if (!entry.guarded()) {
        continue;
      }
      guarded++;
      if (executed.contains(entry.uniqueId())) {
        guardedExecuted++;
      }
      switch (entry.verdict()) {
        case AUTHENTIC -> authentic++;
        case MASKED -> masked++;
        case FAILED -> failed++;
        case SERVICE_DOWN -> serviceDown++;
        case NOT_RUN -> {
          notRun++;
          reasons[entry.reason().ordinal()]++;
        }
      }
    }
    return new Summary(discovered, executedCount, guarded, authentic, masked, failed, serviceDown, notRun,
        guardedExecuted, reasons[NotRunReason.NOT_DISCOVERED.ordinal()], reasons[NotRunReason.NOT_EXECUTED.ordinal()],
        reasons[NotRunReason.DISABLED.ordinal()], reasons[NotRunReason.ENVIRONMENT.ordinal()]);
  }

  /** Higher is worse; a test that ran anywhere outranks one that did not run. */
  private static int rank(TestEntry entry) {
    if (entry.verdict() == null) {
      return entry.status() == null ? 0 : 1;
    }
    return switch (entry.verdict()) {
      case MASKED -> 10;
      case FAILED -> 9;
      case SERVICE_DOWN -> 8;
      case AUTHENTIC -> 7;
      case NOT_RUN -> switch (entry.reason()) {
        case NOT_DISCOVERED, NOT_EXECUTED -> 6;
        case DISABLED -> 5;
        case ENVIRONMENT -> 4;
      };
    };
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String name, E fallback) {
    if (name == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException ex) {
      return fallback;
    }
  }

  static List<Evidence> evidence(Object value) {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    List<Evidence> out = new ArrayList<>(list.size());
    for (Object item : list) {
      if (item instanceof Map<?, ?> map) {
        EvidenceKind kind = parse(EvidenceKind.class, text(map.get("kind")), null);
        if (kind != null) {
          out.add(new Evidence(kind, text(map.get("detail"))));
        }
      }
    }
    return out;
  }

  static List<AllowedMock> allowedMocks(Object value) {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    List<AllowedMock> out = new ArrayList<>(list.size());
    for (Object item : list) {
      if (item instanceof Map<?, ?> map) {
        out.add(new AllowedMock(text(map.get("field")), text(map.get("type")), text(map.get("reason"))));
      }
    }
    return out;
  }

  static List<String> strings(Object value) {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object item : list) {
      if (item != null) {
        out.add(item.toString());
      }
    }
    return out;
  }

  static String text(Object value) {
    return value == null ? null : value.toString();
  }

  static long number(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException ex) {
        return 0;
      }
    }
    return 0;
  }

  private static final class Run {
    final String id;
    final String source;
    boolean started;
    boolean ended;
    boolean staging;
    String environment;
    String requireEnvironment;
    int tests;
    long endDiscovered;
    long endStarted;

    Run(String id, String source) {
      this.id = id;
      this.source = source;
    }
  }

  private static final class Execution {
    final Run run;
    Map<String, Object> test;
    Map<String, Object> finished;
    Map<String, Object> verdict;
    boolean started;

    Execution(Run run) {
      this.run = run;
    }
  }
}
