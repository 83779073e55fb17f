package io.github.authenticity.core.internal.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.authenticity.core.internal.events.Event.ContainerJudged;
import io.github.authenticity.core.internal.events.Event.RunStarted;
import io.github.authenticity.core.internal.events.Event.ServiceProbed;
import io.github.authenticity.core.internal.events.Event.TestFinished;
import io.github.authenticity.core.internal.events.Event.TestJudged;
import io.github.authenticity.core.internal.events.Event.TestPlanned;
import io.github.authenticity.core.internal.events.Event.TestStarted;
import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.redact.Redactor;

/**
 * Which fields of an event are free text, and what the events file holds of them: the one owner of that rule.
 * {@link EventWriter} writes an event only as {@link #asWritten} returns it, so the event kept in memory and the event
 * {@link EventReader} reads back from the line are equal (the listener's report is built from the former).
 *
 * <p>Free text is redacted ({@link Redactor#redact(String)}); a message is redacted, put on one line and cut to
 * {@link EventsFormat#MAX_MESSAGE} characters ({@link Redactor#redactLine}); identifiers (unique ids, class and method names, enum names) are kept as they are.
 */
final class EventRedaction {

  private EventRedaction() {
  }

  /** {@code event} as its line holds it: free text redacted, messages on one line, as a reader reads it back. */
  static Event asWritten(Event event) {
    // the kinds every test writes first, the rest in a method of their own (what the JIT compiles stays small)
    if (event instanceof TestStarted) {
      return event; // no free text
    } else if (event instanceof TestFinished e) {
      String message = message(e.message());
      return Objects.equals(message, e.message()) ? e
          : new TestFinished(e.run(), e.at(), e.uniqueId(), e.status(), e.durationMillis(), message, e.via(),
              e.disabled());
    } else if (event instanceof TestJudged e) {
      Judgement written = judgement(e.judgement());
      return written == e.judgement() ? e : new TestJudged(e.run(), e.at(), e.uniqueId(), written);
    }
    return onceAsWritten(event);
  }

  /** The kinds written once per run, service, planned test or container, as {@link #asWritten}. */
  private static Event onceAsWritten(Event event) {
    if (event instanceof RunStarted e) {
      return new RunStarted(e.run(), e.at(), e.formatVersion(), e.pid(), text(e.host()), e.build(),
          text(e.environment()), e.staging(), text(e.mode()), text(e.config()), message(e.configError()),
          text(e.requireEnvironment()), text(e.java()), text(e.junit()), texts(e.allowedSkips()));
    } else if (event instanceof ServiceProbed e) {
      return new ServiceProbed(e.run(), e.at(), text(e.name()), text(e.probe()), text(e.endpoint()), text(e.status()),
          e.latencyMillis(), message(e.detail()), text(e.probedAt()));
    } else if (event instanceof TestPlanned e) {
      return new TestPlanned(e.run(), e.at(), e.uniqueId(), e.parentId(), e.className(), e.methodName(),
          text(e.displayName()), texts(e.tags()), e.guarded(), texts(e.services()), e.stagingOnly(),
          e.minDurationMillis(), text(e.standsFor()));
    } else if (event instanceof ContainerJudged e) {
      Judgement written = judgement(e.judgement());
      return written == e.judgement() ? e : new ContainerJudged(e.run(), e.at(), e.uniqueId(), written);
    }
    return event; // end: no free text
  }

  /** The judgement as its line holds it; the same instance when that changes nothing (the usual case). */
  private static Judgement judgement(Judgement judgement) {
    List<Evidence> evidence = judgement.evidence();
    for (int i = 0; i < evidence.size(); i++) {
      Evidence item = evidence.get(i);
      String detail = message(item.detail());
      if (!Objects.equals(detail, item.detail())) {
        if (evidence == judgement.evidence()) {
          evidence = new ArrayList<>(evidence);
        }
        evidence.set(i, new Evidence(item.kind(), detail));
      }
    }
    List<AllowedMock> mocks = judgement.allowedMocks();
    for (int i = 0; i < mocks.size(); i++) {
      AllowedMock mock = mocks.get(i);
      String reason = text(mock.reason());
      if (reason != mock.reason()) {
        if (mocks == judgement.allowedMocks()) {
          mocks = new ArrayList<>(mocks);
        }
        mocks.set(i, new AllowedMock(mock.field(), mock.type(), reason));
      }
    }
    NotRunReason reason = EventsFormat.reasonAsRead(judgement.verdict(), judgement.reason());
    String proof = text(judgement.proof());
    String unproven = text(judgement.unproven());
    List<String> warnings = texts(judgement.warnings());
    String message = message(judgement.message());
    String allowedBy = text(judgement.allowedBy());
    if (evidence == judgement.evidence() && mocks == judgement.allowedMocks() && reason == judgement.reason()
        && proof == judgement.proof() && unproven == judgement.unproven() && warnings == judgement.warnings()
        && Objects.equals(message, judgement.message()) && allowedBy == judgement.allowedBy()) {
      return judgement;
    }
    return new Judgement(judgement.verdict(), reason, evidence, proof, unproven, mocks, warnings,
        judgement.durationMillis(), message, allowedBy);
  }

  private static String message(String value) {
    return Redactor.redactLine(value, EventsFormat.MAX_MESSAGE);
  }

  private static String text(String value) {
    return value == null ? null : Redactor.redact(value);
  }

  /** {@code values} redacted; the same list when no value changes. */
  private static List<String> texts(List<String> values) {
    List<String> result = values;
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String redacted = text(value);
      if (redacted != value) {
        if (result == values) {
          result = new ArrayList<>(values);
        }
        result.set(i, redacted);
      }
    }
    return result;
  }
}
