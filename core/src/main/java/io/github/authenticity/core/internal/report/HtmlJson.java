package io.github.authenticity.core.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.authenticity.core.internal.redact.HtmlEscaping;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.TestEntry;

/**
 * The HTML report's embedded data (the list of guarded tests its script renders) as JSON that is safe inside a
 * {@code <script>} element: Jackson's generator with {@link HtmlEscaping#JSON} (upper-case hex, unlike the report
 * JSON, as the page always had).
 */
final class HtmlJson {

  /** The list shows MASKED first, then NOT_RUN, SERVICE_DOWN, FAILED, AUTHENTIC (indexed by Verdict ordinal). */
  private static final int[] LIST_ORDER = {4, 0, 3, 2, 1};

  private HtmlJson() {
  }

  /** {"v":[verdicts], "c":[classes], "s":[service sets], "n":[notes], "r":[[class, display, verdict, ms, note, services], ...]}. */
  static void data(List<TestEntry> guarded, StringBuilder out) {
    Map<String, Integer> classes = new HashMap<>();
    List<String> classList = new ArrayList<>();
    Map<String, Integer> serviceSets = new HashMap<>();
    List<String> serviceList = new ArrayList<>();
    Map<String, Integer> notes = new HashMap<>();
    List<String> noteList = new ArrayList<>();
    StringBuilder rows = new StringBuilder(guarded.size() * 100);
    boolean first = true;
    List<TestEntry> ordered = new ArrayList<>(guarded);
    ordered.sort(Comparator.comparingInt(t -> LIST_ORDER[t.verdict().ordinal()]));
    for (TestEntry test : ordered) {
      String cls = test.className() == null ? "" : test.className();
      int c = classes.computeIfAbsent(cls, k -> {
        classList.add(k);
        return classList.size() - 1;
      });
      String set = String.join(", ", test.services());
      int sv = serviceSets.computeIfAbsent(set, k -> {
        serviceList.add(k);
        return serviceList.size() - 1;
      });
      if (!first) {
        rows.append(',');
      }
      first = false;
      rows.append('[').append(c).append(',');
      string(test.displayName() == null ? String.valueOf(test.methodName()) : test.displayName(), rows);
      int n = notes.computeIfAbsent(note(test), k -> {
        noteList.add(k);
        return noteList.size() - 1;
      });
      rows.append(',').append(test.verdict().ordinal()).append(',').append(test.durationMillis()).append(',')
          .append(n).append(',').append(sv).append(']');
    }
    out.append("{\"v\":");
    strings(List.of(HtmlReport.VERDICTS), out);
    out.append(",\"c\":");
    strings(classList, out);
    out.append(",\"s\":");
    strings(serviceList, out);
    out.append(",\"n\":");
    strings(noteList, out);
    out.append(",\"r\":[").append(rows).append("]}");
  }

  private static String note(TestEntry test) {
    return switch (test.verdict()) {
      case AUTHENTIC -> test.proof() != null ? test.proof() : test.unproven() == null ? "" : "unproven: " + test.unproven();
      case MASKED -> {
        StringBuilder note = new StringBuilder();
        for (Evidence evidence : test.evidence()) {
          if (note.length() > 0) {
            note.append(" | ");
          }
          note.append(evidence.kind()).append(' ').append(evidence.detail() == null ? "" : evidence.detail());
        }
        yield note.toString();
      }
      case NOT_RUN -> test.reason() + (test.message() == null ? "" : ": " + test.message());
      default -> {
        String detail = test.evidence().isEmpty() ? "" : test.evidence().get(0).kind() + " "
            + test.evidence().get(0).detail();
        yield test.message() != null ? test.message() : detail;
      }
    };
  }

  /** Appends {@code text} as a JSON string literal. */
  static void string(String text, StringBuilder out) {
    write(out, json -> json.writeString(text));
  }

  /** Appends {@code texts} as a JSON array of strings. */
  static void strings(List<String> texts, StringBuilder out) {
    write(out, json -> {
      json.writeStartArray();
      for (String text : texts) {
        json.writeString(text);
      }
      json.writeEndArray();
    });
  }

  private interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private static void write(StringBuilder out, Body body) {
    try (JsonGenerator json = HtmlEscaping.pageJson(new Appender(out))) {
      body.write(json);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** A {@link Writer} onto a {@link StringBuilder}. */
  private static final class Appender extends Writer {

    private final StringBuilder out;

    Appender(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      out.append(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) {
      out.append(text, offset, offset + length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }
}
