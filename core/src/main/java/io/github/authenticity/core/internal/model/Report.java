package io.github.authenticity.core.internal.model;

import java.time.Instant;
import java.util.List;

import org.apiguardian.api.API;

/**
 * The authenticity report: what a run (any number of test JVMs, modules or CI shards) did with its
 * guarded tests. Built by {@code ReportBuilder}, written by {@code ReportWriter}, read back by
 * {@code ReportJson#read(Path)}.
 *
 * @param schemaVersion     the JSON schema version, {@value #SCHEMA_VERSION}
 * @param verdict           the overall verdict
 * @param environment       the active environment (several joined with {@code ", "} when shards differ)
 * @param complete          {@code false} when an events file was cut off, a line was unreadable, or a run never ended
 * @param incompleteReasons one line per reason the report is incomplete
 * @param summary           the counts
 * @param services          the preflight outcome of each service (the latest per name and environment)
 * @param tests             every test, guarded or not, and the guarded tests compiled but never discovered
 * @param generatedAt       when the report was built
 * @param sources           the events files merged
 * @param unmatchedSelection a test selection ({@code -Dtest=...}) that matched no test at all, or {@code null}
 * @param skipRules         the declared allowed skips ({@code detection.allowedSkips}) and what each allowed
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Report(int schemaVersion, OverallVerdict verdict, String environment, boolean complete,
    List<String> incompleteReasons, Summary summary, List<ServiceStatus> services, List<TestEntry> tests,
    Instant generatedAt, List<String> sources, String unmatchedSelection, List<SkipRuleUse> skipRules) {

  /** The schema version this code writes. */
  public static final int SCHEMA_VERSION = 1;

  /** Copies the lists (null becomes empty). */
  public Report {
    incompleteReasons = incompleteReasons == null ? List.of() : List.copyOf(incompleteReasons);
    services = services == null ? List.of() : List.copyOf(services);
    tests = tests == null ? List.of() : List.copyOf(tests);
    sources = sources == null ? List.of() : List.copyOf(sources);
    skipRules = skipRules == null ? List.of() : List.copyOf(skipRules);
  }

  /** The declared allowed skips that allowed nothing in this run. */
  public List<SkipRuleUse> staleSkipRules() {
    return skipRules.stream().filter(SkipRuleUse::stale).toList();
  }

  /** The guarded tests, in report order. */
  public List<TestEntry> guardedTests() {
    return tests.stream().filter(TestEntry::guarded).toList();
  }
}
