package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the configuration is bounded in size and time, whatever the file holds. */
class BoundedConfigTests {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @TempDir
  Path root;

  /** A file of {@code size} bytes: one key whose value is a single long scalar. */
  private static void hugeScalar(Path file, long size) throws IOException {
    byte[] head = "environment: \"".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\"\n".getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(head);
      for (long left = size - head.length - tail.length; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      out.write(tail);
    }
  }

  private static long cpuMillis(Runnable action) {
    long start = THREADS.getCurrentThreadCpuTime();
    action.run();
    return (THREADS.getCurrentThreadCpuTime() - start) / 1_000_000;
  }

  @Test
  void aFileOverTheLimitIsRefusedBeforeParsingWithItsSizeAndTheLimit() throws IOException {
    Path file = root.resolve("big.yaml");
    hugeScalar(file, 50L * 1024 * 1024);
    String[] message = new String[1];
    long cpu = cpuMillis(() -> message[0] = Loading.empty(root).param("authenticity.config", file.toString()).error());

    assertThat(message[0]).isEqualTo("Configuration file [" + file + "] is 52,428,800 bytes, over the limit of"
        + " 262,144 bytes (256 KiB) a configuration file may have; it was not parsed. Keep only the settings in it"
        + " (a configuration file is a few KB)");
    assertThat(cpu).as("CPU milliseconds to refuse a 50 MB file").isLessThan(500);
  }

  @Test
  void aClassPathFileOverTheLimitIsRefusedToo() throws IOException {
    hugeScalar(root.resolve("authenticity.yaml"), 300_000);
    String message = Loading.empty(root).error();
    assertThat(message).startsWith("Configuration file [file:" + root.resolve("authenticity.yaml")
        + "] is 300,000 bytes, over the limit of 262,144 bytes (256 KiB)");
  }

  @Test
  void aFileJustUnderTheLimitParsesInAFractionOfASecond() throws IOException {
    Path file = root.resolve("edge.yaml");
    hugeScalar(file, ConfigFiles.MAX_BYTES);
    assertThat(Files.size(file)).isEqualTo(ConfigFiles.MAX_BYTES);
    String[] environment = new String[1];
    long cpu = cpuMillis(() -> environment[0] = Loading.empty(root).param("authenticity.config", file.toString())
        .load().environment());
    assertThat(environment[0]).hasSize(ConfigFiles.MAX_BYTES - 16);
    assertThat(cpu).as("CPU milliseconds to parse a 256 KiB scalar").isLessThan(1000);
  }

  @Test
  void aMergeKeyBombWithinTheAliasLimitIsRefusedQuickly() {
    StringBuilder yaml = new StringBuilder("x-a0: &a0 { k0: v }\n");
    for (int i = 1; i <= 24; i++) {
      yaml.append("x-a").append(i).append(": &a").append(i).append(" { <<: [*a").append(i - 1).append(", *a")
          .append(i - 1).append("] }\n");
    }
    yaml.append("environments:\n  local:\n    services:\n      backend: { <<: *a24, probe: tcp, host: h, port: 1 }\n");
    assertThat(yaml.length()).isLessThan(1024);
    String[] message = new String[1];
    long cpu = cpuMillis(() -> message[0] = Loading.yaml(root, yaml.toString()).error());

    assertThat(message[0]).isEqualTo("authenticity.yaml: the merge keys (<<: *anchor) expand to more than 100,000"
        + " entries; merge each anchor once or twice, not anchors that merge anchors");
    assertThat(cpu).as("CPU milliseconds to refuse the bomb").isLessThan(1000);
  }

  @Test
  void ordinaryMergeKeysStillWork() {
    AuthenticityConfig config = Loading.yaml(root, """
        x-defaults: &defaults { probe: tcp, host: localhost, timeout: 3s }
        environments:
          local:
            services:
              a: { <<: *defaults, port: 1 }
              b: { <<: *defaults, port: 2 }
        """).load();
    assertThat(config.services()).containsOnlyKeys("a", "b");
    assertThat(config.services().get("b").setting("host")).contains("localhost");
    assertThat(config.services().get("b").timeout()).hasSeconds(3);
  }
}
