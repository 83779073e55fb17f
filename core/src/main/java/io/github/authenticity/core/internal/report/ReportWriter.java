package io.github.authenticity.core.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apiguardian.api.API;

import io.github.authenticity.core.internal.model.Report;

/**
 * Writes the report files next to the test plugin's results: {@value #JSON}, {@value #HTML}, {@value #MARKDOWN}
 * and {@value #JUNIT_XML}. Each file is written to a temporary file and moved into place, so a reader (or another
 * test JVM writing at the same time) never sees half a report.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ReportWriter {

  /** The machine-readable report. */
  public static final String JSON = "authenticity-report.json";
  /** The self-contained page for people. */
  public static final String HTML = "authenticity-report.html";
  /** The short summary for CI job pages. */
  public static final String MARKDOWN = "authenticity-report.md";
  /** The JUnit XML suite {@code authenticity}. */
  public static final String JUNIT_XML = "TEST-authenticity.xml";

  private ReportWriter() {
  }

  /**
   * Writes all four files into {@code directory} (created if needed).
   *
   * @return the files written, in the order above
   * @throws UncheckedIOException naming the file when one cannot be written
   */
  public static List<Path> writeAll(Report given, Path directory) {
    // every text of the report through the one redaction policy, whatever it was redacted with before
    Report report = ReportRedaction.redact(given);
    try {
      Files.createDirectories(directory);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot create the report directory [" + directory.toAbsolutePath() + "]: "
          + ex.getMessage() + ". Check that it is writable.", ex);
    }
    // the HTML page, the largest, on a second thread while this one writes the other three (the end of a test
    // JVM waits for them: at 5,000 tests this halves that wait on two cores)
    CompletableFuture<Path> html = new CompletableFuture<>();
    Thread htmlWriter = new Thread(() -> {
      try {
        html.complete(write(directory.resolve(HTML), out -> out.write(HtmlReport.render(report))));
      } catch (RuntimeException | Error ex) {
        html.completeExceptionally(ex);
      }
    }, "authenticity-report-html");
    htmlWriter.setDaemon(true);
    htmlWriter.start();
    List<Path> written = new ArrayList<>(4);
    written.add(write(directory.resolve(JSON), out -> ReportJson.write(report, out)));
    Path markdown = write(directory.resolve(MARKDOWN), out -> out.write(MarkdownReport.render(report, HTML)));
    Path xml = write(directory.resolve(JUNIT_XML), out -> out.write(JunitXmlReport.render(report)));
    written.add(html(html));
    written.add(markdown);
    written.add(xml);
    return written;
  }

  private static Path html(CompletableFuture<Path> html) {
    try {
      return html.join();
    } catch (CompletionException ex) {
      if (ex.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (ex.getCause() instanceof Error cause) {
        throw cause;
      }
      throw ex;
    }
  }

  private interface Content {
    void writeTo(Writer out) throws IOException;
  }

  private static Path write(Path file, Content content) {
    Path temp = null;
    try {
      // not Files.createTempFile: its owner-only permissions would make the report unreadable to a CI server
      temp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "-"
          + Long.toHexString(System.nanoTime()) + ".tmp");
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException ex) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException ex) {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException suppressed) {
          ex.addSuppressed(suppressed);
        }
      }
      throw new UncheckedIOException("Cannot write the authenticity report [" + file.toAbsolutePath() + "]: "
          + ex.getMessage() + ". Check that the directory is writable.", ex);
    }
  }
}
