package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupWarmupTests {

  @TempDir
  Path dir;

  @Test
  void warmsUpOnlyWhereAConfigurationWillBeRead() throws IOException {
    assertThat(System.getProperty("authenticity.config")).as("this test JVM must not set authenticity.config").isNull();
    Path none = Files.createDirectories(dir.resolve("none"));
    Path yaml = Files.createDirectories(dir.resolve("yaml"));
    Files.writeString(yaml.resolve("authenticity.yaml"), "environment: local\n");
    Path yml = Files.createDirectories(dir.resolve("yml"));
    Files.writeString(yml.resolve("authenticity.yml"), "environment: local\n");

    try (URLClassLoader withoutConfig = loader(none); URLClassLoader withYaml = loader(yaml);
        URLClassLoader withYml = loader(yml)) {
      assertThat(StartupWarmup.wanted(withoutConfig)).isFalse();
      assertThat(StartupWarmup.wanted(withYaml)).isTrue();
      assertThat(StartupWarmup.wanted(withYml)).isTrue();
    }
  }

  /** Sees only {@code directory} (no parent: the test class path has authenticity.yaml files of its own). */
  private static URLClassLoader loader(Path directory) throws IOException {
    return new URLClassLoader(new URL[] {directory.toUri().toURL()}, null);
  }
}
