package io.github.authenticity.core.internal.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * What one {@link TestScope} window has seen: the lines logged or printed and the {@code Fallbacks.report}
 * details, each with where it was seen, and how many of a container's items were already handed out to the
 * judgement of a test in it. The window decides which thread's items come here; this class only keeps them.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class WindowEvidence {

  static final int MAX_LINES = 10_000;
  private final Queue<TestScope.Seen<CapturedLine>> lines = new ConcurrentLinkedQueue<>();
  private final AtomicInteger lineCount = new AtomicInteger();
  private volatile List<Pattern> patterns;
  private final Queue<TestScope.Seen<String>> reports = new ConcurrentLinkedQueue<>();
  private final AtomicInteger linesHandedOut = new AtomicInteger();
  private final AtomicInteger reportsHandedOut = new AtomicInteger();

  WindowEvidence() {
  }

  /**
   * Keeps only lines that match one of {@code patterns} from now on, so a chatty test (wire logging)
   * costs no memory; without patterns at most {@value #MAX_LINES} lines are kept.
   */
  public void keepOnlyMatching(List<Pattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** Records a line logged or printed under {@code scope}, seen where the scope is now. */
  void add(CapturedLine line, TestScope scope) {
    List<Pattern> filter = patterns;
    if (filter != null) {
      for (Pattern pattern : filter) {
        if (pattern.matcher(line.text()).find()) {
          lines.add(new TestScope.Seen<>(line, scope.whereNow()));
          return;
        }
      }
      return;
    }
    if (lineCount.incrementAndGet() <= MAX_LINES) {
      lines.add(new TestScope.Seen<>(line, scope.whereNow()));
    }
  }

  /** Records a {@code Fallbacks.report} detail, seen {@code where}. */
  void report(String detail, String where) {
    reports.add(new TestScope.Seen<>(detail, where));
  }

  /** The lines captured so far, in order. */
  public List<CapturedLine> lines() {
    return seenLines().stream().map(TestScope.Seen::item).toList();
  }

  /** The lines captured so far, in order, with where each was seen. */
  public List<TestScope.Seen<CapturedLine>> seenLines() {
    return new ArrayList<>(lines);
  }

  /** The {@code Fallbacks.report} details so far, in order. */
  public List<String> reports() {
    return seenReports().stream().map(TestScope.Seen::item).toList();
  }

  /** The {@code Fallbacks.report} details so far, in order, with where each was seen. */
  public List<TestScope.Seen<String>> seenReports() {
    return new ArrayList<>(reports);
  }

  /**
   * A container's lines so far, for the judgement of a test in it: from now on {@link #linesNotHandedOut()}
   * starts after them.
   */
  public List<TestScope.Seen<CapturedLine>> handOutLines() {
    return handOut(seenLines(), linesHandedOut);
  }

  /** A container's lines seen after the last test in it was judged (e.g. in {@code @AfterAll}). */
  public List<TestScope.Seen<CapturedLine>> linesNotHandedOut() {
    List<TestScope.Seen<CapturedLine>> all = seenLines();
    return all.subList(Math.min(linesHandedOut.get(), all.size()), all.size());
  }

  /** Like {@link #handOutLines()}, for the {@code Fallbacks.report} details. */
  public List<TestScope.Seen<String>> handOutReports() {
    return handOut(seenReports(), reportsHandedOut);
  }

  /** Like {@link #linesNotHandedOut()}, for the {@code Fallbacks.report} details. */
  public List<TestScope.Seen<String>> reportsNotHandedOut() {
    List<TestScope.Seen<String>> all = seenReports();
    return all.subList(Math.min(reportsHandedOut.get(), all.size()), all.size());
  }

  private static <T> List<T> handOut(List<T> items, AtomicInteger handedOut) {
    handedOut.accumulateAndGet(items.size(), Math::max);
    return items;
  }
}
