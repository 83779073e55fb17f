package io.github.authenticity.core.internal.events;

import java.util.List;

import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.Verdict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.apiguardian.api.API;

/**
 * The one definition of the events file format that {@link EventWriter} and {@link EventReader} share: the
 * version, the event types and the field names. {@code docs/events-format.md} is checked against it by a test.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class EventsFormat {

  /** The format version this code writes (in the {@code run} event); 0.1 wrote none. */
  public static final int VERSION = 4;

  /** How every events file's name starts (not public: every public string here is a name of the format). */
  private static final String PREFIX = "events-";

  /** How every events file's name ends. */
  private static final String SUFFIX = ".jsonl";

  /** The file name pattern of every events file. */
  public static final String GLOB = PREFIX + "*" + SUFFIX;

  /** A line longer than this is skipped with a warning, never parsed. */
  public static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  /** JSON nested deeper than this is skipped with a warning (a writer of ours nests 3 levels). */
  public static final int MAX_DEPTH = 32;

  /** A free-text field ({@code message}) is cut to this many characters, after redaction. */
  public static final int MAX_MESSAGE = 2000;

  // event types
  public static final String RUN = "run";
  public static final String SERVICE = "service";
  public static final String TEST = "test";
  public static final String STARTED = "started";
  public static final String FINISHED = "finished";
  public static final String VERDICT = "verdict";
  public static final String CONTAINER = "container";
  public static final String END = "end";

  /** Every type, in the order a file holds them. */
  public static final List<String> TYPES = List.of(RUN, SERVICE, TEST, STARTED, FINISHED, VERDICT, CONTAINER, END);

  // the envelope
  public static final String TYPE = "type";
  public static final String RUN_ID = "run";
  public static final String AT = "at";

  // run
  public static final String FORMAT = "format";
  public static final String PID = "pid";
  public static final String HOST = "host";
  public static final String BUILD = "build";
  public static final String ENVIRONMENT = "environment";
  public static final String STAGING = "staging";
  public static final String MODE = "mode";
  public static final String CONFIG = "config";
  public static final String CONFIG_ERROR = "configError";
  public static final String REQUIRE_ENVIRONMENT = "requireEnvironment";
  public static final String JAVA = "java";
  public static final String JUNIT = "junit";
  public static final String ALLOWED_SKIPS = "allowedSkips";

  // service
  public static final String NAME = "name";
  public static final String PROBE = "probe";
  public static final String ENDPOINT = "endpoint";
  public static final String STATUS = "status";
  public static final String LATENCY_MILLIS = "latencyMillis";
  public static final String DETAIL = "detail";
  public static final String PROBED_AT = "probedAt";

  // test, started, finished, verdict, container
  public static final String UNIQUE_ID = "uniqueId";
  public static final String PARENT_ID = "parentId";
  public static final String CLASS_NAME = "className";
  public static final String METHOD_NAME = "methodName";
  public static final String DISPLAY_NAME = "displayName";
  public static final String TAGS = "tags";
  public static final String GUARDED = "guarded";
  public static final String SERVICES = "services";
  public static final String STAGING_ONLY = "stagingOnly";
  public static final String MIN_DURATION_MILLIS = "minDurationMillis";
  public static final String STANDS_FOR = "standsFor";
  public static final String DURATION_MILLIS = "durationMillis";
  public static final String MESSAGE = "message";
  public static final String VIA = "via";
  public static final String DISABLED = "disabled";
  public static final String VERDICT_FIELD = "verdict";
  public static final String REASON = "reason";
  public static final String EVIDENCE = "evidence";
  public static final String KIND = "kind";
  public static final String PROOF = "proof";
  public static final String UNPROVEN = "unproven";
  public static final String ALLOWED_MOCKS = "allowedMocks";
  public static final String FIELD = "field";
  public static final String MOCK_TYPE = "type";
  public static final String WARNINGS = "warnings";
  public static final String ALLOWED_BY = "allowedBy";

  // end
  public static final String DISCOVERED = "discovered";
  public static final String STARTED_COUNT = "started";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String ABORTED = "aborted";
  public static final String SKIPPED = "skipped";

  /** The factory both sides use: bounded nesting and string sizes, so a hostile line cannot exhaust the stack. */
  static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
          .maxStringLength(MAX_LINE_BYTES).maxNumberLength(64).build())
      .build();

  private EventsFormat() {
  }

  /** The name of an events file whose unique part is {@code unique}. */
  static String fileName(String unique) {
    return PREFIX + unique + SUFFIX;
  }

  /** Whether a file named {@code name} is an events file ({@value #GLOB}). */
  public static boolean isEventsFileName(String name) {
    return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
  }

  /**
   * The reason a verdict has once read back: only {@code NOT_RUN} has one ({@code NOT_EXECUTED} when none was
   * written), every other verdict none.
   */
  static NotRunReason reasonAsRead(Verdict verdict, NotRunReason reason) {
    if (verdict != Verdict.NOT_RUN) {
      return null;
    }
    return reason == null ? NotRunReason.NOT_EXECUTED : reason;
  }
}
