package io.github.authenticity.core.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildFilesTests {

  private static final Instant SINCE = Instant.parse("2026-12-01T08:13:30.766Z");
  private static final String MAVEN = "11948@1796112808520";

  @TempDir
  Path directory;

  @Test
  void selectsTheFilesOfTheBuildAndLeavesOutThoseOfEarlierBuildsAndOtherProcesses() throws IOException {
    Path forkOne = events("events-1.jsonl", new BuildIdentity(MAVEN, SINCE, SINCE.plusSeconds(1)));
    Path forkTwo = events("events-2.jsonl", new BuildIdentity(MAVEN, SINCE, SINCE.plusSeconds(2)));
    Path earlierInSameMaven = events("events-3.jsonl", new BuildIdentity(MAVEN, SINCE.minusSeconds(90),
        SINCE.minusSeconds(88)));
    Path otherMaven = events("events-4.jsonl", new BuildIdentity("222@1796112000000", SINCE, SINCE.plusSeconds(1)));

    BuildFiles.Selection selection = BuildFiles.select(List.of(forkOne, forkTwo, earlierInSameMaven, otherMaven),
        new BuildIdentity(MAVEN, SINCE, SINCE));

    assertThat(selection.used()).containsExactly(forkOne, forkTwo);
    assertThat(selection.left()).containsExactly(earlierInSameMaven, otherMaven);
    assertThat(selection.notes()).containsExactly("Ignoring 2 events files of earlier builds or other Maven"
        + " processes (mvn clean removes them): [" + earlierInSameMaven + ", " + otherMaven + "]");
  }

  @Test
  void aFileWithoutAReadableRunEventFirstBelongsToNoBuild() throws IOException {
    Path cut = Files.writeString(directory.resolve("events-cut.jsonl"), "{\"type\":\"run\",\"run\":\"r1\",\"bui");
    Path older = Files.writeString(directory.resolve("events-old.jsonl"),
        "{\"type\":\"run\",\"run\":\"r2\",\"build\":\"17542@1796112808520\"}\n");
    Path badBytes = Files.write(directory.resolve("events-bytes.jsonl"), new byte[] {'{', (byte) 0xC3, '\n'});
    Path empty = Files.writeString(directory.resolve("events-empty.jsonl"), "");

    BuildFiles.Selection selection = BuildFiles.select(List.of(cut, older, badBytes, empty),
        new BuildIdentity(MAVEN, Instant.EPOCH, Instant.EPOCH));

    assertThat(selection.used()).isEmpty();
    assertThat(BuildFiles.header(cut).build()).isNull();
    assertThat(BuildFiles.header(older).run()).isEqualTo("r2");
    assertThat(BuildFiles.header(older).build()).isNull();
  }

  @Test
  void onItsOwnTheGoalReportsTheNewestBuildAndSaysSo() throws IOException {
    Path first = events("events-1.jsonl", new BuildIdentity("100@1", SINCE, SINCE.plusSeconds(1)));
    Path secondA = events("events-2.jsonl", new BuildIdentity("200@2", SINCE.plusSeconds(60), SINCE.plusSeconds(61)));
    Path secondB = events("events-3.jsonl", new BuildIdentity("200@2", SINCE.plusSeconds(60), SINCE.plusSeconds(62)));
    BuildIdentity standalone = new BuildIdentity("300@3", SINCE.plusSeconds(300), SINCE.plusSeconds(300));

    BuildFiles.Selection selection = BuildFiles.selectOrNewest(List.of(first, secondA, secondB), standalone);

    assertThat(selection.used()).containsExactly(secondA, secondB);
    assertThat(selection.left()).containsExactly(first);
    assertThat(selection.notes()).containsExactly(
        "No events files of this build: reporting the newest build's 2 files (Maven process 200@2). That build"
            + " did not record that it ran the tests ([target/authenticity/test-build.txt]), so a later build that"
            + " ran no test cannot be told apart from it: bind authenticity:prepare-agent (it records each build that"
            + " runs the tests), or run this goal in the build that runs the tests (mvn verify, or mvn test"
            + " authenticity:check).",
        "Ignoring 1 events file of older builds (mvn clean removes them): [" + first + "]");
  }

  @Test
  void onItsOwnTheGoalMergesTheNewestBuildOfEachHostSoCiShardsCopiedTogetherAllCount() throws IOException {
    Path shardOne = events("events-1.jsonl", "runner-1", new BuildIdentity("100@1", SINCE, SINCE.plusSeconds(1)));
    Path shardTwo = events("events-2.jsonl", "runner-2", new BuildIdentity("100@1", SINCE, SINCE.plusSeconds(2)));
    Path shardTwoEarlier = events("events-3.jsonl", "runner-2", new BuildIdentity("90@1", SINCE, SINCE));

    BuildFiles.Selection selection = BuildFiles.selectOrNewest(List.of(shardOne, shardTwo, shardTwoEarlier),
        new BuildIdentity(MAVEN, SINCE.plusSeconds(300), SINCE.plusSeconds(300)));

    assertThat(selection.used()).containsExactly(shardOne, shardTwo);
    assertThat(selection.left()).containsExactly(shardTwoEarlier);
  }

  @Test
  void theFilesOfThisBuildComeFirstWhenTheGoalIsCalledOnTheCommandLineOfTheBuildThatRanTheTests()
      throws IOException {
    Path mine = events("events-1.jsonl", new BuildIdentity(MAVEN, SINCE, SINCE.plusSeconds(1)));
    Path newerElsewhere = events("events-2.jsonl", new BuildIdentity("200@2", SINCE, SINCE.plusSeconds(9)));

    BuildFiles.Selection selection = BuildFiles.selectOrNewest(List.of(mine, newerElsewhere),
        new BuildIdentity(MAVEN, SINCE, SINCE));

    assertThat(selection.used()).containsExactly(mine);
    assertThat(selection.newest()).isFalse();
  }

  @Test
  void aRunIsStillRunningWhileItsJvmLivesOnThisHost() throws Exception {
    Instant now = Instant.now();
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process fork = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
    long pid = fork.pid();
    Instant forkStarted = fork.info().startInstant().orElse(now);
    BuildIdentity identity = new BuildIdentity(MAVEN, SINCE, now.plusSeconds(1));
    BuildIdentity own = new BuildIdentity(MAVEN, SINCE, Instant.now());

    assertThat(new BuildFiles.Header(directory, "r1", ProcessHandle.current().pid(), "ci-1", own).stillRunning("ci-1"))
        .isTrue();
    assertThat(new BuildFiles.Header(directory, "r1", ProcessHandle.current().pid(), "ci-1", own).stillRunning("ci-2"))
        .as("another host").isFalse();
    // a process that got the pid after the run started is not the run's JVM
    assertThat(new BuildFiles.Header(directory, "r1", ProcessHandle.current().pid(), "ci-1",
        new BuildIdentity(MAVEN, SINCE, Instant.EPOCH)).stillRunning("ci-1")).isFalse();
    assertThat(fork.waitFor(60, TimeUnit.SECONDS)).isTrue();
    fork.getInputStream().readAllBytes();
    assertThat(new BuildFiles.Header(directory, "r2", pid, "ci-1", identity).stillRunning("ci-1"))
        .as("a JVM that ended (started %s)", forkStarted).isFalse();
  }

  private Path events(String name, BuildIdentity build) throws IOException {
    return events(name, "ci-1", build);
  }

  private Path events(String name, String host, BuildIdentity build) throws IOException {
    return Files.writeString(directory.resolve(name), "{\"type\":\"run\",\"run\":\"" + name + "\",\"pid\":1,"
        + "\"host\":\"" + host + "\",\"build\":\"" + build.value() + "\"}\n{\"type\":\"end\",\"run\":\"" + name + "\"}\n",
        StandardCharsets.UTF_8);
  }
}
