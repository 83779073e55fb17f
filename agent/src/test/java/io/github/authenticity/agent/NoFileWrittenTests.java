package io.github.authenticity.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.authenticity.agent.boot.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent loads no native code and writes no file: its ledger is defined in the boot class loader from the
 * agent jar's own bytes, so there is nothing in a shared temporary directory that another local user could swap
 * between its writing and its loading (what 0.1's JNI library allowed with {@code umask 000}).
 */
class NoFileWrittenTests {

  @Test
  void aJvmWithTheAgentWritesNothingIntoItsTemporaryDirectory(@TempDir Path tmp) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), agentOption(), "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true).start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("active true, loader null" + System.lineSeparator());
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void theAgentJarHoldsNoNativeLibrary() throws Exception {
    String jar = agentOption().substring("-javaagent:".length());
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar)) {
      List<String> natives = file.stream().map(java.util.jar.JarEntry::getName)
          .filter(name -> name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib") || name.endsWith(".jnilib"))
          .toList();
      assertThat(natives).isEmpty();
    }
  }

  /** This JVM's {@code -javaagent} option (Failsafe's argLine). */
  static String agentOption() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> argument.startsWith("-javaagent:") && argument.contains("authenticity-agent"))
        .findFirst().orElseThrow(() -> new AssertionError("Failsafe's argLine has no -javaagent"));
  }

  /** Opens a connection's worth of the ledger and prints what it sees. */
  static final class Probe {
    public static void main(String[] args) throws Exception {
      Ledger.Window window = Ledger.open("probe");
      window.close();
      System.out.println("active " + Ledger.awaitActive(30_000) + ", loader " + Ledger.class.getClassLoader());
    }
  }
}
