package io.github.authenticity.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportAssemblerTests {

  private static final Instant BUILD_START = Instant.parse("2026-11-22T05:00:00Z");

  @TempDir
  Path directory;

  @Test
  void leavesOutTheEventsFilesOfAnEarlierBuildWhenThisBuildWroteSome() throws IOException {
    Path old = file("events-old.jsonl", BUILD_START.minusSeconds(3600));
    Path fresh = file("events-new.jsonl", BUILD_START.plusSeconds(5));

    ReportAssembler.Selection selection = ReportAssembler.select(List.of(old, fresh), BUILD_START, false);

    assertThat(selection.used()).containsExactly(fresh);
    assertThat(selection.earlier()).containsExactly(old);
  }

  @Test
  void usesEveryFileWhenTheGoalRunsOnItsOwnAfterAnEarlierBuild() throws IOException {
    Path first = file("events-1.jsonl", BUILD_START.minusSeconds(60));
    Path second = file("events-2.jsonl", BUILD_START.minusSeconds(50));

    ReportAssembler.Selection selection = ReportAssembler.select(List.of(first, second), BUILD_START, false);

    assertThat(selection.used()).containsExactly(first, second);
    assertThat(selection.earlier()).isEmpty();
  }

  @Test
  void usesNoEarlierFileWhenBoundToTheLifecycle() throws IOException {
    Path old = file("events-old.jsonl", BUILD_START.minusSeconds(60));

    ReportAssembler.Selection selection = ReportAssembler.select(List.of(old), BUILD_START, true);

    assertThat(selection.used()).isEmpty();
    assertThat(selection.earlier()).containsExactly(old);
  }

  @Test
  void hasNothingToReportWithoutEventsOrGuardedTests() throws IOException {
    Path events = Files.createDirectories(directory.resolve("authenticity"));
    Path testClasses = Files.createDirectories(directory.resolve("test-classes"));
    ReportAssembler.Module module = new ReportAssembler.Module("m", events, testClasses, List.of(testClasses));

    assertThat(ReportAssembler.hasInput(module)).isFalse();
    ReportAssembler.Assembled assembled = ReportAssembler.assemble(List.of(module),
        new ReportAssembler.Options(null, false, null, BUILD_START, true));
    assertThat(assembled.empty()).isTrue();
  }

  @Test
  void marksTheReportIncompleteWhenACompiledTestClassCannotBeInspected() throws Exception {
    Path events = Files.createDirectories(directory.resolve("authenticity"));
    Files.writeString(events.resolve("events-1.jsonl"), """
        {"type":"run","run":"r1","at":1,"environment":"local","mode":"fail"}
        {"type":"end","run":"r1","at":2,"discovered":0,"started":0,"succeeded":0,"failed":0,"aborted":0,"skipped":0}
        """);
    Path testClasses = Files.createDirectories(directory.resolve("test-classes/com/example")).getParent().getParent();
    Files.write(testClasses.resolve("com/example/BrokenE2E.class"), new byte[] {1, 2, 3, 4});
    Path extension = Path.of(io.github.authenticity.junit.RequiresRealService.class.getProtectionDomain()
        .getCodeSource().getLocation().toURI());
    ReportAssembler.Module module = new ReportAssembler.Module("m", events, testClasses,
        List.of(testClasses, extension));

    ReportAssembler.Assembled assembled = ReportAssembler.assemble(List.of(module),
        new ReportAssembler.Options(null, false, null, Instant.EPOCH, false));

    assertThat(assembled.report().complete()).isFalse();
    assertThat(assembled.report().incompleteReasons()).singleElement().asString()
        .startsWith("Cannot inspect test class [com.example.BrokenE2E] for guarded tests: java.lang.ClassFormatError: ");
    assertThat(assembled.warnings()).isEqualTo(assembled.report().incompleteReasons());
  }

  private Path file(String name, Instant modified) throws IOException {
    Path file = Files.writeString(directory.resolve(name), "{}\n");
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }
}
