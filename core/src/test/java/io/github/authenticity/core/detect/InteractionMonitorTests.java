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
