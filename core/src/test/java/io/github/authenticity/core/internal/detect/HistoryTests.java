package io.github.authenticity.core.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.authenticity.core.internal.report.ReportJson;

class HistoryTests {

  @TempDir
  Path directory;

  @Test
  void keepsTheLastTenAuthenticRunsPerTestInASmallJsonFile() throws Exception {
    Path file = directory.resolve("target/authenticity/history.json");
    History history = History.of(file);
    for (int i = 1; i <= 12; i++) {
      history.recordAuthentic("[engine:junit-jupiter]/[class:A]/[method:a()]", Duration.ofMillis(i * 100));
    }
    history.recordAuthentic("b", Duration.ofMillis(7));
    // the first run is written at once, the rest when the plan ends
    assertThat(Files.readString(file)).isEqualTo("{\"schemaVersion\":1,\"tests\":{"
        + "\"[engine:junit-jupiter]/[class:A]/[method:a()]\":[100]}}\n");
    history.flush();

    assertThat(Files.readString(file)).isEqualTo("{\"schemaVersion\":1,\"tests\":{"
        + "\"[engine:junit-jupiter]/[class:A]/[method:a()]\":[300,400,500,600,700,800,900,1000,1100,1200],"
        + "\"b\":[7]}}\n");
    assertThat(directory.resolve("target/authenticity/history.json.lock")).exists();
  }

  @Test
  void readsWhatAnEarlierRunWroteAndTreatsAnUnreadableFileAsEmpty() throws Exception {
    Path earlier = directory.resolve("earlier.json");
    Files.writeString(earlier, "{\"schemaVersion\":1,\"tests\":{\"t\":[2400,2500,2600]}}");
    Path broken = directory.resolve("broken.json");
    Files.writeString(broken, "{\"schemaVersion\":1,\"tests\":{\"t\":[24");

    assertThat(History.of(earlier).authenticRuns("t")).containsExactly(2400L, 2500L, 2600L);
    assertThat(History.of(broken).authenticRuns("t")).isEmpty();
    History.of(broken).recordAuthentic("t", Duration.ofMillis(5));
    assertThat(Files.readString(broken)).isEqualTo("{\"schemaVersion\":1,\"tests\":{\"t\":[5]}}\n");
  }

  @Test
  void aGarbageFileIsReplacedAndSaidSoOnce() throws Exception {
    Path garbage = directory.resolve("garbage.json");
    Files.writeString(garbage, "this is not a history");
    History history = History.of(garbage);

    history.recordAuthentic("t", Duration.ofMillis(5));
    assertThat(history.takeNotices()).containsExactly("The history file [" + garbage + "] was not a readable history"
        + " (not JSON at line 1, column 1); it was replaced, so TOO_FAST compares with the authentic runs recorded from now on.");
    assertThat(Files.readString(garbage)).isEqualTo("{\"schemaVersion\":1,\"tests\":{\"t\":[5]}}\n");

    history.recordAuthentic("u", Duration.ofMillis(6));
    history.flush();
    assertThat(history.takeNotices()).as("said once").isEmpty();
  }

  @Test
  void aHistoryThatIsADirectoryIsAProblemThatLeavesNoTemporaryFileBehind() throws Exception {
    Path folder = Files.createDirectories(directory.resolve("history.json"));
    Files.writeString(folder.resolve("keep.txt"), "x");
    History history = History.of(folder);

    for (int run = 0; run < 3; run++) {
      assertThatThrownBy(() -> {
        history.recordAuthentic("t", Duration.ofMillis(5));
        history.flush();
      }).isInstanceOf(UncheckedIOException.class)
          .hasMessage("Could not record the authentic run of [t] in the history file [" + folder + "]: it is a"
              + " directory. Remove it, or set authenticity.history to a file.");
    }
    try (var files = Files.list(directory)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("history.json");
    }
  }

  @Test
  void severalProcessesWritingAtOnceLoseNoRun() throws Exception {
    Path file = directory.resolve("history.json");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> forks = new ArrayList<>();
    for (int fork = 0; fork < 3; fork++) {
      forks.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HistoryWriter.class.getName(),
          file.toString(), "test-" + fork).inheritIO().start());
    }
    for (Process process : forks) {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
    }

    String text = Files.readString(file);
    for (int fork = 0; fork < 3; fork++) {
      assertThat(text).contains("\"test-" + fork + "\":[1,2,3,4,5]");
    }
  }

  @Test
  void aFlushKeepsWhatAnotherJvmMovedIntoPlaceSinceThisOneLastWrote() throws Exception {
    Path file = directory.resolve("history.json");
    Files.writeString(file, "{\"schemaVersion\":1,\"tests\":{\"old\":[1]}}\n");
    History history = History.of(file);
    history.preload();
    history.recordAuthentic("mine", Duration.ofMillis(2));
    assertThat(Files.readString(file)).isEqualTo("{\"schemaVersion\":1,\"tests\":{\"old\":[1],\"mine\":[2]}}\n");

    // another writer's file, moved over this one as History does it, of the same size
    Path other = Files.writeString(directory.resolve("other.tmp"),
        "{\"schemaVersion\":1,\"tests\":{\"old\":[1],\"fork\":[3]}}\n");
    assertThat(Files.size(other)).isEqualTo(Files.size(file));
    Files.move(other, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    history.recordAuthentic("mine", Duration.ofMillis(4));
    history.flush();
    assertThat(Files.readString(file))
        .isEqualTo("{\"schemaVersion\":1,\"tests\":{\"old\":[1],\"fork\":[3],\"mine\":[4]}}\n");

    // and when nobody else wrote, what this JVM wrote last is the start of the next write
    history.recordAuthentic("old", Duration.ofMillis(5));
    history.flush();
    assertThat(Files.readString(file))
        .isEqualTo("{\"schemaVersion\":1,\"tests\":{\"old\":[1,5],\"fork\":[3],\"mine\":[4]}}\n");
    assertThat(history.authenticRuns("old")).as("the runs before this JVM's writes").containsExactly(1L);
  }

  private Path report(String name, String uniqueId, String verdict, long millis) throws Exception {
    return Files.writeString(directory.resolve(name), "{\"schemaVersion\":1,\"verdict\":\"" + verdict + "\","
        + "\"tests\":[{\"uniqueId\":\"" + uniqueId + "\",\"guarded\":true,\"verdict\":\"" + verdict
        + "\",\"durationMillis\":" + millis + "},{\"uniqueId\":\"plain\",\"guarded\":false,\"durationMillis\":9}]}");
  }

  @Test
  void theDefaultFolderIgnoresItselfInGitAsPytestsCacheDoes() throws Exception {
    Path file = directory.resolve("module/.authenticity/history.json");
    History.of(file).recordAuthentic("t", Duration.ofMillis(5));
    assertThat(Files.readString(directory.resolve("module/.authenticity/.gitignore")))
        .isEqualTo("# Created by Authenticity: the history of authentic runs of this checkout.\n*\n");
    History.of(directory.resolve("elsewhere/history.json")).recordAuthentic("t", Duration.ofMillis(5));
    assertThat(directory.resolve("elsewhere/.gitignore")).doesNotExist();
  }

  @Test
  void earlierReportsFillTheGapsAndAreWrittenWithTheFirstOwnRun() throws Exception {
    Path first = report("run-1.json", "a", "AUTHENTIC", 1500);
    Path second = report("run-2.json", "a", "MASKED", 3);
    Path third = report("run-3.json", "a", "AUTHENTIC", 1700);
    Files.writeString(directory.resolve("history.json"), "{\"schemaVersion\":1,\"tests\":{\"b\":[40,50]}}");
    HistoryBaseline baseline = HistoryBaseline.parse(first + ", " + second.toUri() + " ," + third, ReportJson::read);
    History history = History.of(directory.resolve("history.json"), baseline);

    // only AUTHENTIC guarded tests count; a test with runs of its own keeps them
    assertThat(history.authenticRuns("a")).containsExactly(1500L, 1700L);
    assertThat(history.authenticRuns("b")).containsExactly(40L, 50L);
    assertThat(history.authenticRuns("plain")).isEmpty();

    history.recordAuthentic("a", Duration.ofMillis(1600));
    assertThat(Files.readString(directory.resolve("history.json")))
        .isEqualTo("{\"schemaVersion\":1,\"tests\":{\"b\":[40,50],\"a\":[1500,1700,1600]}}\n");
  }

  @Test
  void aBaselineThatCannotBeUsedSaysWhatAndHow() throws Exception {
    String fix = " Point authenticity.history.baseline at an authenticity-report.json an earlier build wrote (a path,"
        + " a file: or an http(s): URL), or leave it unset.";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HistoryBaseline.parse("ftp://ci/report.json",
        ReportJson::read))
        .hasMessage("The history baseline [ftp://ci/report.json] (authenticity.history.baseline) is not usable: the"
            + " scheme [ftp] is not file, http or https." + fix);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HistoryBaseline.parse("https://user:s3cret@ci/r.json"
        + ", http:///r.json", ReportJson::read)).hasMessage("The history baseline [http:///r.json]"
            + " (authenticity.history.baseline) is not usable: it has no host." + fix);

    Path notAReport = Files.writeString(directory.resolve("notes.json"), "{\"schemaVersion\":2}");
    HistoryBaseline wrong = HistoryBaseline.parse(notAReport.toString(), ReportJson::read);
    org.assertj.core.api.Assertions.assertThatThrownBy(wrong::runs).hasMessage("The authenticity report ["
        + notAReport.toUri() + "] cannot be read: schemaVersion is [2], this version reads [1]." + fix);

    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/job/7/authenticity-report.json";
      HistoryBaseline gone = HistoryBaseline.parse(url, ReportJson::read);
      org.assertj.core.api.Assertions.assertThatThrownBy(gone::runs).hasMessage("Cannot read the history baseline ["
          + url + "] (authenticity.history.baseline): GET " + url + " answered 404, not 200." + fix);
    } finally {
      server.stop(0);
    }
  }

  /** One fork: records five runs of its own test. */
  static final class HistoryWriter {
    public static void main(String[] args) {
      History history = History.of(Path.of(args[0]));
      for (int i = 1; i <= 5; i++) {
        history.recordAuthentic(args[1], Duration.ofMillis(i));
        history.flush();
      }
    }
  }
}
