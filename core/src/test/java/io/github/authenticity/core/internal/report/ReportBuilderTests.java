package io.github.authenticity.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.authenticity.core.internal.events.Event;
import io.github.authenticity.core.internal.events.EventReader;
import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.CompiledTest;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.OverallVerdict;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.ServiceStatus;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTests {

  @TempDir
  Path dir;

  private static TestEntry entry(Report report, String uid) {
    return report.tests().stream().filter(t -> t.uniqueId().equals(uid)).findFirst().orElseThrow();
  }

  private Report build(Events events) {
    return new ReportBuilder().addEventFile(events.read()).build();
  }

  @Test
  void takesTheVerdictEventOfTheExtension() {
    try (Events events = Events.create(dir, "local", false)) {
      String authentic = events.ran("com.example.OrderE2E", "placesOrder", "AUTHENTIC");
      String masked = events.ran("com.example.AgentE2E", "agentRuns", "MASKED", "FALLBACK_LOG",
          "\"Using MockWebSocketManager due to connection failure\"", "NO_INTERACTION", "no bytes with 127.0.0.1:18080");
      events.end();
      Report report = build(events);

      assertThat(entry(report, authentic).verdict()).isEqualTo(Verdict.AUTHENTIC);
      assertThat(entry(report, authentic).proof()).isEqualTo("3 exchanges, 2.1 KB with 127.0.0.1:18080");
      TestEntry m = entry(report, masked);
      assertThat(m.verdict()).isEqualTo(Verdict.MASKED);
      assertThat(m.evidence()).containsExactly(
          new Evidence(EvidenceKind.FALLBACK_LOG, "\"Using MockWebSocketManager due to connection failure\""),
          new Evidence(EvidenceKind.NO_INTERACTION, "no bytes with 127.0.0.1:18080"));
      assertThat(m.status()).isEqualTo("FAILED");
      assertThat(m.durationMillis()).isEqualTo(1200);
      assertThat(report.complete()).isTrue();
      assertThat(report.environment()).isEqualTo("local");
      assertThat(report.verdict()).isEqualTo(OverallVerdict.MASKED);
    }
  }

  @Test
  void judgesFromTheOutcomeWhenTheExtensionWroteNoVerdict() {
    try (Events events = Events.create(dir, "local", false)) {
      String skipped = events.test("a.SkipE2E", "skipped", true, "backend");
      events.disabled(skipped, "@Disabled: flaky");
      String staging = events.test("a.StagingE2E", "onlyOnStaging", true, true, "backend");
      events.finished(staging, "SKIPPED", 0, "not staging");
      String aborted = events.test("a.AbortE2E", "aborted", true, "backend");
      events.started(aborted).finished(aborted, "ABORTED", 3, "Assumption failed: backend not reachable");
      String viaContainer = events.test("a.AbortE2E", "underAbortedClass", true, "backend");
      events.append("finished", "uniqueId", viaContainer, "status", "ABORTED", "durationMillis", 0, "message",
          "Assumption failed: no Docker", "via", "[engine:junit-jupiter]/[class:a.AbortE2E]");
      String failed = events.test("a.FailE2E", "fails", true, "backend");
      events.started(failed).finished(failed, "FAILED", 40, "expected: <1> but was: <2>");
      String unjudged = events.test("a.PassE2E", "passesUnjudged", true, "backend");
      events.started(unjudged).finished(unjudged, "SUCCESSFUL", 40, null);
      String neverStarted = events.test("a.DeadE2E", "neverStarted", true, "backend");
      String neverFinished = events.test("a.DeadE2E", "neverFinished", true, "backend");
      events.started(neverFinished);
      String unguarded = events.test("a.UnitTest", "plain", false);
      events.started(unguarded).finished(unguarded, "SUCCESSFUL", 1, null);
      events.end();
      Report report = build(events);

      assertThat(entry(report, skipped)).extracting(TestEntry::verdict, TestEntry::reason, TestEntry::message)
          .containsExactly(Verdict.NOT_RUN, NotRunReason.DISABLED, "@Disabled: flaky");
      assertThat(entry(report, staging)).extracting(TestEntry::verdict, TestEntry::reason)
          .containsExactly(Verdict.NOT_RUN, NotRunReason.ENVIRONMENT);
      assertThat(entry(report, aborted).verdict()).isEqualTo(Verdict.MASKED);
      assertThat(entry(report, aborted).evidence()).containsExactly(
          new Evidence(EvidenceKind.ABORTED, "an assumption aborted the test, and a skip is not a pass: Assumption failed: backend not reachable"));
      assertThat(entry(report, viaContainer).evidence()).containsExactly(new Evidence(EvidenceKind.ABORTED,
          "an assumption aborted the test with its container [a.AbortE2E], and a skip is not a pass:"
              + " Assumption failed: no Docker"));
      assertThat(entry(report, failed)).extracting(TestEntry::verdict, TestEntry::message)
          .containsExactly(Verdict.FAILED, "expected: <1> but was: <2>");
      assertThat(entry(report, unjudged).verdict()).isEqualTo(Verdict.MASKED);
      assertThat(entry(report, unjudged).evidence()).extracting(Evidence::kind).containsExactly(EvidenceKind.NOT_JUDGED);
      assertThat(entry(report, neverStarted)).extracting(TestEntry::verdict, TestEntry::reason, TestEntry::message)
          .containsExactly(Verdict.NOT_RUN, NotRunReason.NOT_EXECUTED, "discovered, but never started (did its test JVM die?)");
      assertThat(entry(report, neverFinished)).extracting(TestEntry::verdict, TestEntry::reason, TestEntry::message)
          .containsExactly(Verdict.NOT_RUN, NotRunReason.NOT_EXECUTED, "started, but never finished (did its test JVM die?)");
      assertThat(entry(report, unguarded)).extracting(TestEntry::guarded, TestEntry::verdict, TestEntry::status)
          .containsExactly(false, null, "SUCCESSFUL");

      assertThat(report.summary()).isEqualTo(new Summary(9, 5, 8, 0, 3, 1, 0, 4, 0, 4, 0, 2, 1, 1, 0, 0));
    }
  }

  @Test
  void aVerdictEventSayingEnvironmentWinsOverDisabled() {
    try (Events events = Events.create(dir, "staging", true)) {
      String uid = events.test("a.StagingE2E", "t", true, "backend");
      events.append("verdict", "uniqueId", uid, "verdict", "NOT_RUN", "reason", "ENVIRONMENT", "evidence", List.of());
      events.finished(uid, "SKIPPED", 0, "required environment [prod]");
      events.end();
      assertThat(build(events).tests().get(0)).extracting(TestEntry::verdict, TestEntry::reason, TestEntry::message)
          .containsExactly(Verdict.NOT_RUN, NotRunReason.ENVIRONMENT, "required environment [prod]");
    }
  }

  @Test
  void takesTheMessageOfTheVerdictWhenTheOutcomeHasNone() {
    try (Events events = Events.create(dir, "local", false)) {
      String uid = events.test("a.OrderE2E", "t", true, "backend");
      events.started(uid);
      events.append("verdict", "uniqueId", uid, "verdict", "MASKED", "evidence", List.of(Map.of("kind", "TOO_FAST",
          "detail", "ran 3 ms")), "message", "masked (report mode): ran 3 ms", "warnings", List.of("w"));
      events.finished(uid, "SUCCESSFUL", 3, null);
      events.end();
      assertThat(build(events).tests().get(0)).extracting(TestEntry::verdict, TestEntry::status, TestEntry::message)
          .containsExactly(Verdict.MASKED, "SUCCESSFUL", "masked (report mode): ran 3 ms");
    }
  }

  @Test
  void compiledGuardedTestsInNoPlanAreNotDiscovered() {
    Report report;
    try (Events events = Events.create(dir, "local", false)) {
      events.ran("com.example.OrderE2E", "placesOrder", "AUTHENTIC");
      events.end();
      List<CompiledTest> compiled = List.of(
          new CompiledTest("com.example.OrderE2E", "placesOrder", List.of("backend"), false),
          new CompiledTest("com.example.OrderE2ETestCase", "cancels", List.of("backend", "redis"), false),
          new CompiledTest("com.example.Outer$StagingOnlyE2E", "deploys", List.of("backend"), true));
      report = new ReportBuilder().addEventFile(events.read()).addCompiledTests(compiled).build();

      assertThat(report.tests()).extracting(TestEntry::uniqueId, TestEntry::verdict, TestEntry::reason).containsExactly(
          org.assertj.core.groups.Tuple.tuple(Events.uid("com.example.OrderE2E", "placesOrder"), Verdict.AUTHENTIC, null),
          org.assertj.core.groups.Tuple.tuple("compiled:com.example.OrderE2ETestCase#cancels", Verdict.NOT_RUN,
              NotRunReason.NOT_DISCOVERED),
          org.assertj.core.groups.Tuple.tuple("compiled:com.example.Outer$StagingOnlyE2E#deploys", Verdict.NOT_RUN,
              NotRunReason.ENVIRONMENT));
      assertThat(report.tests().get(1).displayName()).isEqualTo("OrderE2ETestCase > cancels()");
      assertThat(report.tests().get(1).services()).containsExactly("backend", "redis");
      assertThat(report.summary().discovered()).isEqualTo(1);
      assertThat(report.summary().notDiscovered()).isEqualTo(1);
      assertThat(report.verdict()).isEqualTo(OverallVerdict.MASKED);

      Report deliberate = new ReportBuilder().addEventFile(events.read()).addCompiledTests(compiled)
          .deliberateSelection(true).build();
      assertThat(deliberate.tests()).hasSize(1);
      assertThat(deliberate.verdict()).isEqualTo(OverallVerdict.AUTHENTIC);
    }
  }

  @Test
  void zeroDiscoveryWithCompiledGuardedTestsIsNoTests() {
    Report report = new ReportBuilder()
        .addCompiledTests(List.of(new CompiledTest("a.OrderE2E", "placesOrder", List.of("backend"), false),
            new CompiledTest("a.OrderE2E", "cancels", List.of("backend"), false)))
        .build();
    assertThat(report.verdict()).isEqualTo(OverallVerdict.NO_TESTS);
    assertThat(report.summary()).isEqualTo(new Summary(0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 2, 0, 0, 0, 0, 0));
    assertThat(report.complete()).isTrue();
  }

  @Test
  void aCutOffFileAndARunWithoutEndMakeTheReportIncomplete() throws IOException {
    Path file;
    String uid;
    try (Events events = Events.create(dir, "local", false)) {
      uid = events.ran("a.OrderE2E", "placesOrder", "AUTHENTIC");
      file = events.file();
    }
    Files.writeString(file, "{\"type\":\"started\",\"run\":\"x\",\"uniq", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Path read = file;
    Report report = new ReportBuilder().addEventFile(read).build();

    assertThat(report.complete()).isFalse();
    String name = file.toString();
    String run = EventReader.readAll(file).get(0).run();
    assertThat(report.incompleteReasons()).containsExactly(
        "Events file [" + name + "] ends in a cut-off line: its test JVM died while writing.",
        "Run [" + run + "] in [" + name + "] never ended: its test JVM stopped before the test plan finished.");
    assertThat(entry(report, uid).verdict()).isEqualTo(Verdict.AUTHENTIC);
  }

  @Test
  void anUnreadableLineMakesTheReportIncomplete() throws IOException {
    Path file;
    try (Events events = Events.create(dir, "local", false)) {
      events.ran("a.OrderE2E", "placesOrder", "AUTHENTIC");
      file = events.file();
      Files.writeString(file, "{not json}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      events.end();
    }
    Report report = new ReportBuilder().addEventFile(file).build();
    assertThat(report.complete()).isFalse();
    assertThat(report.incompleteReasons()).singleElement().asString()
        .isEqualTo("Unreadable event in [" + file + "]: " + file.getFileName() + ":6: not JSON (Unexpected character ('n'"
            + " (code 110)): was expecting double-quote to start field name); skipped");
  }

  @Test
  void streamingAFileGivesTheSameReportAsReadingItWhole() throws IOException {
    Path file;
    try (Events events = Events.create(dir, "local", false)) {
      events.service("backend", "UP", 12, "200 OK");
      for (int i = 0; i < 3_000; i++) {
        // every kind of outcome, and lines long enough to cross the reader's buffer boundaries
        String cls = "a.Feature" + (i / 50) + "E2E";
        switch (i % 6) {
          case 0 -> events.ran(cls, "masked" + i, "MASKED", "FALLBACK_LOG", "\"Using mock " + "x".repeat(i % 500) + "\"");
          case 1 -> events.test(cls, "notRun" + i, true, "backend");
          case 2 -> {
            String uid = events.test(cls, "failed" + i, true, "backend");
            events.started(uid).finished(uid, "FAILED", 3, "boom \u00e9\u4e2d " + i);
          }
          case 3 -> events.test(cls, "unguarded" + i, false);
          default -> events.ran(cls, "passes" + i, "AUTHENTIC");
        }
      }
      events.end();
      file = events.file();
    }
    assertThat(Files.size(file)).as("bytes").isGreaterThan(1_000_000);
    Instant at = Instant.parse("2026-11-22T06:00:00Z");

    Report whole = new ReportBuilder().addEventFile(file).generatedAt(at).build();
    ReportBuilder streaming = new ReportBuilder();
    EventReader.ReadResult summary = streaming.readEventFile(file);
    Report streamed = streaming.generatedAt(at).build();

    assertThat(summary.truncated()).isFalse();
    assertThat(summary.problems()).isEmpty();
    assertThat(streamed.tests()).hasSize(3_000);
    assertThat(streamed).isEqualTo(whole);
    assertThat(ReportJson.write(streamed)).isEqualTo(ReportJson.write(whole));
  }

  @Test
  void streamingACutOffFileWithAnUnreadableLineReportsBothAsReadingItWhole() throws IOException {
    Path file;
    String uid;
    try (Events events = Events.create(dir, "local", false)) {
      uid = events.ran("a.OrderE2E", "placesOrder", "AUTHENTIC");
      file = events.file();
      Files.writeString(file, "{not json}\n\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
    Files.writeString(file, "{\"type\":\"started\",\"run\":\"x\",\"uniq", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Path read = file;
    ReportBuilder streaming = new ReportBuilder();
    EventReader.ReadResult summary = streaming.readEventFile(file);
    Report report = streaming.build();

    assertThat(summary).isEqualTo(EventReader.read(file, event -> { }));
    assertThat(summary.problems()).containsExactly(
        file.getFileName() + ":6: not JSON (Unexpected character ('n' (code 110)): was expecting double-quote to start"
            + " field name); skipped");
    String name = file.toString();
    String run = EventReader.readAll(file).get(0).run();
    assertThat(report.incompleteReasons()).containsExactly(
        "Events file [" + name + "] ends in a cut-off line: its test JVM died while writing.",
        "Unreadable event in [" + name + "]: " + summary.problems().get(0),
        "Run [" + run + "] in [" + name + "] never ended: its test JVM stopped before the test plan finished.");
    assertThat(report.incompleteReasons()).isEqualTo(new ReportBuilder().addEventFile(read).build().incompleteReasons());
    assertThat(entry(report, uid).verdict()).isEqualTo(Verdict.AUTHENTIC);
  }

  @Test
  void onlyTextAfterTheLastNewlineMarksAFileCutOff() throws IOException {
    Path empty = Files.writeString(dir.resolve("events-empty.jsonl"), "");
    Path whole = Files.writeString(dir.resolve("events-whole.jsonl"), "{\"type\":\"end\"}\r\n");
    Path blankTail = Files.writeString(dir.resolve("events-blank.jsonl"), "{\"type\":\"end\"}\n  ");
    List<Event> events = new java.util.ArrayList<>();

    assertThat(EventReader.read(empty, events::add).truncated()).isFalse();
    assertThat(EventReader.read(whole, events::add).truncated()).isFalse();
    assertThat(EventReader.read(blankTail, events::add).truncated()).isTrue();
    assertThat(events).hasSize(2).allMatch(Event.RunEnded.class::isInstance);
  }

  @Test
  void mergesSeveralFilesAndKeepsTheWorstExecutionOfATestSeenInSeveralRuns() {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    String shared = Events.uid("a.OrderE2E", "placesOrder");
    String onlyA;
    String onlyB;
    Path fileA;
    Path fileB;
    try (Events first = Events.create(a, "local", false); Events second = Events.create(b, "local", false)) {
      first.service("backend", "UP", 12, "200 OK");
      first.ran("a.OrderE2E", "placesOrder", "AUTHENTIC");
      onlyA = first.ran("a.CartE2E", "adds", "AUTHENTIC");
      first.end();
      second.service("backend", "DOWN", 2000, "timed out after 2000 ms");
      second.ran("a.OrderE2E", "placesOrder", "MASKED", "FALLBACK_LOG", "\"Using mock backend\"");
      String notRun = second.test("a.CartE2E", "adds", true, "backend");
      onlyB = second.ran("a.PayE2E", "pays", "SERVICE_DOWN");
      second.end();
      assertThat(notRun).isEqualTo(onlyA);
      fileA = first.read();
      fileB = second.read();
    }
    Report report = new ReportBuilder().addEventFile(fileA).addEventFile(fileB).build();

    assertThat(report.tests()).extracting(TestEntry::uniqueId).containsExactly(shared, onlyA, onlyB);
    assertThat(entry(report, shared).verdict()).isEqualTo(Verdict.MASKED);
    assertThat(entry(report, onlyA).verdict()).as("ran in one run, never started in the other")
        .isEqualTo(Verdict.AUTHENTIC);
    assertThat(entry(report, onlyB).verdict()).isEqualTo(Verdict.SERVICE_DOWN);
    assertThat(report.services()).containsExactly(new ServiceStatus("backend", "http", "http://127.0.0.1:18080/health",
        "DOWN", 2000, "timed out after 2000 ms"));
    assertThat(report.sources()).containsExactly(fileA.toString(), fileB.toString());
    assertThat(report.summary().executed()).isEqualTo(3);
    assertThat(report.verdict()).isEqualTo(OverallVerdict.MASKED);
  }

  @Test
  void servicesOfSeveralEnvironmentsAreNamedWithTheirEnvironment() {
    try (Events local = Events.create(dir, "local", false); Events staging = Events.create(dir, "staging", true)) {
      local.service("backend", "UP", 3, "200 OK").end();
      staging.service("backend", "DOWN", 5, "connection refused").end();
      Report report = new ReportBuilder().addEventFile(local.read()).addEventFile(staging.read()).build();
      assertThat(report.environment()).isEqualTo("local, staging");
      assertThat(report.services()).extracting(ServiceStatus::name, ServiceStatus::status)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("backend (local)", "UP"),
              org.assertj.core.groups.Tuple.tuple("backend (staging)", "DOWN"));
    }
  }

  @Test
  void overallVerdictIsTheFirstThatApplies() {
    // discovered, executed, guarded, authentic, masked, failed, serviceDown, notRun, unproven, guardedExecuted,
    // notDiscovered, notExecuted, disabled, otherEnvironment, condition
    Summary noTests = new Summary(3, 0, 3, 0, 0, 0, 0, 3, 0, 0, 3, 0, 0, 0, 0, 0);
    Summary masked = new Summary(3, 3, 3, 1, 1, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0);
    Summary notRun = new Summary(3, 2, 3, 2, 0, 0, 0, 1, 0, 2, 0, 1, 0, 0, 0, 0);
    Summary failed = new Summary(3, 3, 3, 1, 0, 1, 1, 0, 0, 3, 0, 0, 0, 0, 0, 0);
    Summary disabled = new Summary(3, 2, 3, 2, 0, 0, 0, 1, 0, 2, 0, 0, 1, 0, 0, 0);
    Summary allStaging = new Summary(2, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0);
    Summary none = new Summary(5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    // every guarded test stopped at once by a DOWN service: started and failed, not a discovery problem
    Summary deadEnvironment = new Summary(4, 0, 4, 0, 0, 0, 4, 0, 0, 4, 0, 0, 0, 0, 0, 0);
    Summary allConditions = new Summary(2, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 2, 0);
    Summary someConditions = new Summary(3, 1, 3, 1, 0, 0, 0, 2, 0, 1, 0, 0, 0, 0, 2, 0);

    assertThat(Judge.overall(noTests, CheckSettings.defaults().with(false, false))).isEqualTo(OverallVerdict.NO_TESTS);
    assertThat(Judge.overall(masked, CheckSettings.defaults().with(false, false))).isEqualTo(OverallVerdict.MASKED);
    assertThat(Judge.overall(notRun, CheckSettings.defaults().with(false, false))).isEqualTo(OverallVerdict.MASKED);
    assertThat(Judge.overall(failed, CheckSettings.defaults().with(false, false))).isEqualTo(OverallVerdict.FAILED);
    assertThat(Judge.overall(disabled, CheckSettings.defaults().with(false, false))).isEqualTo(OverallVerdict.AUTHENTIC);
    assertThat(Judge.overall(disabled, CheckSettings.defaults().with(true, false))).isEqualTo(OverallVerdict.MASKED);
    assertThat(Judge.overall(allStaging, CheckSettings.defaults().with(false, false))).isEqualTo(OverallVerdict.AUTHENTIC);
    assertThat(Judge.overall(allStaging, CheckSettings.defaults().with(false, true))).isEqualTo(OverallVerdict.NO_TESTS);
    assertThat(Judge.overall(none, CheckSettings.defaults().with(false, false))).isEqualTo(OverallVerdict.AUTHENTIC);
    assertThat(Judge.overall(deadEnvironment, CheckSettings.defaults())).isEqualTo(OverallVerdict.FAILED);
    assertThat(Judge.overall(allConditions, CheckSettings.defaults())).isEqualTo(OverallVerdict.NO_TESTS);
    assertThat(Judge.overall(someConditions, CheckSettings.defaults())).isEqualTo(OverallVerdict.MASKED);
  }

  @Test
  void requireEnvironmentIsTakenFromTheRunWhenNotGiven() {
    try (Events events = Events.create(dir.resolve("r"), "local", false)) {
      events.ran("a.OrderE2E", "placesOrder", "AUTHENTIC");
      String staging = events.test("a.StagingE2E", "deploys", true, true, "backend");
      events.finished(staging, "SKIPPED", 0, "not staging");
      events.end();
      assertThat(new ReportBuilder().addEventFile(events.read()).build().verdict()).isEqualTo(OverallVerdict.AUTHENTIC);
      assertThat(new ReportBuilder().addEventFile(events.read()).requireEnvironment("staging").build().verdict())
          .isEqualTo(OverallVerdict.MASKED);
    }
    try (Events events = Events.withRun(dir.resolve("s"), "local", "staging", false, "requireEnvironment", "staging")) {
      String staging = events.test("a.StagingE2E", "deploys", true, true, "backend");
      events.finished(staging, "SKIPPED", 0, "not staging");
      events.ran("a.OrderE2E", "placesOrder", "AUTHENTIC");
      events.end();
      assertThat(new ReportBuilder().addEventFile(events.read()).build().verdict()).isEqualTo(OverallVerdict.MASKED);
    }
  }

  @Test
  void aPlanWithoutGuardedTestsIsCountedFromItsEndEvent() {
    try (Events unit = Events.create(dir.resolve("unit"), "local", false);
        Events e2e = Events.create(dir.resolve("e2e"), "local", false)) {
      unit.append("end", "discovered", 40, "started", 38, "succeeded", 38, "failed", 0, "aborted", 0, "skipped", 2);
      e2e.ran("a.OrderE2E", "placesOrder", "AUTHENTIC");
      e2e.end();
      Report report = new ReportBuilder().addEventFile(unit.read()).addEventFile(e2e.read()).build();
      assertThat(report.summary()).extracting(Summary::discovered, Summary::executed, Summary::guarded)
          .containsExactly(41, 39, 1);
    }
  }

  @Test
  void aVerdictForATestOfNoPlanIsAFindingNotAVerdict() {
    try (Events events = Events.create(dir, "local", false)) {
      String uid = "[engine:junit-jupiter]/[class:a.b.OrderE2E]/[nested-class:Refunds]"
          + "/[test-template:refunds(java.lang.String)]/[test-template-invocation:#2]";
      events.started(uid);
      events.verdict(uid, "AUTHENTIC", "1 exchange");
      events.finished(uid, "SUCCESSFUL", 5, null);
      events.end();
      Report report = build(events);
      assertThat(report.tests()).isEmpty();
      assertThat(report.complete()).isFalse();
      assertThat(report.incompleteReasons()).containsExactly(
          finding(events, 2, "a 'started' for [" + uid + "], a test of no 'test' event in its run"),
          finding(events, 3, "a 'verdict' for [" + uid + "], a test of no 'test' event in its run"),
          finding(events, 4, "a 'finished' for [" + uid + "], a test of no 'test' event in its run"));
    }
  }

  @Test
  void repeatedAndOrphanVerdictLinesNeverTurnAMaskedRunGreen() {
    try (Events events = Events.create(dir, "local", false)) {
      for (int i = 1; i <= 5; i++) {
        events.ran("a.OrderE2E", "authentic" + i, "AUTHENTIC");
      }
      String masked = events.ran("a.AgentE2E", "masked", "MASKED", "FALLBACK_LOG", "\"Using mock agent\"");
      String notStarted = events.test("a.AgentE2E", "neverStarted", true, "backend");
      events.verdict(masked, "AUTHENTIC", "3 exchanges");
      events.verdict(notStarted, "AUTHENTIC", "3 exchanges");
      events.finished(notStarted, "SUCCESSFUL", 900, null);
      events.end();
      events.verdict(masked, "AUTHENTIC", "3 exchanges");
      Report report = build(events);

      assertThat(entry(report, masked).verdict()).isEqualTo(Verdict.MASKED);
      assertThat(entry(report, notStarted)).extracting(TestEntry::verdict).isEqualTo(Verdict.MASKED);
      assertThat(entry(report, notStarted).evidence()).extracting(Evidence::kind).containsExactly(EvidenceKind.NOT_JUDGED);
      assertThat(report.summary().authentic()).isEqualTo(5);
      assertThat(report.summary().authenticPercent()).isEqualTo(83);
      assertThat(report.verdict()).isEqualTo(OverallVerdict.MASKED);
      assertThat(report.incompleteReasons()).containsExactly(
          finding(events, 27, "a second 'verdict' for [" + masked + "]"),
          finding(events, 31, "a 'verdict' event after the run's 'end'"),
          finding(events, 28, "a 'verdict' (AUTHENTIC) for [" + notStarted + "], which never started"));
      assertThat(Check.evaluate(report, CheckSettings.defaults()).violations())
          .contains("INCOMPLETE: " + finding(events, 27, "a second 'verdict' for [" + masked + "]"));
    }
  }

  @Test
  void anAuthenticContainerVerdictIsAFindingAndProvesNoTest() {
    try (Events events = Events.create(dir, "local", false)) {
      String uid = events.test("a.OrderE2E", "placesOrder", true, "backend");
      events.started(uid);
      events.finished(uid, "SUCCESSFUL", 900, null);
      events.append("container", "uniqueId", "[engine:junit-jupiter]/[class:a.OrderE2E]", "verdict", "AUTHENTIC",
          "evidence", List.of(), "proof", "3 exchanges");
      events.end();
      Report report = build(events);
      assertThat(entry(report, uid).verdict()).isEqualTo(Verdict.MASKED);
      assertThat(report.incompleteReasons()).containsExactly(finding(events, 5, "an AUTHENTIC 'container' verdict for"
          + " [[engine:junit-jupiter]/[class:a.OrderE2E]]"));
    }
  }

  @Test
  void aConditionsVerdictOnATestItSkippedIsTrusted() {
    try (Events events = Events.create(dir, "local", false)) {
      String uid = events.test("a.StagingE2E", "deploys", true, true, "backend");
      events.append("verdict", "uniqueId", uid, "verdict", "NOT_RUN", "reason", "ENVIRONMENT", "evidence", List.of());
      events.finished(uid, "SKIPPED", 0, "not staging");
      String authenticSkipped = events.test("a.StagingE2E", "claimed", true, "backend");
      events.verdict(authenticSkipped, "AUTHENTIC", "3 exchanges");
      events.finished(authenticSkipped, "SKIPPED", 0, "skipped");
      events.end();
      Report report = build(events);
      assertThat(entry(report, uid)).extracting(TestEntry::verdict, TestEntry::reason)
          .containsExactly(Verdict.NOT_RUN, NotRunReason.ENVIRONMENT);
      assertThat(entry(report, authenticSkipped)).extracting(TestEntry::verdict, TestEntry::reason)
          .containsExactly(Verdict.NOT_RUN, NotRunReason.CONDITION);
      assertThat(report.incompleteReasons()).containsExactly(
          finding(events, 6, "a 'verdict' (AUTHENTIC) for [" + authenticSkipped + "], which never started"));
    }
  }

  private static String finding(Events events, int line, String what) {
    return "Events file [" + events.read() + "] line " + line + ": " + what + " in run [" + events.run + "]: a line"
        + " the Authenticity writer cannot have written (an edited, repeated or appended events file); it is not"
        + " judged.";
  }
}
