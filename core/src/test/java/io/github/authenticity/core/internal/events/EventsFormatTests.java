package io.github.authenticity.core.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.authenticity.core.internal.events.Event.ContainerJudged;
import io.github.authenticity.core.internal.events.Event.Outcome;
import io.github.authenticity.core.internal.events.Event.RunEnded;
import io.github.authenticity.core.internal.events.Event.RunStarted;
import io.github.authenticity.core.internal.events.Event.ServiceProbed;
import io.github.authenticity.core.internal.events.Event.TestFinished;
import io.github.authenticity.core.internal.events.Event.TestJudged;
import io.github.authenticity.core.internal.events.Event.TestPlanned;
import io.github.authenticity.core.internal.events.Event.TestStarted;
import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsFormatTests {

  @TempDir
  Path dir;

  private static final String RUN = "3f0c";
  private static final String UID = "[engine:junit-jupiter]/[class:a.OrderE2E]/[method:places()]";

  static List<Event> everyKind() {
    return List.of(
        new RunStarted(RUN, 1, EventsFormat.VERSION, 4242, "ci-1", "17@1700000000000", "local", false, "fail",
            "classpath:authenticity.yaml", null, null, "17.0.15", "1.14.4", List.of("reason /requires Redis \\d/")),
        new ServiceProbed(RUN, 2, "backend", "http", "GET http://127.0.0.1:1/health", "DOWN", 12,
            "connection refused", "2026-12-01T08:00:00Z"),
        new TestPlanned(RUN, 3, UID, "[engine:junit-jupiter]/[class:a.OrderE2E]", "a.OrderE2E", "places",
            "OrderE2E > places()", List.of("e2e"), true, List.of("backend", "redis"), false, 2000L, null),
        new TestPlanned(RUN, 3, UID + "x", null, "a.OrderE2E", "each", "OrderE2E > each(int)", List.of(), true,
            List.of("backend"), true, null, "the invocations of a @ParameterizedTest"),
        new TestStarted(RUN, 4, UID),
        new TestJudged(RUN, 5, UID, new Judgement(Verdict.MASKED, null,
            List.of(new Evidence(EvidenceKind.FALLBACK_LOG, "in @BeforeEach logIn(): WARN c.e.Auth: \"stub token\"")),
            null, null, List.of(new AllowedMock("clock", "java.time.Clock", "time is not a service")),
            List.of("a warning"), 41L, "MASKED: ...", null)),
        new TestJudged(RUN, 5, UID + "y", new Judgement(Verdict.AUTHENTIC, null, List.of(),
            "backend: 3 exchanges, 1.2 KB in, 0.4 KB out with 127.0.0.1:18080", null, List.of(), List.of(), 12L, null, null)),
        new TestJudged(RUN, 5, UID + "z", new Judgement(Verdict.NOT_RUN, NotRunReason.ENVIRONMENT, List.of(), null,
            null, List.of(), List.of(), null, "@StagingOnly", null)),
        new TestJudged(RUN, 5, UID + "s", new Judgement(Verdict.NOT_RUN, NotRunReason.ALLOWED_SKIP, List.of(), null,
            null, List.of(), List.of(), null, "an assumption skipped it: \"requires Redis 8.8\"; allowed by rule"
            + " [reason /requires Redis \\d/] because version gate", "reason /requires Redis \\d/")),
        new ContainerJudged(RUN, 6, "[engine:junit-jupiter]/[class:a.OrderE2E]", Judgement.of(Verdict.SERVICE_DOWN,
            null, List.of(), "Real service 'backend' is DOWN")),
        new TestFinished(RUN, 7, UID, Outcome.FAILED, 41, "MASKED: ...", null, false),
        new TestFinished(RUN, 7, UID + "x", Outcome.SKIPPED, 0, "not today", "[engine:junit-jupiter]/[class:a.B]",
            true),
        new RunEnded(RUN, 8, 3, 1, 0, 1, 0, 1));
  }

  @Test
  void everyKindOfEventReadsBackAsWritten() {
    Path file;
    try (EventWriter writer = EventWriter.create(dir)) {
      everyKind().forEach(writer::write);
      file = writer.file();
    }
    List<Event> read = new ArrayList<>();
    EventReader.ReadResult summary = EventReader.read(file, read::add);

    assertThat(summary.problems()).isEmpty();
    assertThat(summary.truncated()).isFalse();
    assertThat(read).isEqualTo(everyKind());
    assertThat(file.getFileName().toString()).matches("events-\\d{8}-\\d{6}-\\d+-[0-9a-f]+\\.jsonl");
  }

  @Test
  void theEventsAWriterKeepsAreThoseReadBackFromItsFileRedactedAndOnOneLine() {
    String secret = "password=hunter2";
    List<Event> events = new ArrayList<>(everyKind());
    events.add(new TestFinished(RUN, 9, UID, Outcome.FAILED, 1, "login failed: " + secret + "\n  at x\n"
        + "y".repeat(3000), null, false));
    events.add(new TestJudged(RUN, 9, UID + "m", new Judgement(Verdict.MASKED, NotRunReason.CONDITION,
        List.of(new Evidence(EvidenceKind.FALLBACK_LOG, "token=abc123\nsecond line")), "proof " + secret,
        "unproven " + secret, List.of(new AllowedMock("f", "T", "reason " + secret)), List.of("warn " + secret),
        3L, "message\n" + secret, null)));
    events.add(new TestJudged(RUN, 9, UID + "n", new Judgement(Verdict.NOT_RUN, null, List.of(), null, null,
        List.of(), List.of(), null, null, null)));
    Path file;
    List<Event> kept;
    try (EventWriter writer = EventWriter.create(dir).keepWritten(1000)) {
      writer.writeAll(events.subList(0, 3));
      events.subList(3, events.size()).forEach(writer::write);
      file = writer.file();
      kept = writer.written().orElseThrow();
    }

    assertThat(kept).isEqualTo(EventReader.readAll(file)).hasSize(events.size());
    assertThat(kept.toString()).doesNotContain("hunter2", "abc123");
  }

  @Test
  void aWriterKeepsNoEventsOnceThereAreMoreThanItKeepsOrWhenNotAsked() {
    try (EventWriter writer = EventWriter.create(dir.resolve("few")).keepWritten(3)) {
      writer.writeAll(everyKind().subList(0, 3));
      assertThat(writer.written()).contains(everyKind().subList(0, 3));
      writer.write(everyKind().get(3));
      assertThat(writer.written()).isEmpty();
    }
    try (EventWriter writer = EventWriter.create(dir.resolve("none"))) {
      writer.write(everyKind().get(0));
      assertThat(writer.written()).isEmpty();
    }
  }

  @Test
  void aPlanOfThousandsOfTestsWrittenAtOnceReadsBackInOrderAsIfWrittenOneByOne() throws IOException {
    List<Event> planned = new ArrayList<>();
    for (int i = 0; i < 3000; i++) { // about 600 KB: several of the writer's 64 KB appends
      planned.add(new TestPlanned(RUN, 3, UID + i, null, "a.OrderE2E", "t" + i, "OrderE2E > t" + i + "()",
          List.of("e2e"), true, List.of("backend"), false, null, null));
    }
    Path together;
    Path oneByOne;
    try (EventWriter writer = EventWriter.create(dir.resolve("together"))) {
      writer.writeAll(planned);
      together = writer.file();
    }
    try (EventWriter writer = EventWriter.create(dir.resolve("one-by-one"))) {
      planned.forEach(writer::write);
      oneByOne = writer.file();
    }
    List<Event> read = new ArrayList<>();
    EventReader.ReadResult summary = EventReader.read(together, read::add);

    assertThat(summary.problems()).isEmpty();
    assertThat(read).isEqualTo(planned);
    assertThat(Files.readAllBytes(together)).isEqualTo(Files.readAllBytes(oneByOne));
  }

  @Test
  void freeTextIsRedactedAndCutToOneLineIdentifiersAreNot() throws IOException {
    String secret = "password=hunter2";
    Event event = new TestFinished(RUN, 1, UID, Outcome.FAILED, 1,
        "login failed: " + secret + "\n  at x\n" + "y".repeat(3000), null, false);
    String line = new String(EventWriter.line(event), StandardCharsets.UTF_8);

    assertThat(line).doesNotContain("hunter2").endsWith("\n").hasLineCount(1);
    TestFinished back = (TestFinished) EventReader.parse(line.strip());
    assertThat(back.message()).startsWith("login failed: password=**** at x y").hasSize(EventsFormat.MAX_MESSAGE)
        .endsWith("...");
    assertThat(back.uniqueId()).isEqualTo(UID);
  }

  @Test
  void aBadLineCostsOnlyThatLineAndIsNamed() throws IOException {
    List<byte[]> lines = new ArrayList<>();
    for (Event event : everyKind()) {
      lines.add(EventWriter.line(event));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(lines.get(0));
    // a crashed JVM's cut multi-byte character: é is C3 A9, only C3 made it
    bytes.write("{\"type\":\"started\",\"run\":\"3f0c\",\"uniqueId\":\"caf".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xC3);
    bytes.write("\"}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write(lines.get(1));
    bytes.write(("{\"type\":\"test\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}\n").getBytes(StandardCharsets.UTF_8));
    bytes.write(lines.get(2));
    bytes.write(("{\"type\":\"finished\",\"run\":\"3f0c\",\"message\":\"" + "m".repeat(EventsFormat.MAX_LINE_BYTES)
        + "\"}\n").getBytes(StandardCharsets.UTF_8));
    bytes.write("{not json}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"type\":\"started\",\"run\":\"3f0c\"}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"type\":\"a-newer-kind\",\"run\":\"3f0c\"}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write(lines.get(lines.size() - 1));
    bytes.write("{\"type\":\"started\",\"ru".getBytes(StandardCharsets.UTF_8));
    Path file = Files.write(dir.resolve("events-bad.jsonl"), bytes.toByteArray());

    List<Event> read = new ArrayList<>();
    EventReader.ReadResult summary = EventReader.read(file, read::add);

    assertThat(read).containsExactly(everyKind().get(0), everyKind().get(1), everyKind().get(2),
        everyKind().get(everyKind().size() - 1));
    assertThat(summary.truncated()).isTrue();
    assertThat(summary.problems()).containsExactly(
        "events-bad.jsonl:2: not valid UTF-8 (a cut multi-byte character?); skipped",
        "events-bad.jsonl:4: nested deeper than 32 levels or too large; skipped",
        "events-bad.jsonl:6: longer than 4 MB; skipped",
        "events-bad.jsonl:7: not JSON (Unexpected character ('n' (code 110)): was expecting double-quote to start"
            + " field name); skipped",
        "events-bad.jsonl:8: a 'started' event without 'uniqueId'; skipped");
  }

  @Test
  void eachEventIsInTheFileWholeAsSoonAsItIsWrittenAndAnEventThatCannotBeWrittenCostsOnlyItself() throws IOException {
    List<Event> events = everyKind();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (EventWriter writer = EventWriter.create(dir)) {
      for (Event event : events) {
        writer.write(event);
        expected.write(EventWriter.line(event));
        // no close, no later event: what a JVM killed now would leave behind (its lines, then zero bytes)
        assertThat(linesOf(writer.file())).isEqualTo(expected.toByteArray());
      }
      // fails half-way through its line (a judgement is required): nothing of it reaches the file
      Event broken = new TestJudged(RUN, 9, UID, null);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.write(broken))
          .isInstanceOf(NullPointerException.class);
      writer.write(events.get(4));
      expected.write(EventWriter.line(events.get(4)));
      assertThat(linesOf(writer.file())).isEqualTo(expected.toByteArray());

      List<Event> read = new ArrayList<>();
      EventReader.ReadResult summary = EventReader.read(writer.file(), read::add);
      assertThat(summary.problems()).isEmpty();
      assertThat(read).hasSize(events.size() + 1).endsWith(events.get(4));
    }
  }

  /** The bytes of {@code file} before its first zero byte, and that every byte after it is zero. */
  private static byte[] linesOf(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    for (int i = end; i < bytes.length; i++) {
      assertThat(bytes[i]).as("byte %d of %d after the last line", i, bytes.length).isZero();
    }
    return java.util.Arrays.copyOf(bytes, end);
  }

  @Test
  void aRunningOrDeadWritersFileEndsAtItsFirstZeroByteAndAClosedOneHasNone() throws IOException {
    List<Event> events = everyKind();
    Path file;
    try (EventWriter writer = EventWriter.create(dir)) {
      writer.writeAll(events);
      file = writer.file();
      // still running: the file runs on in zero bytes, a reader (another fork's report) reads every event
      assertThat(Files.size(file)).isGreaterThan(linesOf(file).length);
      assertThat(EventReader.readAll(file)).isEqualTo(events);
      assertThat(EventReader.runOf(file)).contains((RunStarted) events.get(0));
    }
    // closed: exactly its lines
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (Event event : events) {
      expected.write(EventWriter.line(event));
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());

    // a JVM that died while copying a line: the cut line before the zeros is named, the rest read
    byte[] whole = expected.toByteArray();
    byte[] died = java.util.Arrays.copyOf(whole, whole.length + 4096);
    System.arraycopy("{\"type\":\"started\",\"ru".getBytes(StandardCharsets.UTF_8), 0, died, whole.length, 20);
    Path dead = Files.write(dir.resolve("events-dead.jsonl"), died);
    List<Event> read = new ArrayList<>();
    EventReader.ReadResult summary = EventReader.read(dead, read::add);
    assertThat(read).isEqualTo(events);
    assertThat(summary.truncated()).isTrue();
    assertThat(summary.problems()).isEmpty();
  }

  @Test
  void aWriterMapsMoreOfItsFileWhenTheNextLinesDoNotFit() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 4000; i++) { // about 1.3 MB: past the first mapped step, one event at a time
      events.add(new TestFinished(RUN, i, UID + i, Outcome.FAILED, i, "m".repeat(EventsFormat.MAX_MESSAGE - 10),
          null, false));
    }
    Path file;
    try (EventWriter writer = EventWriter.create(dir)) {
      events.forEach(writer::write);
      file = writer.file();
    }
    assertThat(EventReader.readAll(file)).isEqualTo(events);
  }

  @Test
  void onAFileSystemWithoutSharedMappingsEachAppendIsAWriteAndTheFileHoldsOnlyItsLines() throws IOException {
    Path file = dir.resolve("events-plain.jsonl");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (MappedAppender appender = MappedAppender.createWriting(file)) {
      for (Event event : everyKind()) {
        byte[] line = EventWriter.line(event);
        appender.append(line, 0, line.length);
        expected.write(line);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
      }
    }
    assertThat(EventReader.readAll(file)).isEqualTo(everyKind());
  }

  @Test
  void theFirstRunEventOfAFileIsFoundWithoutReadingTheRest() {
    Path file;
    try (EventWriter writer = EventWriter.create(dir)) {
      everyKind().forEach(writer::write);
      file = writer.file();
    }
    assertThat(EventReader.runOf(file)).contains((RunStarted) everyKind().get(0));
    assertThat(EventReader.find(dir)).containsExactly(file);
  }

  @Test
  void theFormatDocumentNamesEveryTypeAndField() throws Exception {
    String doc = Files.readString(docs().resolve("events-format.md"), StandardCharsets.UTF_8);
    for (String type : EventsFormat.TYPES) {
      assertThat(doc).as("type " + type).contains("| `" + type + "` |");
    }
    for (Field field : EventsFormat.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class && !field.getName().equals("GLOB")
          && !EventsFormat.TYPES.contains((String) field.get(null))) {
        assertThat(doc).as("field " + field.getName()).contains("`" + field.get(null) + "`");
      }
    }
    assertThat(doc).contains("Format version " + EventsFormat.VERSION);
  }

  private static Path docs() {
    Path at = Path.of("").toAbsolutePath();
    while (at != null && !Files.isDirectory(at.resolve("docs"))) {
      at = at.getParent();
    }
    assertThat(at).as("the repository's docs/ folder above " + Path.of("").toAbsolutePath()).isNotNull();
    return at.resolve("docs");
  }
}
