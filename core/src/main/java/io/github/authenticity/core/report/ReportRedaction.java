package io.github.authenticity.core.report;

import java.util.List;

import io.github.authenticity.core.redact.Redactor;

/**
 * A report with every free text in it (names shown to people, messages, details, causes) through {@link Redactor};
 * identifiers (unique ids, class and method names, verdicts) stay as they are. A field added to the report model
 * is added here too ({@code RedactionSinksTests} counts them).
 */
final class ReportRedaction {

  private ReportRedaction() {
  }

  static Report redact(Report report) {
    List<ServiceStatus> services = report.services().stream().map(service -> new ServiceStatus(service.name(),
        service.probe(), Redactor.redact(service.endpoint()), service.status(), service.latencyMillis(),
        Redactor.redact(service.detail()))).toList();
    List<TestEntry> tests = report.tests().stream().map(ReportRedaction::redact).toList();
    return new Report(report.schemaVersion(), report.verdict(), report.environment(), report.complete(),
        texts(report.incompleteReasons()), report.summary(), services, tests, report.generatedAt(),
        texts(report.sources()), report.unmatchedSelection(), report.skipRules().stream()
        .map(rule -> new SkipRuleUse(Redactor.redact(rule.rule()), rule.allowed())).toList());
  }

  private static TestEntry redact(TestEntry test) {
    List<Evidence> evidence = test.evidence().stream()
        .map(item -> new Evidence(item.kind(), Redactor.redact(item.detail()))).toList();
    List<AllowedMock> mocks = test.allowedMocks().stream()
        .map(mock -> new AllowedMock(mock.field(), mock.type(), Redactor.redact(mock.reason()))).toList();
    return new TestEntry(test.uniqueId(), test.className(), test.methodName(), Redactor.redact(test.displayName()),
        test.guarded(), test.services(), test.verdict(), test.durationMillis(), test.reason(), evidence,
        Redactor.redact(test.proof()), test.tags(), test.status(), Redactor.redact(test.message()), mocks,
        Redactor.redact(test.unproven()), Redactor.redact(test.allowedBy()));
  }

  private static List<String> texts(List<String> texts) {
    return texts == null ? null : texts.stream().map(Redactor::redact).toList();
  }
}
