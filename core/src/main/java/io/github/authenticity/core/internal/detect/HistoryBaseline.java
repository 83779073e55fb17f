package io.github.authenticity.core.internal.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.authenticity.core.internal.config.ConfigLoader;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import io.github.authenticity.core.internal.redact.Redactor;
import org.apiguardian.api.API;
import io.github.authenticity.core.config.ConfigurationKeys;

/**
 * Earlier reports whose {@code AUTHENTIC} durations count as authentic runs of the history
 * ({@code authenticity.history.baseline}): one or more {@code authenticity-report.json}, separated by commas,
 * each a path, a {@code file:} URL or an {@code http(s):} URL (a CI artifact), oldest first. Each report gives
 * each of its {@code AUTHENTIC} guarded tests one run. They are read once, when the history is first asked.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class HistoryBaseline {

  /** No baseline. */
  public static final HistoryBaseline NONE = new HistoryBaseline(List.of(), null);

  static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String FIX = "Point " + ConfigurationKeys.HISTORY_BASELINE + " at an authenticity-report.json"
      + " an earlier build wrote (a path, a file: or an http(s): URL), or leave it unset.";

  private final List<URI> locations;
  private final ReportReader reader;
  private Map<String, List<Long>> runs;
  private RuntimeException failure;

  private HistoryBaseline(List<URI> locations, ReportReader reader) {
    this.locations = List.copyOf(locations);
    this.reader = reader;
  }

  /**
   * Reads one {@code authenticity-report.json} (the report layer's reader: this class only knows the model).
   */
  @FunctionalInterface
  public interface ReportReader {

    /**
     * The report {@code in} holds.
     *
     * @param name what to call the source in a message
     * @param fix  what to do, appended to a message about a file that is not a report
     */
    Report read(Reader in, String name, String fix);
  }

  /**
   * The baseline {@code spec} names: comma-separated paths or URLs, each read with {@code reader}; {@code null} or
   * blank is {@link #NONE}.
   *
   * @throws IllegalArgumentException for a location that is neither a path nor a file/http/https URL, naming it,
   *                                  the key and what is allowed
   */
  public static HistoryBaseline parse(String spec, ReportReader reader) {
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    List<URI> locations = new ArrayList<>();
    for (String part : spec.split(",")) {
      String location = part.strip();
      if (location.isEmpty()) {
        continue;
      }
      locations.add(location(location));
    }
    return locations.isEmpty() ? NONE : new HistoryBaseline(locations, reader);
  }

  private static URI location(String location) {
    int colon = location.indexOf(':');
    // a scheme has two letters or more: C:\\reports\\... is a Windows path
    if (colon > 1 && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      String scheme = location.substring(0, colon).toLowerCase(Locale.ROOT);
      if (!List.of("file", "http", "https").contains(scheme)) {
        throw new IllegalArgumentException(bad(location, "the scheme [" + scheme + "] is not file, http or https"));
      }
      try {
        URI uri = new URI(location);
        if (!scheme.equals("file") && uri.getHost() == null) {
          throw new IllegalArgumentException(bad(location, "it has no host"));
        }
        return uri;
      } catch (URISyntaxException ex) {
        throw new IllegalArgumentException(bad(location, ex.getReason()), ex);
      }
    }
    try {
      return Path.of(location).toAbsolutePath().normalize().toUri();
    } catch (InvalidPathException ex) {
      throw new IllegalArgumentException(bad(location, ex.getReason()), ex);
    }
  }

  private static String bad(String location, String why) {
    return "The history baseline [" + Redactor.redactUrl(location) + "] (" + ConfigurationKeys.HISTORY_BASELINE
        + ") is not usable: " + why + ". " + FIX;
  }

  /** Whether there is no baseline. */
  public boolean isEmpty() {
    return locations.isEmpty();
  }

  /** The locations, as given (made absolute for paths). */
  public List<URI> locations() {
    return locations;
  }

  /**
   * The authentic runs in milliseconds per unique id, oldest first (read at the first call).
   *
   * @throws UncheckedIOException     when a location cannot be read, naming it and what to do
   * @throws IllegalArgumentException when one is not an authenticity report
   */
  public synchronized Map<String, List<Long>> runs() {
    if (failure != null) {
      // read once: a baseline that failed is not downloaded again for every test
      throw failure;
    }
    if (runs == null) {
      try {
        runs = load();
      } catch (RuntimeException ex) {
        failure = ex;
        throw ex;
      }
    }
    return runs;
  }

  private Map<String, List<Long>> load() {
    Map<String, List<Long>> all = new LinkedHashMap<>();
    for (URI location : locations) {
      for (TestEntry test : read(location, reader).tests()) {
        if (test.guarded() && test.verdict() == Verdict.AUTHENTIC && test.uniqueId() != null) {
          all.computeIfAbsent(test.uniqueId(), id -> new ArrayList<>()).add(test.durationMillis());
        }
      }
    }
    all.replaceAll((id, list) -> List.copyOf(list.subList(Math.max(0, list.size() - History.KEEP), list.size())));
    return Map.copyOf(all);
  }

  private static Report read(URI location, ReportReader reader) {
    String name = Redactor.redactUrl(location.toString());
    try (InputStream stream = open(location, name); Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
      return reader.read(in, name, FIX);
    } catch (IOException ex) {
      String why = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
      throw new UncheckedIOException("Cannot read the history baseline [" + name + "] ("
          + ConfigurationKeys.HISTORY_BASELINE + "): " + why + ". " + FIX, ex);
    }
  }

  private static InputStream open(URI location, String name) throws IOException {
    if ("file".equalsIgnoreCase(location.getScheme())) {
      Path file = Path.of(location);
      if (!Files.isRegularFile(file)) {
        throw new IOException("there is no file [" + file + "]");
      }
      return Files.newInputStream(file);
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpRequest request = HttpRequest.newBuilder(location).timeout(TIMEOUT).GET().build();
    try {
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        throw new IOException("GET " + name + " answered " + response.statusCode() + ", not 200");
      }
      return response.body();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading it", ex);
    }
  }
}
