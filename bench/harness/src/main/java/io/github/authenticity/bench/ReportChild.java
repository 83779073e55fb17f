package io.github.authenticity.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import io.github.authenticity.core.internal.events.EventReader;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.report.ReportBuilder;
import io.github.authenticity.core.internal.report.ReportWriter;

/**
 * Child JVM main for scenario 4, run with {@code -Xmx512m}: reads every events file in a directory,
 * and in mode {@code full} also builds the report and writes all its files
 * ({@code ReportBuilder}, {@code ReportWriter.writeAll}); mode {@code read} only reads the files
 * (the floor set by parsing). Arguments: {@code mode eventsDirectory outputDirectory}.
 */
public final class ReportChild {

  private ReportChild() {
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path events = Path.of(args[1]);
    Path output = Path.of(args[2]);
    Properties out = new Properties();
    String phase = "read";
    try {
      long start = System.nanoTime();
      long lines = 0;
      long readNanos = 0;
      // one file at a time, streamed line by line, as the plugin and the listener merge them: only the
      // builder's digest and one line are held. B (read only) streams the same files without judging.
      ReportBuilder builder = mode.equals("full") ? new ReportBuilder() : null;
      long[] count = new long[1];
      for (Path file : EventReader.find(events)) {
        long readStart = System.nanoTime();
        if (builder != null) {
          phase = "addEventFile";
          builder.addEventFile(file);
        } else {
          phase = "EventReader.read";
          EventReader.read(file, event -> count[0]++);
        }
        readNanos += System.nanoTime() - readStart;
      }
      lines = count[0];
      long readDone = System.nanoTime();
      out.setProperty("events", Long.toString(lines));
      out.setProperty("readMillis", millis(readNanos));
      out.setProperty("addMillis", millis(readDone - start - readNanos));
      if (builder != null) {
        phase = "build";
        Report report = builder.build();
        builder = null;
        long built = System.nanoTime();
        phase = "writeAll";
        List<Path> written = ReportWriter.writeAll(report, output);
        long done = System.nanoTime();
        out.setProperty("buildMillis", millis(built - readDone));
        out.setProperty("writeMillis", millis(done - built));
        out.setProperty("written", written.toString());
        Path html = output.resolve(ReportWriter.HTML);
        out.setProperty("htmlBytes", Files.isRegularFile(html) ? Long.toString(Files.size(html)) : "-1");
        Path json = output.resolve(ReportWriter.JSON);
        out.setProperty("jsonBytes", Files.isRegularFile(json) ? Long.toString(Files.size(json)) : "-1");
        out.setProperty("reportTests", Integer.toString(report.tests().size()));
      }
      out.setProperty("totalMillis", millis(System.nanoTime() - start));
    } catch (RuntimeException | IOException ex) {
      ex.printStackTrace();
      out.setProperty("error", ex.getClass().getSimpleName() + ": " + ex.getMessage() + " (in " + phase + ")");
    } catch (OutOfMemoryError ex) {
      out.setProperty("error", "OutOfMemoryError: " + ex.getMessage() + " (in " + phase + ")");
    }
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    out.setProperty("peakHeapKb", Long.toString(peakHeap / 1024));
    out.setProperty("maxHeapKb", Long.toString(Runtime.getRuntime().maxMemory() / 1024));
    out.setProperty("vmHwmKb", Long.toString(ProcStatus.vmHwmKb()));
    out.setProperty("cpuMillis", Long.toString(ProcStatus.processCpuMillis()));
    out.setProperty("mainCpuMillis", Long.toString(
        ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000));
    out.setProperty("topThreads", ProcStatus.topThreads(4));
    ChildOutput.write(out);
    System.exit(0);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }
}
