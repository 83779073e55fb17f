package io.github.authenticity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's peak resident set size from {@code /proc/self/status}. */
final class ProcStatus {

  private ProcStatus() {
  }

  /** VmHWM in kB, or -1 where /proc is not available. */
  static long vmHwmKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).replace("kB", "").strip());
        }
      }
    } catch (IOException | RuntimeException ex) {
      return -1;
    }
    return -1;
  }
}
