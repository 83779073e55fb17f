package io.github.authenticity.core.internal.report;

import java.util.List;

import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.ServiceStatus;
import io.github.authenticity.core.internal.model.SkipRuleUse;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.redact.Redactor;
import io.github.authenticity.core.internal.redact.Visible;

/**
 * A report with every free text in it (names shown to people, messages, details, causes) through {@link Redactor};
 * identifiers (unique ids, class and method names, verdicts) are not redacted. Every text, identifiers too (a Java
 * name may hold a right-to-left override), goes through {@link Visible}. A field added to the report model is
 * added here too ({@code RedactionSinksTests} counts them).
 */
final class ReportRedaction {

  private ReportRedaction() {
  }

  static Report redact(Report report) {
    List<ServiceStatus> services = report.services().stream().map(service -> new ServiceStatus(
        Visible.of(service.name()), Visible.of(service.probe()), text(service.endpoint()), service.status(),
        service.latencyMillis(), text(service.detail()))).toList();
    List<TestEntry> tests = report.tests().stream().map(ReportRedaction::redact).toList();
    return new Report(report.schemaVersion(), report.verdict(), Visible.of(report.environment()), report.complete(),
        texts(report.incompleteReasons()), report.summary(), services, tests, report.generatedAt(),
        texts(report.sources()), Visible.of(report.unmatchedSelection()), report.skipRules().stream()
        .map(rule -> new SkipRuleUse(text(rule.rule()), rule.allowed())).toList());
  }

  private static TestEntry redact(TestEntry test) {
    List<Evidence> evidence = test.evidence().stream()
        .map(item -> new Evidence(item.kind(), text(item.detail()))).toList();
    List<AllowedMock> mocks = test.allowedMocks().stream()
        .map(mock -> new AllowedMock(Visible.of(mock.field()), Visible.of(mock.type()), text(mock.reason()))).toList();
    return new TestEntry(Visible.of(test.uniqueId()), Visible.of(test.className()), Visible.of(test.methodName()),
        text(test.displayName()), test.guarded(), identifiers(test.services()), test.verdict(), test.durationMillis(),
        test.reason(), evidence, text(test.proof()), identifiers(test.tags()), test.status(), text(test.message()),
        mocks, text(test.unproven()), text(test.allowedBy()));
  }

  private static String text(String text) {
    return Visible.of(Redactor.redact(text));
  }

  private static List<String> texts(List<String> texts) {
    return texts == null ? null : texts.stream().map(ReportRedaction::text).toList();
  }

  private static List<String> identifiers(List<String> identifiers) {
    return identifiers == null ? null : identifiers.stream().map(Visible::of).toList();
  }
}
