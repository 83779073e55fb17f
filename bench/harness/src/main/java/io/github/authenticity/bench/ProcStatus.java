package io.github.authenticity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** This process's peak resident set size ({@code /proc/self/status}) and CPU time. */
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

  /** CPU time of the whole process (every thread, JIT and GC included) in ms, or -1 when unknown. */
  static long processCpuMillis() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      long nanos = os.getProcessCpuTime();
      return nanos < 0 ? -1 : nanos / 1_000_000;
    }
    return -1;
  }

  /** The top {@code count} live Java threads by CPU time, e.g. {@code main 7088 ms, JFR Event Stream 1 1348 ms}. */
  static String topThreads(int count) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      ThreadInfo info = threads.getThreadInfo(id);
      long nanos = threads.getThreadCpuTime(id);
      if (info != null && nanos > 0) {
        cpu.merge(info.getThreadName(), nanos / 1_000_000, Long::sum);
      }
    }
    return cpu.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(count)
        .map(e -> e.getKey() + " " + e.getValue() + " ms").collect(Collectors.joining(", "));
  }
}
