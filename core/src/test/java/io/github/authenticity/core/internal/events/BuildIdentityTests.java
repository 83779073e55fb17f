package io.github.authenticity.core.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class BuildIdentityTests {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant SINCE = Instant.parse("2026-12-01T08:13:30.766Z");
  private static final String MAVEN = "11948@1796112808520";

  // what Surefire 3.2.5, 3.5.4 and 3.6.1 put into a fork's sun.java.command (recorded from real forks)
  private static final String SUREFIRE_3_6 = "/tmp/forkexp/target/surefire/surefirebooter-20261201081331096_6.jar"
      + " /tmp/forkexp/target/surefire 2026-12-01T09-13-30_766-jvmRun2 surefire-20261201081331096_1tmp"
      + " surefire_0-20261201081331096_3tmp";
  private static final String SUREFIRE_3_2 = "/tmp/forkexp/target/surefire/surefirebooter-20261201031431542_4.jar"
      + " /tmp/forkexp/target/surefire 2026-12-01T09-13-30_766-jvmRun12 surefire-20261201031431542_1tmp"
      + " surefire_0-20261201031431542_3tmp";
  private static final String FORKED_BOOTER = "org.apache.maven.surefire.booter.ForkedBooter"
      + " /home/me/my project/target/surefire 2026-12-01T09-13-30_766-jvmRun1 surefire-1tmp surefire_0-2tmp";

  @Test
  void aForkReadsWhenItsSurefireExecutionStartedFromTheBootersCommandLineInLocalTime() {
    assertThat(BuildIdentity.forkedExecutionStart(SUREFIRE_3_6, BERLIN)).contains(SINCE);
    assertThat(BuildIdentity.forkedExecutionStart(SUREFIRE_3_2, BERLIN)).contains(SINCE);
    assertThat(BuildIdentity.forkedExecutionStart(FORKED_BOOTER, BERLIN)).contains(SINCE);
  }

  @Test
  void aJvmThatSurefireDidNotStartHasNoExecutionStart() {
    assertThat(BuildIdentity.forkedExecutionStart(
        "org.codehaus.plexus.classworlds.launcher.Launcher -B test", BERLIN)).isEmpty();
    assertThat(BuildIdentity.forkedExecutionStart("com.intellij.rt.junit.JUnitStarter -ideVersion5", BERLIN))
        .isEmpty();
    assertThat(BuildIdentity.forkedExecutionStart("", BERLIN)).isEmpty();
    assertThat(BuildIdentity.forkedExecutionStart("surefirebooter.jar /tmp 2026-13-45T99-99-99_999-jvmRun1", BERLIN))
        .isEmpty();
  }

  @Test
  void aRunBelongsToABuildWhenItRanUnderTheSameMavenProcessAtOrAfterTheBuildStarted() {
    BuildIdentity build = new BuildIdentity(MAVEN, SINCE, SINCE);

    assertThat(build.includes(new BuildIdentity(MAVEN, SINCE, SINCE.plusSeconds(3)))).isTrue();
    assertThat(build.includes(new BuildIdentity(MAVEN, SINCE, SINCE))).isTrue();
    // a sibling fork of the same execution, and a run of a later execution in the same build
    assertThat(build.includes(new BuildIdentity(MAVEN, null, SINCE.plusMillis(1)))).isTrue();
  }

  @Test
  void anEarlierBuildAnotherMavenProcessOrARunWithoutIdentityDoesNotBelong() {
    BuildIdentity build = new BuildIdentity(MAVEN, SINCE, SINCE);

    // the same long-lived Maven (mvnd, an IDE), an earlier build
    assertThat(build.includes(new BuildIdentity(MAVEN, SINCE.minusSeconds(60), SINCE.minusSeconds(58)))).isFalse();
    // a re-run without clean: another Maven process
    assertThat(build.includes(new BuildIdentity("11949@1796112808520", SINCE, SINCE.plusSeconds(3)))).isFalse();
    assertThat(build.includes(new BuildIdentity("11948@1796112800000", SINCE, SINCE.plusSeconds(3)))).isFalse();
    assertThat(build.includes(new BuildIdentity(MAVEN, SINCE, null))).isFalse();
    assertThat(build.includes(null)).isFalse();
  }

  @Test
  void withoutKnowingWhenItsBuildStartedAJvmReportsOnlyItsOwnRun() {
    BuildIdentity ide = new BuildIdentity(MAVEN, null, SINCE);

    assertThat(ide.includes(new BuildIdentity(MAVEN, null, SINCE.plusSeconds(1)))).isFalse();
    assertThat(ide.includes(ide)).isFalse(); // the listener adds its own file itself
  }

  @Test
  void theBuildFieldIsOneStringThatReadsBack() {
    BuildIdentity identity = new BuildIdentity(MAVEN, SINCE, SINCE.plusMillis(410));

    assertThat(identity.value()).isEqualTo("11948@1796112808520|1796112810766|1796112811176");
    assertThat(BuildIdentity.parse(identity.value())).contains(identity);
    BuildIdentity unknownSince = new BuildIdentity(MAVEN, null, SINCE);
    assertThat(unknownSince.value()).isEqualTo("11948@1796112808520|-|1796112810766");
    assertThat(BuildIdentity.parse(unknownSince.value())).contains(unknownSince);
  }

  @Test
  void anOlderOrBrokenBuildFieldHasNoIdentity() {
    assertThat(BuildIdentity.parse("17542@1796112808520")).isEmpty(); // before 0.1: the parent process only
    assertThat(BuildIdentity.parse("x@1|2|3")).isEmpty();
    assertThat(BuildIdentity.parse("1@1|2|three")).isEmpty();
    assertThat(BuildIdentity.parse(null)).isEmpty();
  }

  @Test
  void theNewestBuildIsEveryRunOfTheProcessThatStartedTheLatestRun() {
    BuildIdentity first = new BuildIdentity("100@1", SINCE, SINCE.plusSeconds(1));
    BuildIdentity second = new BuildIdentity("200@2", SINCE.plusSeconds(60), SINCE.plusSeconds(61));
    BuildIdentity secondsOtherFork = new BuildIdentity("200@2", SINCE.plusSeconds(60), SINCE.plusSeconds(62));

    BuildIdentity newest = BuildIdentity.newest(java.util.Arrays.asList(first, null, secondsOtherFork, second));

    assertThat(newest.process()).isEqualTo("200@2");
    assertThat(newest.includes(second)).isTrue();
    assertThat(newest.includes(secondsOtherFork)).isTrue();
    assertThat(newest.includes(first)).isFalse();
    assertThat(BuildIdentity.newest(List.of())).isNull();
  }

  @Test
  void aJvmIsTheProcessWhoseCommandIsJava() {
    assertThat(BuildIdentity.isJvm("/usr/lib/jvm/java-17-openjdk-amd64/bin/java")).isTrue();
    assertThat(BuildIdentity.isJvm("C:\\Program Files\\Java\\jdk-21\\bin\\java.exe")).isTrue();
    assertThat(BuildIdentity.isJvm("C:\\Program Files\\Java\\jdk-21\\bin\\javaw.exe")).isTrue();
    assertThat(BuildIdentity.isJvm("/usr/bin/dash")).isFalse();
    assertThat(BuildIdentity.isJvm("/bin/sh")).isFalse();
    assertThat(BuildIdentity.isJvm("")).isFalse();
  }

  @Test
  void aForkStartedThroughAShellNamesTheJvmAboveTheShellAndItsExecutionStart() throws Exception {
    // the execution's stamp taken just before the fork starts, as Surefire does (the kernel's idea of the fork's
    // start can be up to a second earlier than that)
    String stamp = stamp(Instant.now());

    BuildIdentity identity = forkIdentity(stamp);

    BuildIdentity maven = BuildIdentity.ofThisProcess(Instant.now());
    assertThat(identity.process()).isEqualTo(maven.process());
    assertThat(identity.since()).isEqualTo(BuildIdentity.forkedExecutionStart("surefire " + stamp + "-jvmRun1",
        ZoneId.systemDefault()).orElseThrow());
    assertThat(identity.started()).isAfter(identity.since());
  }

  @Test
  void aStampLaterThanTheRunWasWrittenInAnotherTimeZoneSoTheExecutionStartIsNotKnown() throws Exception {
    BuildIdentity identity = forkIdentity(stamp(Instant.now().plus(Duration.ofHours(2))));

    assertThat(identity.process()).isEqualTo(BuildIdentity.ofThisProcess(Instant.now()).process());
    assertThat(identity.since()).isNull();
  }

  private static String stamp(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneId.systemDefault())
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss_SSS"));
  }

  /** As Surefire on Linux starts a fork: /bin/sh -c "java ... <booter arguments>", with this JVM as Maven's. */
  private static BuildIdentity forkIdentity(String stamp) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    String classpath = System.getProperty("java.class.path");
    String command = "'" + java + "' -cp '" + classpath + "' " + PrintBuildIdentity.class.getName()
        + " /tmp/target/surefire " + stamp + "-jvmRun1 surefire-1tmp; exit $?";
    Process fork = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
    assertThat(fork.waitFor(60, TimeUnit.SECONDS)).as("the fork ended").isTrue();
    String printed = new String(fork.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return BuildIdentity.parse(printed).orElseThrow(() -> new AssertionError(printed));
  }

  @Test
  void aJvmNotStartedBySurefireIsItsOwnBuildWithNoStart() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        PrintBuildIdentity.class.getName(), "--ide").redirectErrorStream(true).start();
    assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
    String printed = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

    BuildIdentity identity = BuildIdentity.parse(printed).orElseThrow(() -> new AssertionError(printed));
    assertThat(identity.process()).startsWith(jvm.pid() + "@");
    assertThat(identity.since()).isNull();
  }
}
