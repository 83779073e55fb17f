package io.github.authenticity.core.internal.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authenticity.core.internal.events.Event;
import io.github.authenticity.core.internal.events.Event.ContainerJudged;
import io.github.authenticity.core.internal.events.Event.RunEnded;
import io.github.authenticity.core.internal.events.Event.RunStarted;
import io.github.authenticity.core.internal.events.Event.ServiceProbed;
import io.github.authenticity.core.internal.events.Event.TestFinished;
import io.github.authenticity.core.internal.events.Event.TestJudged;
import io.github.authenticity.core.internal.events.Event.TestPlanned;
import io.github.authenticity.core.internal.events.Event.TestStarted;
import io.github.authenticity.core.internal.events.EventReader;
import io.github.authenticity.core.internal.events.EventWriter;
import io.github.authenticity.core.internal.events.EventsFormat;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.model.Verdict;

/**
 * What the events files read for one report hold, merged for {@link ReportBuilder}: each run (test plan execution)
 * with its tests' events by unique id, the latest probe of each service, and the lines no writer can have written
 * (a repeated, reordered or appended line: named, never judged) or that could not be read.
 */
final class EventRuns {

  private final Map<String, Run> runs = new LinkedHashMap<>();
  private final Map<String, Map<String, Execution>> byTest = new LinkedHashMap<>();
  private final Map<String, ServiceProbed> services = new LinkedHashMap<>();
  private final Set<String> fileProblems = new LinkedHashSet<>();
  private final List<String> sources = new ArrayList<>();
  private final Map<String, Findings> findingsBySource = new LinkedHashMap<>();

  /**
   * Streams the events file {@code file} (one test plan) in, one line at a time, so a large file is never held whole.
   *
   * @return what was found besides the events (a cut-off last line, unreadable lines)
   */
  EventReader.ReadResult read(Path file) {
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

  /**
   * Takes in the events of the events file {@code file} that its own writer kept as it appended them
   * ({@link EventWriter#written()}): the same as {@link #read(Path)} of that file, without parsing it again.
   */
  void read(Path file, List<Event> written) {
    String name = String.valueOf(file);
    sources.add(name);
    Findings findings = findingsBySource.computeIfAbsent(name, Findings::new);
    int line = 0;
    for (Event event : written) {
      read(event, name, ++line, findings);
    }
  }

  /** The runs read, in the order first seen. */
  Collection<Run> runs() {
    return runs.values();
  }

  /** Each test's executions by unique id, then by run id. */
  Map<String, Map<String, Execution>> byTest() {
    return byTest;
  }

  /** The latest probe of each service, keyed by environment and name. */
  Map<String, ServiceProbed> services() {
    return services;
  }

  /** The events files read, in order. */
  List<String> sources() {
    return sources;
  }

  /** Cut-off and unreadable lines, one reason each. */
  Set<String> fileProblems() {
    return fileProblems;
  }

  /** The lines of {@code source} that its writer cannot have written. */
  Findings findings(String source) {
    return findingsBySource.get(source);
  }

  /**
   * Adds why the report is incomplete to {@code incomplete}: the lines the writer cannot have written, then each run
   * without its {@code run} event, that never ended (or is {@code stillRunning}) or that a newer format wrote.
   */
  void addIncompleteReasons(Set<String> incomplete, Set<String> stillRunning) {
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
  }

  /** Merges one event of line {@code line} of {@code source} into its run, or names it in {@code findings}. */
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

  private Execution execution(String uniqueId, Run run) {
    return byTest.computeIfAbsent(uniqueId, id -> new LinkedHashMap<>(2)).computeIfAbsent(run.id,
        id -> new Execution(run));
  }

  /**
   * Lines of one events file that its writer cannot have written (a repeated, reordered or appended line): each
   * is named, at most {@value #MAX_NAMED} a file, and makes the report incomplete; none of them is judged.
   */
  static final class Findings {
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

  /** One run (test plan execution) as its events say. */
  static final class Run {
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

  /** One test in one run: its events. */
  static final class Execution {
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
