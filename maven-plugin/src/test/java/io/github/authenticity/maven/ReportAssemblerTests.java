package io.github.authenticity.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.github.authenticity.core.internal.events.BuildFiles;
import io.github.authenticity.core.internal.events.BuildIdentity;
import io.github.authenticity.core.internal.events.TestBuildRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportAssemblerTests {

  private static final Instant BUILD_START = Instant.parse("2026-11-22T05:00:00Z");

  @TempDir
  Path directory;

  @Test
  void leavesOutTheEventsFilesOfAnEarlierBuildWhenThisBuildWroteSome() throws IOException {
    BuildIdentity build = BuildIdentity.ofThisProcess(BUILD_START);
    Path old = file("events-old.jsonl", new BuildIdentity("42@1", BUILD_START, BUILD_START.minusSeconds(3600)));
    Path fresh = file("events-new.jsonl", new BuildIdentity(build.process(), null, BUILD_START.plusSeconds(5)));

    BuildFiles.Selection selection = ReportAssembler.select(List.of(old, fresh), build, false, List.of(directory));

    assertThat(selection.used()).containsExactly(fresh);
    assertThat(selection.left()).containsExactly(old);
  }

  @Test
  void usesTheNewestBuildsFilesWhenTheGoalRunsOnItsOwnAfterEarlierBuilds() throws IOException {
    Path first = file("events-1.jsonl", new BuildIdentity("41@1", null, BUILD_START.minusSeconds(60)));
    Path second = file("events-2.jsonl", new BuildIdentity("42@1", null, BUILD_START.minusSeconds(50)));
    Path third = file("events-3.jsonl", new BuildIdentity("42@1", null, BUILD_START.minusSeconds(49)));

    BuildFiles.Selection selection = ReportAssembler.select(List.of(first, second, third),
        BuildIdentity.ofThisProcess(BUILD_START), false, List.of(directory));

    assertThat(selection.used()).containsExactly(second, third);
    assertThat(selection.left()).containsExactly(first);
  }

  @Test
  void usesNoEarlierFileWhenBoundToTheLifecycle() throws IOException {
    Path old = file("events-old.jsonl", new BuildIdentity("42@1", null, BUILD_START.minusSeconds(60)));

    BuildFiles.Selection selection = ReportAssembler.select(List.of(old), BuildIdentity.ofThisProcess(BUILD_START),
        true, List.of(directory));

    assertThat(selection.used()).isEmpty();
    assertThat(selection.left()).containsExactly(old);
  }

  @Test
  void onItsOwnTheGoalJudgesTheBuildThatLastRanTheTestsEvenWhenItWroteNoEvents() throws IOException {
    Path tested = file("events-1.jsonl", new BuildIdentity("41@1", BUILD_START.minusSeconds(70),
        BUILD_START.minusSeconds(60)));
    BuildIdentity laterBuildWithoutTests = new BuildIdentity("43@1", BUILD_START.minusSeconds(30),
        BUILD_START.minusSeconds(30));
    TestBuildRecord.write(directory, laterBuildWithoutTests);

    BuildFiles.Selection selection = ReportAssembler.select(List.of(tested), BuildIdentity.ofThisProcess(BUILD_START),
        false, List.of(directory));

    assertThat(selection.used()).isEmpty();
    assertThat(selection.left()).containsExactly(tested);
    assertThat(selection.notes()).containsExactly("Judging the build that last ran the tests here (Maven process"
        + " 43@1, started " + BUILD_START.minusSeconds(30) + ", recorded in [" + directory.resolve("test-build.txt")
        + "]): it wrote no events file, so none of its guarded tests ran.", "Ignoring 1 events file of earlier"
        + " builds or other Maven processes (mvn clean removes them): [" + tested + "]");

    TestBuildRecord.write(directory, new BuildIdentity("41@1", BUILD_START.minusSeconds(70),
        BUILD_START.minusSeconds(70)));
    assertThat(ReportAssembler.select(List.of(tested), BuildIdentity.ofThisProcess(BUILD_START), false,
        List.of(directory)).used()).containsExactly(tested);
  }

  @Test
  void aRecordOlderThanALaterBuildsEventsIsStaleAndTheNewestBuildIsJudged() throws IOException {
    TestBuildRecord.write(directory, new BuildIdentity("41@1", BUILD_START.minusSeconds(300),
        BUILD_START.minusSeconds(300)));
    Path recordedBuilds = file("events-1.jsonl", new BuildIdentity("41@1", BUILD_START.minusSeconds(300),
        BUILD_START.minusSeconds(290)));
    Path laterBuilds = file("events-2.jsonl", new BuildIdentity("44@1", BUILD_START.minusSeconds(60),
        BUILD_START.minusSeconds(50)));

    BuildFiles.Selection selection = ReportAssembler.select(List.of(recordedBuilds, laterBuilds),
        BuildIdentity.ofThisProcess(BUILD_START), false, List.of(directory));

    assertThat(selection.used()).containsExactly(laterBuilds);
    assertThat(selection.newest()).isTrue();
  }

  @Test
  void hasNothingToReportWithoutEventsOrGuardedTests() throws IOException {
    Path events = Files.createDirectories(directory.resolve("authenticity"));
    Path testClasses = Files.createDirectories(directory.resolve("test-classes"));
    ReportAssembler.Module module = new ReportAssembler.Module("m", events, testClasses, List.of(testClasses));

    assertThat(ReportAssembler.hasInput(module)).isFalse();
    ReportAssembler.Assembled assembled = ReportAssembler.assemble(List.of(module),
        new ReportAssembler.Options(null, false, null, BuildIdentity.ofThisProcess(BUILD_START), true));
    assertThat(assembled.empty()).isTrue();
  }

  @Test
  void marksTheReportIncompleteWhenACompiledTestClassCannotBeInspected() throws Exception {
    Path events = Files.createDirectories(directory.resolve("authenticity"));
    Files.writeString(events.resolve("events-1.jsonl"), """
        {"type":"run","run":"r1","at":1,"environment":"local","mode":"fail","build":"42@1|-|1"}
        {"type":"end","run":"r1","at":2,"discovered":0,"started":0,"succeeded":0,"failed":0,"aborted":0,"skipped":0}
        """);
    Path testClasses = Files.createDirectories(directory.resolve("test-classes/com/example")).getParent().getParent();
    Files.write(testClasses.resolve("com/example/BrokenE2E.class"), new byte[] {1, 2, 3, 4});
    Path extension = Path.of(io.github.authenticity.junit.RequiresRealService.class.getProtectionDomain()
        .getCodeSource().getLocation().toURI());
    ReportAssembler.Module module = new ReportAssembler.Module("m", events, testClasses,
        List.of(testClasses, extension));

    ReportAssembler.Assembled assembled = ReportAssembler.assemble(List.of(module),
        new ReportAssembler.Options(null, false, null, BuildIdentity.ofThisProcess(Instant.EPOCH), false));

    assertThat(assembled.report().complete()).isFalse();
    assertThat(assembled.report().incompleteReasons()).singleElement().asString()
        .startsWith("Cannot inspect test class [com.example.BrokenE2E] for guarded tests: java.lang.ClassFormatError: ");
    assertThat(assembled.warnings()).isEqualTo(assembled.report().incompleteReasons());
  }

  private Path file(String name, BuildIdentity build) throws IOException {
    return Files.writeString(directory.resolve(name), "{\"type\":\"run\",\"run\":\"" + name + "\",\"build\":\""
        + build.value() + "\"}\n");
  }
}
