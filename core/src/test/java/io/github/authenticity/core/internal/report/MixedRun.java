package io.github.authenticity.core.internal.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.github.authenticity.core.internal.model.CompiledTest;
import io.github.authenticity.core.internal.model.Report;

/** A realistic mixed run written as real events files: 27 guarded tests, as in the SPEC's console example. */
final class MixedRun {

  static final Instant AT = Instant.parse("2026-11-22T05:00:00Z");

  private MixedRun() {
  }

  static Report report(Path dir) {
    try (Events events = Events.create(dir, "local", false)) {
      events.service("backend", "UP", 14, "200 OK");
      events.append("service", "name", "websocket", "probe", "websocket", "endpoint", "ws://127.0.0.1:18080/ws",
          "status", "UP", "latencyMillis", 9, "detail", "101 Switching Protocols");
      events.append("service", "name", "payments", "probe", "http", "endpoint", "https://payments.internal/health",
          "status", "DOWN", "latencyMillis", 2001, "detail", "timed out after 2000 ms");
      events.append("service", "name", "redis", "probe", "redis", "endpoint", "127.0.0.1:6379", "status", "DEGRADED",
          "latencyMillis", 412, "detail", "PONG in 412 ms, over maxLatency 250 ms");
      for (int i = 1; i <= 21; i++) {
        events.ran("com.example.shop.CheckoutE2E", "scenario" + (i < 10 ? "0" : "") + i, "AUTHENTIC");
      }
      events.ran("com.example.agent.AgentExecutionE2E", "agentRuns", "MASKED", "FALLBACK_LOG",
          "\"Using MockWebSocketManager due to connection failure\"");
      events.ran("com.example.agent.AgentExecutionE2E", "agentStreams", "MASKED", "NO_INTERACTION",
          "no bytes exchanged with 127.0.0.1:18080 (backend) or 127.0.0.1:18080 (websocket)", "TOO_FAST",
          "ran 41 ms, minDuration is 2 s");
      events.ran("com.example.orders.OrderE2E", "placesOrder", "MASKED", "MOCK_OBJECT",
          "field paymentClient holds a Mockito mock of PaymentClient");
      String aborted = events.test("com.example.orders.OrderE2E", "refunds", true, "backend");
      events.started(aborted).finished(aborted, "ABORTED", 2, "Assumption failed: payments sandbox not configured");
      String down = events.test("com.example.pay.PaymentE2E", "charges", true, "payments");
      events.started(down);
      events.verdict(down, "SERVICE_DOWN", null);
      events.finished(down, "FAILED", 1, "Real service 'payments' is DOWN");
      events.end();
      return new ReportBuilder().addEventFile(events.read())
          .addCompiledTests(List.of(new CompiledTest("com.example.search.SearchE2ETestCase", "findsProducts",
              List.of("backend"), false)))
          .generatedAt(AT).build();
    }
  }
}
