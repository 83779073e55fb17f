package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.github.authenticity.core.cli.AuthenticityCheck;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import io.github.authenticity.core.internal.report.ReportJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Maven-free check over real listener output: each shard is a separate build (a new JVM in its own project
 * folder, as a CI machine of a matrix runs it), its results folder then given to {@link AuthenticityCheck}.
 */
class AuthenticityCheckTests {

  @TempDir
  static Path ci;

  private static HttpServer backend;
  private static Path green;
  private static Path red;
  private static Path crashed;

  @BeforeAll
  static void runTheShards() throws Exception {
    backend = SeparateBuild.backend();
    green = ci.resolve("shard-green");
    red = ci.resolve("shard-red");
    crashed = ci.resolve("shard-crashed");
    assertThat(SeparateBuild.run(green, GreenTestCase.class, backend)).isZero();
    assertThat(SeparateBuild.run(red, RedTestCase.class, backend)).isZero();
    assertThat(SeparateBuild.run(crashed, CrashTestCase.class, backend)).as("the JVM halted mid-run").isEqualTo(3);
  }

  @AfterAll
  static void stopBackend() {
    backend.stop(0);
  }

  private record Outcome(int status, List<String> lines, String errors) {
  }

  private static Outcome check(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = AuthenticityCheck.run(args, new Properties(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(status, out.toString(StandardCharsets.UTF_8).lines().toList(),
        err.toString(StandardCharsets.UTF_8));
  }

  private static String results(Path project) {
    return project.resolve("target/authenticity").toString();
  }

  @Test
  void oneGreenBuildPassesAndWritesTheFourReportFiles() throws Exception {
    Path reports = ci.resolve("reports-green");
    Outcome outcome = check("-Dauthenticity.reportsDirectory=" + reports, results(green));

    assertThat(outcome.status()).isZero();
    assertThat(outcome.lines()).containsExactly(
        "[authenticity] shard [authenticity]: 1 events file in [" + results(green) + "]",
        "[authenticity] 2 guarded tests: 2 authentic",
        "[authenticity] report: " + reports.resolve("authenticity-report.html"),
        "[authenticity] Authenticity check passed: 2 guarded tests, 2 authentic. See " + reports
            + " for the authenticity report.");
    try (var files = Files.list(reports)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("authenticity-report.json",
          "authenticity-report.html", "authenticity-report.md", "TEST-authenticity.xml");
    }
    Report report = ReportJson.read(reports.resolve("authenticity-report.json"));
    assertThat(report.complete()).isTrue();
    assertThat(report.guardedTests()).extracting(TestEntry::shortName, TestEntry::verdict).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("AuthenticityCheckTests.GreenTestCase.placesOrder", Verdict.AUTHENTIC),
        org.assertj.core.groups.Tuple.tuple("AuthenticityCheckTests.GreenTestCase.cancelsOrder", Verdict.AUTHENTIC));
  }

  @Test
  void aFolderGivenAsASymbolicLinkIsFollowed() throws Exception {
    Path link = Files.createSymbolicLink(ci.resolve("green-link"), Path.of(results(green)));
    Path reports = ci.resolve("reports-link");
    Outcome outcome = check("-Dauthenticity.reportsDirectory=" + reports, link.toString());

    assertThat(outcome.status()).isZero();
    assertThat(outcome.lines()).startsWith("[authenticity] shard [green-link]: 1 events file in [" + link + "]",
        "[authenticity] 2 guarded tests: 2 authentic");
  }

  @Test
  void shardsMergeIntoOneReportAndAMaskedShardFailsTheCheck() throws Exception {
    Path reports = ci.resolve("reports-merged");
    Outcome outcome = check("-Dauthenticity.reportsDirectory=" + reports, "linux-1=" + results(green),
        "linux-2=" + results(red));

    assertThat(outcome.status()).isEqualTo(AuthenticityCheck.FAILED);
    assertThat(outcome.lines()).containsExactly(
        "[authenticity] shard [linux-1]: 1 events file in [" + results(green) + "]",
        "[authenticity] shard [linux-2]: 1 events file in [" + results(red) + "]",
        "[authenticity] 4 guarded tests: 3 authentic, 1 MASKED",
        "[authenticity] MASKED AuthenticityCheckTests.RedTestCase.fallsBack: FALLBACK_LOG System.out: \"WARN Using"
            + " MockBackend due to connection failure\"",
        "[authenticity] report: " + reports.resolve("authenticity-report.html"),
        "[authenticity] ERROR MASKED AuthenticityCheckTests.RedTestCase.fallsBack: FALLBACK_LOG System.out: \"WARN"
            + " Using MockBackend due to connection failure\"",
        "[authenticity] Authenticity check failed: 1 MASKED guarded test. See " + reports + " for the authenticity"
            + " report. (Set -Dauthenticity.failOnMasked=false to ignore this.)");
    Report report = ReportJson.read(reports.resolve("authenticity-report.json"));
    assertThat(report.summary().guarded()).isEqualTo(4);
    assertThat(report.summary().masked()).isEqualTo(1);
    assertThat(report.sources()).hasSize(2);

    // the opt-out the message names works as an argument, as the plugin's user property does
    assertThat(check("-Dauthenticity.reportsDirectory=" + reports, "-Dauthenticity.failOnMasked=false",
        "linux-1=" + results(green), "linux-2=" + results(red)).status()).isZero();
  }

  @Test
  void aMissingAndACrashedShardAreNamedAndMakeTheReportIncomplete() throws Exception {
    Path reports = ci.resolve("reports-broken");
    Path missing = ci.resolve("shard-never-uploaded/target/authenticity");
    Path empty = Files.createDirectories(ci.resolve("shard-empty"));
    Outcome outcome = check("-Dauthenticity.reportsDirectory=" + reports, "linux-1=" + results(green),
        "linux-3=" + results(crashed), "linux-4=" + missing, "linux-5=" + empty);

    assertThat(outcome.status()).isEqualTo(AuthenticityCheck.FAILED);
    List<String> lines = outcome.lines();
    assertThat(lines.get(0)).isEqualTo("[authenticity] shard [linux-1]: 1 events file in [" + results(green) + "]");
    assertThat(lines.get(1)).startsWith("[authenticity] shard [linux-3]: INCOMPLETE: Run [")
        .endsWith("] never ended: its test JVM stopped before the test plan finished.")
        .contains(results(crashed));
    assertThat(lines.get(2)).isEqualTo("[authenticity] shard [linux-4]: MISSING: there is no folder [" + missing
        + "]; did its job run and upload its test results?");
    assertThat(lines.get(3)).isEqualTo("[authenticity] shard [linux-5]: MISSING: no events files (events-*.jsonl) in ["
        + empty + "]: its tests never ran, or the authenticity extension was not on their class path");
    assertThat(lines).contains("[authenticity] ERROR INCOMPLETE: Shard [linux-4] MISSING: there is no folder ["
        + missing + "]; did its job run and upload its test results?");
    // the crashed shard's second test started and never finished
    assertThat(lines).contains("[authenticity] ERROR NOT_EXECUTED AuthenticityCheckTests.CrashTestCase.b: started, but"
        + " never finished (did its test JVM die?)");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("[authenticity] Authenticity check failed: 1 NOT_EXECUTED"
        + " guarded test; the report is incomplete (3 reasons above). See " + reports + " for the authenticity"
        + " report. (Set -Dauthenticity.failOnNotRun=false and -Dauthenticity.failOnIncomplete=false to ignore"
        + " this.)");

    Report report = ReportJson.read(reports.resolve("authenticity-report.json"));
    assertThat(report.complete()).isFalse();
    assertThat(report.incompleteReasons()).hasSize(3);
    assertThat(report.incompleteReasons().get(0)).startsWith("Shard [linux-4] MISSING");
    assertThat(report.incompleteReasons().get(1)).startsWith("Shard [linux-5] MISSING");
    // what the crashed shard ran before it died is in the report
    assertThat(report.guardedTests()).extracting(TestEntry::shortName)
        .contains("AuthenticityCheckTests.CrashTestCase.a");

    Outcome tolerated = check("-Dauthenticity.reportsDirectory=" + reports, "-Dauthenticity.failOnIncomplete=false",
        "linux-1=" + results(green), "linux-4=" + missing);
    assertThat(tolerated.status()).isZero();
  }

  @Test
  void badArgumentsAndUnwritableReportsExitWithTwo() throws Exception {
    Outcome none = check();
    assertThat(none.status()).isEqualTo(AuthenticityCheck.ERROR);
    assertThat(none.errors()).startsWith("[authenticity] No results folder given: name at least one folder with the"
        + " events files (the listener's authenticity.outputDirectory, e.g. build/authenticity or"
        + " target/authenticity)\nUsage: java -jar authenticity-junit-extension.jar");

    Outcome typo = check("-Dauthenticity.failOnMask=false", results(green));
    assertThat(typo.status()).isEqualTo(AuthenticityCheck.ERROR);
    assertThat(typo.errors()).startsWith("[authenticity] Unknown parameter [authenticity.failOnMask]; known: ["
        + "authenticity.reportsDirectory, authenticity.failOnMasked,");

    assertThat(check("-Dauthenticity.minExecuted=some", results(green)).errors())
        .startsWith("[authenticity] authenticity.minExecuted must be a whole number, but was [some]\n");
    assertThat(check("a=" + results(green), "a=" + results(red)).errors()).startsWith(
        "[authenticity] Two results folders are named [a] (" + results(green) + " and " + results(red) + "): name"
            + " each shard, e.g. linux-1=" + results(red) + "\n");

    Path eventsFile;
    try (var files = Files.list(Path.of(results(green)))) {
      eventsFile = files.filter(f -> f.getFileName().toString().startsWith("events-")).findFirst().orElseThrow();
    }
    Outcome fileAsFolder = check(eventsFile.toString());
    assertThat(fileAsFolder.status()).isEqualTo(AuthenticityCheck.ERROR);
    assertThat(fileAsFolder.errors()).startsWith("[authenticity] The results folder [" + eventsFile + "] is a file,"
        + " not a folder: name the folder that holds the events files (e.g. target/authenticity)\nUsage: ");

    Path blocker = Files.writeString(ci.resolve("blocker"), "x");
    Outcome unwritable = check("-Dauthenticity.reportsDirectory=" + blocker.resolve("reports"), results(green));
    assertThat(unwritable.status()).isEqualTo(AuthenticityCheck.ERROR);
    assertThat(unwritable.errors()).startsWith("[authenticity] ERROR Cannot create the report directory ["
        + blocker.resolve("reports") + "]: ");
  }

  @Test
  void theMainClassExitsWithTheStatusInItsOwnJvm() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dauthenticity.reportsDirectory=" + ci.resolve("reports-main"),
        AuthenticityCheck.class.getName(), results(red)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(1);
    assertThat(output).contains("[authenticity] Authenticity check failed: 1 MASKED guarded test. See "
        + ci.resolve("reports-main") + " for the authenticity report.");
  }

  /** The green shard's suite. */
  @RequiresRealService("backend")
  static class GreenTestCase {
    @Test
    void placesOrder() throws Exception {
      SeparateBuild.callBackend();
    }

    @Test
    void cancelsOrder() throws Exception {
      SeparateBuild.callBackend();
    }
  }

  /** The red shard's suite: one test falls back to a mock and says so. */
  @RequiresRealService("backend")
  static class RedTestCase {
    @Test
    void refunds() throws Exception {
      SeparateBuild.callBackend();
    }

    @Test
    void fallsBack() throws Exception {
      SeparateBuild.callBackend();
      System.out.println("WARN Using MockBackend due to connection failure");
    }
  }

  /** A shard whose test JVM dies in its second test. */
  @RequiresRealService("backend")
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class CrashTestCase {
    @Test
    void a() throws Exception {
      SeparateBuild.callBackend();
    }

    @Test
    void b() {
      Runtime.getRuntime().halt(3);
    }
  }
}
