package io.github.authenticity.core.internal.events;

import java.util.List;

import io.github.authenticity.core.internal.model.Judgement;
import org.apiguardian.api.API;

/**
 * One line of an events file: what a test JVM saw while its test plan ran. Each kind of event is a record;
 * {@link EventWriter} writes them and {@link EventReader} reads them back, both over {@link EventsFormat},
 * and nothing else writes or parses the file. {@code docs/events-format.md} describes the format.
 *
 * <p>Every event carries the id of its run (one test plan execution, unique across JVMs) and when it was
 * written ({@code at}, epoch milliseconds).
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public sealed interface Event {

  /** The random id of the test plan execution that wrote it. */
  String run();

  /** When it was written, in epoch milliseconds. */
  long at();

  /**
   * The first event of a file: the test plan started.
   *
   * @param formatVersion      {@link EventsFormat#VERSION} of the writer (0 for files written before it was recorded)
   * @param pid                the test JVM's process id
   * @param host               the machine's name, or {@code null}
   * @param build              the identity of the build that started this JVM (see {@code BuildIdentity})
   * @param environment        the active environment, or {@code null}
   * @param staging            whether it is a staging environment
   * @param mode               {@code fail} or {@code report}
   * @param config             where the configuration came from, or {@code null} when it is bad
   * @param configError        why the configuration is bad, or {@code null}
   * @param requireEnvironment {@code authenticity.requireEnvironment}, or {@code null}
   * @param java               the Java version
   * @param junit              the JUnit Platform version
   * @param allowedSkips       the labels of the declared allowed skips ({@code detection.allowedSkips}), so that a
   *                           report can say which allowed nothing
   */
  record RunStarted(String run, long at, int formatVersion, long pid, String host, String build, String environment,
      boolean staging, String mode, String config, String configError, String requireEnvironment, String java,
      String junit, List<String> allowedSkips) implements Event {

    /** Copies the list (null becomes empty). */
    public RunStarted {
      allowedSkips = allowedSkips == null ? List.of() : List.copyOf(allowedSkips);
    }
  }

  /** The preflight probe of one service finished. */
  record ServiceProbed(String run, long at, String name, String probe, String endpoint, String status,
      long latencyMillis, String detail, String probedAt) implements Event {
  }

  /**
   * A test of the plan (guarded or not), or a stand-in for tests that never entered it.
   *
   * @param parentId          the container it belongs to
   * @param displayName       with its parents, e.g. {@code Outer > Inner > name()}
   * @param minDurationMillis the {@code minDuration}, or {@code null}
   * @param standsFor         {@code null} for a test; for a test template or factory whose invocations never
   *                          started, what this one entry stands for (e.g. {@code the invocations of a
   *                          @ParameterizedTest})
   */
  record TestPlanned(String run, long at, String uniqueId, String parentId, String className, String methodName,
      String displayName, List<String> tags, boolean guarded, List<String> services, boolean stagingOnly,
      Long minDurationMillis, String standsFor) implements Event {

    /** Copies the lists (null becomes empty). */
    public TestPlanned {
      tags = tags == null ? List.of() : List.copyOf(tags);
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  /** A test started. */
  record TestStarted(String run, long at, String uniqueId) implements Event {
  }

  /**
   * A test finished, was skipped, or sits under a container that was skipped, aborted or failed.
   *
   * @param status         the JUnit outcome
   * @param message        one line: the exception or the skip reason
   * @param via            the container whose outcome it shares, when it never ran itself
   * @param disabled       skipped by a literal {@code @Disabled} (on it or its container), not by a condition
   */
  record TestFinished(String run, long at, String uniqueId, Outcome status, long durationMillis, String message,
      String via, boolean disabled) implements Event {
  }

  /** The extension's verdict on a guarded test, written before its {@code finished}. */
  record TestJudged(String run, long at, String uniqueId, Judgement judgement) implements Event {
  }

  /**
   * The extension's verdict on every guarded test under a container that could not run them (a class-level
   * service {@code DOWN}, bad configuration, an aborting {@code @BeforeAll}, a fallback in {@code @AfterAll}).
   */
  record ContainerJudged(String run, long at, String uniqueId, Judgement judgement) implements Event {
  }

  /** The last event of a file: the test plan finished, with JUnit's own counts. */
  record RunEnded(String run, long at, long discovered, long started, long succeeded, long failed, long aborted,
      long skipped) implements Event {
  }

  /** How a test ended, as JUnit reports it. */
  enum Outcome {
    SUCCESSFUL, FAILED, ABORTED, SKIPPED
  }
}
