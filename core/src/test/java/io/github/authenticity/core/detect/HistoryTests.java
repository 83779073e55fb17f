package io.github.authenticity.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
