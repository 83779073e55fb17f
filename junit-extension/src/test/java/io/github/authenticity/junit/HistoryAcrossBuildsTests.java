package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import io.github.authenticity.core.internal.report.ReportJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history as {@code mvn clean verify} meets it: every build is a new JVM in the project folder, and
 * {@code target/} is deleted before each one. Three real 1.5 s runs, then a 20 ms run, which must be
 * {@code TOO_FAST}; and the same 20 ms run in a fresh checkout whose only history is the earlier reports.
 */
class HistoryAcrossBuildsTests {

  @TempDir
  static Path dir;

  private static HttpServer backend;
  private static Path project;
  private static final Path[] REPORTS = new Path[3];

  @BeforeAll
  static void threeRealRunsEachAfterClean() throws Exception {
    backend = SeparateBuild.backend();
    project = dir.resolve("project");
    for (int i = 0; i < 3; i++) {
      clean(project);
      assertThat(SeparateBuild.run(project, TimedTestCase.class, backend, "-Dfixture.sleepMillis=1500")).isZero();
      Report report = report(project);
      assertThat(test(report).verdict()).as("real run %d", i + 1).isEqualTo(Verdict.AUTHENTIC);
      // CI keeps each build's report as an artifact
      REPORTS[i] = Files.copy(project.resolve("target/surefire-reports/authenticity-report.json"),
          dir.resolve("artifact-" + (i + 1) + ".json"));
    }
  }

  @AfterAll
  static void stopBackend() {
    backend.stop(0);
  }

  private static void clean(Path project) throws IOException {
    Path target = project.resolve("target");
    if (Files.exists(target)) {
      try (Stream<Path> files = Files.walk(target)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  private static Report report(Path project) {
    return ReportJson.read(project.resolve("target/surefire-reports/authenticity-report.json"));
  }

  private static TestEntry test(Report report) {
    return report.guardedTests().stream().filter(t -> "placesOrder".equals(t.methodName())).findFirst().orElseThrow();
  }

  @Test
  void aFastRunAfterCleanIsTooFastBecauseTheHistoryIsOutsideTarget() throws Exception {
    Path history = project.resolve(".authenticity/history.json");
    assertThat(Files.readString(history)).matches("\\{\"schemaVersion\":1,\"tests\":\\{\"\\[engine:junit-jupiter]"
        + "/\\[class:io\\.github\\.authenticity\\.junit\\.HistoryAcrossBuildsTests\\$TimedTestCase]"
        + "/\\[method:placesOrder\\(\\)]\":\\[1[5-9]\\d\\d,1[5-9]\\d\\d,1[5-9]\\d\\d]}}\n");
    assertThat(Files.readString(project.resolve(".authenticity/.gitignore"))).endsWith("\n*\n");

    clean(project);
    SeparateBuild.run(project, TimedTestCase.class, backend, "-Dfixture.sleepMillis=20");

    TestEntry fast = test(report(project));
    assertThat(fast.verdict()).isEqualTo(Verdict.MASKED);
    assertThat(fast.evidence()).singleElement().satisfies(evidence -> {
      assertThat(evidence.kind()).isEqualTo(EvidenceKind.TOO_FAST);
      assertThat(evidence.detail()).matches("ran in \\d+ ms, more than 10 times faster than the median 1\\.\\d s of its"
          + " last 3 authentic runs");
    });
  }

  @Test
  void aFreshCheckoutComparesWithTheEarlierReportsOnePathOneFileUrlOneHttpUrl() throws Exception {
    HttpServer artifacts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    artifacts.createContext("/job/3/authenticity-report.json", exchange -> {
      byte[] body = Files.readAllBytes(REPORTS[2]);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    artifacts.start();
    try {
      Path checkout = dir.resolve("fresh-checkout");
      String baseline = REPORTS[0] + ", " + REPORTS[1].toUri() + ", http://127.0.0.1:"
          + artifacts.getAddress().getPort() + "/job/3/authenticity-report.json";
      SeparateBuild.run(checkout, TimedTestCase.class, backend, "-Dfixture.sleepMillis=20",
          "-Dauthenticity.history.baseline=" + baseline);

      TestEntry fast = test(report(checkout));
      assertThat(fast.verdict()).isEqualTo(Verdict.MASKED);
      assertThat(fast.evidence()).extracting(e -> e.kind() + " " + e.detail()).singleElement().asString()
          .matches("TOO_FAST ran in \\d+ ms, more than 10 times faster than the median 1\\.\\d s of its last 3"
              + " authentic runs");
    } finally {
      artifacts.stop(0);
    }
  }

  @Test
  void aBaselineThatCannotBeReadFailsTheGuardedTestsSayingWhy() throws Exception {
    Path checkout = dir.resolve("bad-baseline");
    Path absent = dir.resolve("no-such-report.json");
    SeparateBuild.run(checkout, TimedTestCase.class, backend, "-Dfixture.sleepMillis=20",
        "-Dauthenticity.history.baseline=" + absent);

    TestEntry test = test(report(checkout));
    assertThat(test.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(test.message()).contains("Cannot read the history baseline [" + absent.toUri()
        + "] (authenticity.history.baseline): there is no file [" + absent + "]. Point"
        + " authenticity.history.baseline at an authenticity-report.json an earlier build wrote (a path, a file: or"
        + " an http(s): URL), or leave it unset.");
  }

  /** A guarded test that uses the real backend and takes {@code fixture.sleepMillis}. */
  @RequiresRealService("backend")
  static class TimedTestCase {
    /** Loads the socket classes outside the timed body: a cold JVM on a loaded machine takes 100 ms for that. */
    @BeforeAll
    static void warmUp() throws Exception {
      SeparateBuild.callBackend();
    }

    @org.junit.jupiter.api.Test
    void placesOrder() throws Exception {
      SeparateBuild.callBackend();
      Thread.sleep(Long.getLong("fixture.sleepMillis", 0));
    }
  }
}
