package io.github.authenticity.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.OverallVerdict;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.SkipRuleUse;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;

class ReportWriterTests {

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);
  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new com.fasterxml.jackson.core.type.TypeReference<>() { };

  static final String HOSTILE = "<script>alert(1)</script> \"quoted\" 'single' & </script><img src=x onerror=alert(2)>";

  @TempDir
  Path dir;

  private Report hostileReport() {
    try (Events events = Events.create(dir.resolve("events"), "local<b>", false)) {
      events.append("service", "name", "back<end>", "probe", "http", "endpoint", "http://x/\"><script>alert(3)</script>",
          "status", "DOWN", "latencyMillis", 5, "detail", HOSTILE);
      String uid = Events.uid("com.example.Evil<T>", "m");
      events.append("test", "uniqueId", uid, "className", "com.example.Evil<T>", "methodName", "m",
          "displayName", HOSTILE, "tags", List.of(), "guarded", true, "services", List.of("back<end>"),
          "stagingOnly", false);
      events.started(uid);
      events.verdict(uid, "MASKED", null, "FALLBACK_LOG", HOSTILE + " *bold* [link](http://x) | pipe \u0000 nul");
      events.finished(uid, "FAILED", 3, HOSTILE);
      String notRun = events.test("com.example.Evil<T>", "never", true, "back<end>");
      events.end();
      assertThat(notRun).isNotNull();
      return new ReportBuilder().addEventFile(events.read()).generatedAt(MixedRun.AT).build();
    }
  }

  @Test
  void writesTheFourFilesAndTheJsonReadsBackEqual() throws IOException {
    Report report = MixedRun.report(dir.resolve("events"));
    List<Path> files = ReportWriter.writeAll(report, dir.resolve("out"));
    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("authenticity-report.json",
        "authenticity-report.html", "authenticity-report.md", "TEST-authenticity.xml");
    assertThat(files).allMatch(Files::isRegularFile);
    try (var listing = Files.list(dir.resolve("out"))) {
      assertThat(listing).as("no temporary file left behind").hasSize(4);
    }
    assertThat(ReportJson.read(files.get(0))).isEqualTo(report);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theJsonHasTheSpecFieldsAndNames() throws IOException {
    Report report = MixedRun.report(dir.resolve("events"));
    Path json = ReportWriter.writeAll(report, dir.resolve("out")).get(0);
    Map<String, Object> map = JSON.readValue(Files.readString(json), MAP);
    assertThat(map).containsKeys("schemaVersion", "verdict", "environment", "complete", "summary", "services", "tests");
    assertThat(map.get("schemaVersion")).isEqualTo(1L);
    assertThat(map.get("verdict")).isEqualTo("MASKED");
    assertThat((Map<String, Object>) map.get("summary")).containsKeys("discovered", "executed", "guarded", "authentic",
        "masked", "failed", "serviceDown", "notRun");
    assertThat(((List<Map<String, Object>>) map.get("services")).get(0)).containsOnlyKeys("name", "probe", "endpoint",
        "status", "latencyMillis", "detail");
    Map<String, Object> masked = ((List<Map<String, Object>>) map.get("tests")).stream()
        .filter(t -> "agentRuns".equals(t.get("methodName"))).findFirst().orElseThrow();
    assertThat(masked).containsKeys("uniqueId", "className", "methodName", "displayName", "guarded", "services",
        "verdict", "durationMillis", "reason", "evidence");
    assertThat(masked.get("evidence")).isEqualTo(List.of(Map.of("kind", "FALLBACK_LOG", "detail",
        "\"Using MockWebSocketManager due to connection failure\"")));
  }

  @Test
  void readingSomethingElseSaysWhatIsWrong() throws IOException {
    Path file = Files.writeString(dir.resolve("authenticity-report.json"), "{\"schemaVersion\": 7}");
    assertThatThrownBy(() -> ReportJson.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The authenticity report [" + file + "] cannot be read: schemaVersion is [7], this version reads [1]."
            + " Delete it and run the report goal again.");
  }

  @Test
  void theJunitXmlIsValidAndShowsMaskedAndNotRunAsFailures() throws Exception {
    Report report = MixedRun.report(dir.resolve("events"));
    Path xml = ReportWriter.writeAll(report, dir.resolve("out")).get(3);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    Element suite = doc.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("name")).isEqualTo("authenticity");
    assertThat(suite.getAttribute("tests")).isEqualTo("27");
    assertThat(suite.getAttribute("failures")).isEqualTo("6");
    assertThat(suite.getAttribute("errors")).isEqualTo("0");
    assertThat(suite.getAttribute("skipped")).isEqualTo("0");
    NodeList cases = doc.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(27);
    Element agent = find(cases, "agentRuns");
    assertThat(agent.getAttribute("classname")).isEqualTo("com.example.agent.AgentExecutionE2E");
    Element failure = (Element) agent.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("MASKED");
    assertThat(failure.getAttribute("message"))
        .isEqualTo("MASKED: FALLBACK_LOG \"Using MockWebSocketManager due to connection failure\"");
    Element search = find(cases, "findsProducts");
    assertThat(((Element) search.getElementsByTagName("failure").item(0)).getAttribute("type"))
        .isEqualTo("NOT_RUN.NOT_DISCOVERED");
    assertThat(find(cases, "scenario01").getChildNodes().getLength()).isZero();
  }

  @Test
  void theJunitXmlStaysValidWithHostileTextAndSkipsDisabledTests() throws Exception {
    Report report = hostileReport();
    Path xml = ReportWriter.writeAll(report, dir.resolve("out")).get(3);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    Element masked = find(doc.getElementsByTagName("testcase"), "m");
    assertThat(masked.getAttribute("classname")).isEqualTo("com.example.Evil<T>");
    assertThat(((Element) masked.getElementsByTagName("failure").item(0)).getAttribute("message"))
        .startsWith("MASKED: FALLBACK_LOG " + HOSTILE).contains("pipe ? nul");

    try (Events events = Events.create(dir.resolve("disabled"), "local", false)) {
      String uid = events.test("a.OrderE2E", "off", true, "backend");
      events.disabled(uid, "@Disabled: JIRA-12").end();
      Path file = ReportWriter.writeAll(new ReportBuilder().addEventFile(events.read()).build(), dir.resolve("d")).get(3);
      Document disabled = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
      assertThat(disabled.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
      assertThat(((Element) disabled.getElementsByTagName("skipped").item(0)).getAttribute("message"))
          .isEqualTo("DISABLED: @Disabled: JIRA-12");
    }
  }

  @Test
  void theHtmlEscapesEveryTextAndEmbedsDataThatCannotCloseItsScript() throws IOException {
    Report report = hostileReport();
    Path html = ReportWriter.writeAll(report, dir.resolve("out")).get(1);
    String page = Files.readString(html, StandardCharsets.UTF_8);

    assertThat(page).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("local<b>")
        .doesNotContain("\"><script>");
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &#39;single&#39; &amp;");
    Matcher scripts = Pattern.compile("<script[^>]*>").matcher(page);
    int count = 0;
    while (scripts.find()) {
      count++;
    }
    assertThat(count).as("only our two script elements").isEqualTo(2);
    assertThat(page.split("</script>", -1)).as("each script element closes once").hasSize(3);
    String marker = "<script type=\"application/json\" id=\"data\">";
    String data = page.substring(page.indexOf(marker) + marker.length(), page.indexOf("</script>"));
    Map<String, Object> parsed = JSON.readValue(data, MAP);
    assertThat(parsed.get("r").toString()).contains(HOSTILE);
    assertThat(parsed.get("n").toString()).contains(HOSTILE);
    assertThat(page).as("nothing fetched from the network").doesNotContainPattern("(?i)<link|@import|src=\"?http|url\\(");
  }

  @Test
  void bidirectionalControlsReachNoFileAndNoConsoleLineRaw() throws IOException {
    String override = "\u202E";
    try (Events events = Events.create(dir.resolve("bidi"), "local", false)) {
      String uid = Events.uid("com.example.Upload" + override + "E2E", "gnp" + override + ".exe");
      events.append("test", "uniqueId", uid, "className", "com.example.Upload" + override + "E2E", "methodName",
          "gnp" + override + ".exe", "displayName", "uploads gnp" + override + ".exe", "tags", List.of(), "guarded", true,
          "services", List.of("backend"), "stagingOnly", false);
      events.started(uid);
      events.verdict(uid, "MASKED", null, "FALLBACK_LOG", "Using mock \u2067storage\u2069 " + override + "kcab");
      events.finished(uid, "SUCCESSFUL", 3, null);
      events.end();
      Report report = new ReportBuilder().addEventFile(events.read()).generatedAt(MixedRun.AT).build();
      List<Path> files = ReportWriter.writeAll(report, dir.resolve("bidi-out"));
      for (Path file : files) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("%s", file.getFileName()).doesNotContain(override).doesNotContain("\u2067")
            .doesNotContain("\\u202e").doesNotContain("\\u202E");
      }
      assertThat(Files.readString(files.get(2))).contains("**Upload\\[U+202E\\]E2E.gnp\\[U+202E\\].exe**: FALLBACK\\_LOG"
          + " Using mock \\[U+2067\\]storage\\[U+2069\\] \\[U+202E\\]kcab");
      assertThat(ReportJson.read(files.get(0)).tests().get(0).displayName()).isEqualTo("uploads gnp[U+202E].exe");
      assertThat(ConsoleSummary.lines(report, files.get(1))).noneMatch(line -> line.contains(override))
          .anyMatch(line -> line.contains("[U+202E]"));
    }
  }

  @Test
  void theHtmlShowsTheVerdictScoreAndABannerForAnIncompleteRun() throws IOException {
    Report report = hostileReport();
    String page = Files.readString(ReportWriter.writeAll(report, dir.resolve("out")).get(1));
    assertThat(report.complete()).isTrue();
    assertThat(page).contains("<div class=\"verdict\">MASKED</div>").contains("<div class=\"pct\">0%</div>")
        .doesNotContain("Incomplete run.");

    try (Events events = Events.create(dir.resolve("cut"), "local", false)) {
      events.ran("a.OrderE2E", "placesOrder", "AUTHENTIC");
      events.ran("a.OrderE2E", "cancels", "AUTHENTIC");
      events.ran("a.OrderE2E", "refunds", "MASKED", "TOO_FAST", "ran 3 ms");
      Report cut = new ReportBuilder().addEventFile(events.read()).build();
      String cutPage = Files.readString(ReportWriter.writeAll(cut, dir.resolve("cut-out")).get(1));
      assertThat(cutPage).contains("<div class=\"banner\" role=\"alert\"><strong>Incomplete run.</strong>")
          .contains("<div class=\"pct\">66%</div>");
    }
  }

  @Test
  void theMarkdownIsShortAndEscaped() throws IOException {
    String md = Files.readString(ReportWriter.writeAll(hostileReport(), dir.resolve("out")).get(2));
    assertThat(md).startsWith("## Authenticity: MASKED\n\n**0%** of executed guarded tests authentic (0 of 1),"
        + " environment local&lt;b&gt;.\n\n");
    assertThat(md).contains("| back&lt;end&gt; | http://x/\"&gt;&lt;script&gt;alert(3)&lt;/script&gt; | **DOWN** | 5 ms |")
        .contains("- **Evil&lt;T&gt;.m**: FALLBACK\\_LOG &lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("\\*bold\\* \\[link\\](http://x) \\| pipe")
        .contains("### Not run (1)\n\n- **Evil&lt;T&gt;.never**: NOT\\_EXECUTED: discovered, but never started")
        .doesNotContain("<script");
  }

  @Test
  void theMarkdownCapsLongLists() throws IOException {
    try (Events events = Events.create(dir.resolve("many"), "local", false)) {
      for (int i = 0; i < 60; i++) {
        events.ran("a.ManyE2E", "t" + i, "MASKED", "TOO_FAST", "ran 1 ms");
      }
      events.end();
      String md = Files.readString(ReportWriter.writeAll(new ReportBuilder().addEventFile(events.read()).build(),
          dir.resolve("out")).get(2));
      assertThat(md).contains("- **ManyE2E.t49**: TOO\\_FAST ran 1 ms\n- ... and 10 more\n").doesNotContain("t50");
    }
  }

  private static Element find(NodeList cases, String name) {
    for (int i = 0; i < cases.getLength(); i++) {
      Element e = (Element) cases.item(i);
      if (e.getAttribute("name").equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no testcase named [" + name + "]");
  }

  @Test
  void junitXmlTimesAndJsonEscapesAreWhatTheFormatterWouldWrite() {
    for (long millis : new long[] {0, 1, 9, 10, 99, 100, 999, 1000, 1001, 1234, 60_000, 123_456_789, -1, -1500}) {
      assertThat(JunitXmlReport.seconds(millis)).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0));
    }
    String text = "Outer > a<b>&c\u2028\u2029\u0001\u001f\"\\\n";
    StringBuilder quoted = new StringBuilder();
    HtmlJson.string(text, quoted);
    assertThat(quoted.toString()).as("nothing that closes a script element or starts markup")
        .doesNotContain("<", ">", "&", "\u2028", "\u2029").startsWith("\"Outer \\u003E a\\u003Cb\\u003E\\u0026c");
    try {
      assertThat(JSON.readValue(quoted.toString(), String.class)).isEqualTo(text);
    } catch (java.io.IOException ex) {
      throw new AssertionError(ex);
    }
  }

  @Test
  void anAllowedSkipIsSkippedInTheXmlListedWithItsRuleAndAStaleRuleIsAnEscapedWarningInHtmlAndMarkdown()
      throws Exception {
    TestEntry allowed = new TestEntry("[engine:junit-jupiter]/[class:a.AggregateE2E]/[method:count()]",
        "a.AggregateE2E", "count", "AggregateE2E > count()", true, List.of("redis"), Verdict.NOT_RUN, 0,
        NotRunReason.ALLOWED_SKIP, List.of(), null, List.of(), "ABORTED", "an assumption skipped it: \"requires Redis"
        + " 8.8\"; allowed by rule [reason /requires Redis \\d/] because version gates", List.of(), null,
        "reason /requires Redis \\d/");
    Summary summary = TestEntries.count(List.of(allowed), 1, 1,
        java.util.Set.of(allowed.uniqueId()));
    Report report = new Report(1, OverallVerdict.AUTHENTIC, "local", true, List.of(), summary, List.of(),
        List.of(allowed), java.time.Instant.parse("2026-12-06T03:00:00Z"), List.of(), null,
        List.of(new SkipRuleUse("reason /requires Redis \\d/", 1), new SkipRuleUse("reason /<b>gone</b>/", 0)));

    List<Path> files = ReportWriter.writeAll(report, dir.resolve("allowed"));
    String page = Files.readString(files.get(1));
    assertThat(page).contains("<li>Allowed skip rule [reason /&lt;b&gt;gone&lt;/b&gt;/] allowed no test in this"
        + " run:").doesNotContain("<b>gone</b>").contains("ALLOWED_SKIP: skipped by an assumption or condition");
    String md = Files.readString(files.get(2));
    assertThat(md).contains("### Skipped as allowed by a declared rule (1)\n\n- **AggregateE2E.count**:"
        + " ALLOWED\\_SKIP: an assumption skipped it:").contains("### Warnings\n\n- Allowed skip rule \\[reason"
        + " /&lt;b&gt;gone&lt;/b&gt;/\\] allowed no test in this run");
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(files.get(3).toFile());
    assertThat(xml.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
    assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    assertThat(ReportJson.read(files.get(0))).isEqualTo(report);
  }
}
