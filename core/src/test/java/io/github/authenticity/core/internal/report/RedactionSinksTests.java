package io.github.authenticity.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.ConfigLoader;
import io.github.authenticity.core.internal.config.ConfigParameters;
import io.github.authenticity.core.internal.detect.CapturedLine;
import io.github.authenticity.core.internal.events.Event;
import io.github.authenticity.core.internal.events.EventWriter;
import io.github.authenticity.core.internal.events.EventsFormat;
import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.ServiceStatus;
import io.github.authenticity.core.internal.model.SkipRuleUse;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import io.github.authenticity.core.internal.probe.Preflight;
import io.github.authenticity.core.internal.redact.Redactor;
import io.github.authenticity.core.probe.ProbeResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.authenticity.core.config.ConfigurationKeys;

/**
 * Every secret shape through every sink of core: the events file, the four report files, the console block, a
 * captured log line's evidence (past the 300-character cut too) and a probe's cause. Each secret must be absent;
 * ordinary words must stay.
 */
class RedactionSinksTests {

  @TempDir
  static Path configDir;

  @TempDir
  Path dir;

  /** The configuration users write: its secrets are registered from the model when it is loaded. */
  @BeforeAll
  static void loadConfiguration() throws IOException {
    Path file = configDir.resolve("authenticity.yaml");
    Files.writeString(file, """
        environments:
          local:
            services:
              api:
                probe: http
                url: "https://cfg-user:cfg-pw%40ss-31@api.example.com/h"
                headers: { Authorization: "ApiKey abc123def-cfg", X-Api-Key: "xak-cfg-33" }
              db: { probe: postgres, host: localhost, user: same-as-user-32, password: same-as-user-32 }
        """);
    ConfigParameters parameters = new ConfigParameters() {
      @Override
      public java.util.Optional<String> get(String key) {
        return key.equals(ConfigurationKeys.CONFIG) ? java.util.Optional.of(file.toString()) : java.util.Optional.empty();
      }

      @Override
      public java.util.Set<String> keys() {
        return java.util.Set.of(ConfigurationKeys.CONFIG);
      }
    };
    new ConfigLoader(parameters, Map.of(), RedactionSinksTests.class.getClassLoader()).load();
  }

  /** {@code name}, the text that carries the secret, and the secret that must not appear. */
  static Stream<Arguments> shapes() {
    return Stream.of(
        shape("plain key", "login failed: password=pw-plain-01 for app", "pw-plain-01"),
        shape("dotted key", "spring.datasource.password: pw-dotted-02", "pw-dotted-02"),
        shape("JSON key", "sent {\"auth.token\":\"tok-json-03\"}", "tok-json-03"),
        shape("JSON key, escaped in JSON", "{\\\"client_secret\\\":\\\"cs-esc-04\\\"}", "cs-esc-04"),
        shape("passwd", "passwd: pw-05-passwd", "pw-05-passwd"),
        shape("pwd", "Server=db;Uid=app;Pwd=pwd-06-x;", "pwd-06-x"),
        shape("passphrase", "passphrase = pp-07-phrase", "pp-07-phrase"),
        shape("secret", "SECRET: sec-08-upper", "sec-08-upper"),
        shape("api key with a space", "api key: ak-09-space", "ak-09-space"),
        shape("api_key", "api_key=ak-10-under", "ak-10-under"),
        shape("apiKey", "apiKey: ak-11-camel", "ak-11-camel"),
        shape("access key", "aws.accessKey=AKIA-12-access", "AKIA-12-access"),
        shape("client secret", "client_secret=cs-13-client", "cs-13-client"),
        shape("private key", "private_key: pk-14-private", "pk-14-private"),
        shape("Authorization, any scheme", "Authorization: Token tok-15-scheme", "tok-15-scheme"),
        shape("Proxy-Authorization", "Proxy-Authorization: Negotiate neg-16-proxy", "neg-16-proxy"),
        shape("X-Api-Key header", "X-Api-Key: xak-17-header", "xak-17-header"),
        shape("Bearer", "retrying with Bearer br-18.bearer", "br-18.bearer"),
        shape("bearer JWT", "got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxOSJ9.c2lnLTE5 back", "eyJhbGciOiJIUzI1NiJ9"),
        shape("URL user-info", "GET https://bob:ui-20-pass@api.example.com/x", "ui-20-pass"),
        shape("URL user-info with a raw @", "GET https://u:p@ss-21-at@api.example.com/x", "ss-21-at"),
        shape("URL user-info with a raw /", "GET https://u:p/ss-22-slash@api.example.com/x", "ss-22-slash"),
        shape("URL user-info with a raw #", "GET https://u:p#ss-23-hash@api.example.com/x", "ss-23-hash"),
        shape("JDBC URL parameter", "jdbc:postgresql://db/test?user=app&password=jdbc-24-pw&ssl=true", "jdbc-24-pw"),
        shape("JDBC URL ; parameter", "jdbc:sqlserver://db;user=app;password=jdbc-25-semi", "jdbc-25-semi"),
        shape("secret query parameter", "GET https://h/x?access_token=qt-26-query&page=2", "qt-26-query"),
        shape("configured: the token part of a credential", "server rejected abc123def-cfg", "abc123def-cfg"),
        shape("configured: a credential header", "key xak-cfg-33 is unknown", "xak-cfg-33"),
        shape("configured: URL password with a raw @", "auth cfg-pw@ss-31 failed", "ss-31"),
        shape("configured: password equal to the user name", "login as same-as-user-32 refused", "same-as-user-32"));
  }

  private static Arguments shape(String name, String text, String secret) {
    return Arguments.of(name, text, secret);
  }

  private static final List<String> ORDINARY = List.of("the tokenizer failed", "see the password reset page");

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void noSinkShowsTheSecret(String shape, String text, String secret) throws IOException {
    Map<String, String> sinks = new LinkedHashMap<>();
    String ordinary = String.join("; ", ORDINARY);

    // the events file, written by the one events writer as a test JVM writes it
    String run = "run-1";
    String uid = "[engine:junit-jupiter]/[class:com.example.SecretE2E]/[method:calls()]";
    Report report;
    try (EventWriter writer = EventWriter.create(dir.resolve("events"))) {
      writer.write(new Event.RunStarted(run, 1, EventsFormat.VERSION, 4242, "ci-1", null, "local", false, "fail",
          "classpath:authenticity.yaml", text, null, "17", "1.14.4", List.of()));
      writer.write(new Event.ServiceProbed(run, 2, "backend", "http", "GET " + text, "DOWN", 5,
          text + "; " + ordinary, "2026-11-22T04:00:00Z"));
      writer.write(new Event.TestPlanned(run, 3, uid, "[engine:junit-jupiter]/[class:com.example.SecretE2E]",
          "com.example.SecretE2E", "calls", "calls the API with " + text, List.of(), true, List.of("backend"), false,
          null, null));
      writer.write(new Event.TestStarted(run, 4, uid));
      writer.write(new Event.TestJudged(run, 5, uid, new Judgement(Verdict.MASKED, null,
          List.of(new Evidence(EvidenceKind.FALLBACK_LOG, text + "; " + ordinary),
              new Evidence(EvidenceKind.ABORTED, text)), text, text, List.of(new AllowedMock("f", "T", text)),
          List.of(text), 3L, text, null)));
      writer.write(new Event.TestFinished(run, 6, uid, Event.Outcome.FAILED, 3, text, null, false));
      writer.write(new Event.RunEnded(run, 7, 1, 1, 0, 1, 0, 0));
      sinks.put("events file", Files.readString(writer.file()));
      report = new ReportBuilder().addEventFile(writer.file()).build();
    }
    // the report writer redacts on its own too: give it the raw text, as a report read from elsewhere could hold
    Report raw = withText(report, text + "; " + ordinary);
    for (Path file : ReportWriter.writeAll(raw, dir.resolve("out"))) {
      sinks.put(file.getFileName().toString(), Files.readString(file));
    }
    sinks.put("console", String.join("\n", ConsoleSummary.lines(raw, dir.resolve("out/x.html"))));
    sinks.put("captured line", new CapturedLine("logback", "WARN", "com.example.Client", text + "; " + ordinary)
        .detail());
    sinks.put("captured line across the cut", new CapturedLine("System.out", null, null,
        "x".repeat(290) + " " + text).detail());
    sinks.put("probe cause", probeCause(text));

    sinks.forEach((sink, content) -> assertThat(content).as("%s through %s", shape, sink).doesNotContain(secret));
    for (String sink : List.of("events file", "authenticity-report.json", "authenticity-report.md", "console",
        "captured line")) {
      assertThat(sinks.get(sink)).as("ordinary words through %s", sink).contains(ORDINARY);
    }
  }

  private static Report withText(Report report, String text) {
    List<TestEntry> tests = new ArrayList<>();
    for (TestEntry test : report.tests()) {
      tests.add(new TestEntry(test.uniqueId(), test.className(), test.methodName(), "calls the API with " + text,
          test.guarded(), test.services(), Verdict.MASKED, test.durationMillis(), test.reason(),
          List.of(new Evidence(EvidenceKind.FALLBACK_LOG, text)), text, test.tags(), test.status(), text,
          List.of(new AllowedMock("client", "FakeClient", text)), text, null));
    }
    List<ServiceStatus> services = List.of(new ServiceStatus("backend", "http", "GET " + text, "DOWN", 5, text));
    return new Report(report.schemaVersion(), report.verdict(), report.environment(), false, List.of(text),
        report.summary(), services, tests, report.generatedAt(), report.sources(), report.unmatchedSelection(), List.of());
  }

  /** The cause of a real probe of a server whose answer carries {@code text} in its reason phrase. */
  private static String probeCause(String text) throws IOException {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread thread = new Thread(() -> {
        try (Socket socket = server.accept()) {
          socket.getInputStream().read(new byte[4096]);
          OutputStream out = socket.getOutputStream();
          out.write(("HTTP/1.1 503 " + text + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          Thread.sleep(100);
        } catch (Exception ignored) {
          // the probe's side is asserted
        }
      });
      thread.setDaemon(true);
      thread.start();
      ServiceDefinition service = new ServiceDefinition("backend", "http",
          Map.of("url", "http://127.0.0.1:" + server.getLocalPort() + "/health"), Duration.ofSeconds(5), null, "test");
      ProbeResult result = new Preflight(RedactionSinksTests.class.getClassLoader()).probeAll(List.of(service))
          .get("backend");
      assertThat(result.detail()).startsWith("answered 503 ");
      return result.endpoint() + " " + result.detail();
    }
  }

  @org.junit.jupiter.api.Test
  void theReportRedactionKnowsEveryFieldOfTheModel() {
    // a field added to these records must be added to ReportRedaction (redacted, or kept as an identifier)
    assertThat(Report.class.getRecordComponents()).hasSize(12);
    assertThat(TestEntry.class.getRecordComponents()).hasSize(17);
    assertThat(SkipRuleUse.class.getRecordComponents()).hasSize(2);
    assertThat(ServiceStatus.class.getRecordComponents()).hasSize(6);
    assertThat(Evidence.class.getRecordComponents()).hasSize(2);
    assertThat(AllowedMock.class.getRecordComponents()).hasSize(3);
  }

  @ParameterizedTest
  @MethodSource("ordinaryTexts")
  void ordinaryWordsAreLeftAlone(String text) {
    assertThat(Redactor.redact(text)).isEqualTo(text);
  }

  static Stream<String> ordinaryTexts() {
    return Stream.of("the tokenizer failed", "see the password reset page", "token expired, logging in again",
        "Authorization required", "GET http://h/path@v2?q=1 answered 200", "passwordless login is on",
        "secretary: Jane",
        // fallback evidence must stay readable: prose after "token:" is not a credential
        "auth replaced by StubToken: timed out after 5000 ms", "falling back to stub token: connection refused");
  }
}
