package io.github.authenticity.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class InteractionMonitorTests {

  @Test
  void aJvmThatStartedTheMonitorStillEndsAfterItsLastTest() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Starter.class.getName())
        .redirectErrorStream(true).start();

    boolean ended = process.waitFor(30, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the JVM ended by itself").isTrue();
    assertThat(new String(process.getInputStream().readAllBytes())).contains("observable: true");
  }

  @Test
  void aJvmWithoutJfrCannotJudgeATestUnderRequiredAndSaysHowToChooseWarn() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "--limit-modules", "java.base,java.logging,java.net.http,java.sql",
        "-cp", System.getProperty("java.class.path"), WithoutJfr.class.getName()).redirectErrorStream(true).start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(output).contains("UNCONFIRMED|the JDK has no jdk.jfr module, so connections opened and closed within a "
        + "test cannot be seen" + System.lineSeparator());
    assertThat(output).contains("Cannot judge this guarded test: its interaction with its required services cannot be "
        + "observed in this JVM (redis: the JDK has no jdk.jfr module, so connections opened and closed within a test "
        + "cannot be seen). Fix that, or set detection.interaction: warn in authenticity.yaml "
        + "(or -Dauthenticity.detection.interaction=warn) to run such tests unproven.");
    assertThat(output).contains("warn unproven: interaction not confirmed: redis: the JDK has no jdk.jfr module");
  }

  @Test
  void aMonitorStartedAheadOfAConfigurationThatSwitchesItOffIsStoppedAndAWatchedOneIsNot() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Stopper.class.getName())
        .redirectErrorStream(true).start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(process.getInputStream().readAllBytes()).lines().filter(line -> line.startsWith("[")))
        .containsExactly("[started] recordings 1, hooked true",
            "[stopped unused] recordings 0, hooked false",
            "[started ahead after the stop] recordings 0, hooked false",
            "[started again, watched, asked to stop] recordings 1, hooked true");
  }

  /** Starts, stops unused, starts and watches, asks to stop again: what runs after each. */
  static final class Stopper {
    public static void main(String[] args) {
      InteractionMonitor.start();
      print("started");
      InteractionMonitor.stopIfUnused();
      print("stopped unused");
      InteractionMonitor.startAhead();
      print("started ahead after the stop");
      InteractionMonitor.start().watch("test", java.util.Map.of("redis",
          java.util.List.of(new io.github.authenticity.core.config.Endpoint("127.0.0.1", 6379)))).close();
      InteractionMonitor.stopIfUnused();
      print("started again, watched, asked to stop");
    }

    private static void print(String when) {
      long running = jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().stream()
          .filter(recording -> recording.getState() == jdk.jfr.RecordingState.RUNNING).count();
      System.out.println("[" + when + "] recordings " + running + ", hooked "
          + (java.net.ProxySelector.getDefault() instanceof InteractionMonitor.ProxySelectorHook));
    }
  }

  /** A stand-in test (no traffic) watched in a JVM without jdk.jfr. */
  static final class WithoutJfr {
    public static void main(String[] args) {
      java.util.List<io.github.authenticity.core.config.Endpoint> endpoints = java.util.List.of(
          new io.github.authenticity.core.config.Endpoint("127.0.0.1", 6379));
      InteractionMonitor.Watch watch = InteractionMonitor.start().watch("test", java.util.Map.of("redis", endpoints));
      java.util.List<InteractionMonitor.Finding> findings = watch.finish(true);
      for (InteractionMonitor.Finding finding : findings) {
        System.out.println(finding.status() + "|" + finding.line());
      }
      System.out.println(InteractionVerdict.of(findings, java.util.Map.of(), java.util.List.of("redis"),
          io.github.authenticity.core.config.Detection.Interaction.REQUIRED, false).cannotJudge());
      System.out.println("warn unproven: " + InteractionVerdict.of(findings, java.util.Map.of(),
          java.util.List.of("redis"), io.github.authenticity.core.config.Detection.Interaction.WARN, false).unproven());
    }
  }

  @Test
  void sizesAreShownInBytesKilobytesAndMegabytes() {
    assertThat(InteractionMonitor.size(512)).isEqualTo("512 B");
    assertThat(InteractionMonitor.size(2150)).isEqualTo("2.1 KB");
    assertThat(InteractionMonitor.size(3_565_158)).isEqualTo("3.4 MB");
  }

  /** Starts the monitor and returns from main: nothing may keep the JVM alive. */
  static final class Starter {
    public static void main(String[] args) {
      System.out.println("observable: " + (InteractionMonitor.start().unavailableReason() == null));
    }
  }
}
