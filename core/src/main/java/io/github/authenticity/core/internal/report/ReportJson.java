package io.github.authenticity.core.internal.report;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apiguardian.api.API;

import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.OverallVerdict;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.ServiceStatus;
import io.github.authenticity.core.internal.model.SkipRuleUse;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;

/**
 * Writes a {@link Report} as {@code authenticity-report.json} (schemaVersion 1) and reads it back, with
 * jackson-core's streaming generator and parser: one test at a time, so neither a big report nor its file is
 * ever held as one string.
 *
 * <p>The file is one line of compact JSON, {@code null} written for an absent value; {@code <}, {@code >},
 * {@code &}, U+2028 and U+2029 are escaped, so the text is also safe inside an HTML page. Reading ignores keys it
 * does not know (a newer writer may add some) but not another schemaVersion. The field names are defined once, in
 * {@link ReportFormat}; {@link ReportJsonWriter} writes and {@link ReportJsonReader} reads by them.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ReportJson {

  private ReportJson() {
  }

  /** The report as JSON on one line. */
  public static String write(Report report) {
    StringWriter out = new StringWriter(512 + report.tests().size() * 400);
    try {
      write(report, out);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toString();
  }

  /** Streams the report as JSON on one line, ending in a line break, to {@code out} (left open). */
  public static void write(Report report, Writer out) throws IOException {
    ReportJsonWriter.write(report, out);
  }

  /**
   * Reads an {@code authenticity-report.json}.
   *
   * @throws IllegalArgumentException when the file is not such a report, naming the file and what is wrong
   * @throws UncheckedIOException     when it cannot be read
   */
  public static Report read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString(), "Delete it and run the report goal again.");
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read the authenticity report [" + file + "]: " + ex.getMessage(), ex);
    }
  }

  /**
   * Reads an {@code authenticity-report.json} from {@code in} (left open).
   *
   * @param name what to call it in a message (a path or a URL, secrets redacted)
   * @param fix  the sentence that ends the message when it is not such a report
   * @throws IllegalArgumentException when it is not such a report, naming it and what is wrong
   * @throws UncheckedIOException     when it cannot be read
   */
  public static Report read(Reader in, String name, String fix) {
    return ReportJsonReader.read(in, name, fix);
  }
}
