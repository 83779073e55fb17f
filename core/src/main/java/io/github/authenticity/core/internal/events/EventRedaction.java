package io.github.authenticity.core.internal.events;

import java.util.ArrayList;
import java.util.List;

import io.github.authenticity.core.internal.events.Event.ContainerJudged;
import io.github.authenticity.core.internal.events.Event.RunStarted;
import io.github.authenticity.core.internal.events.Event.ServiceProbed;
import io.github.authenticity.core.internal.events.Event.TestFinished;
import io.github.authenticity.core.internal.events.Event.TestJudged;
import io.github.authenticity.core.internal.events.Event.TestPlanned;
import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.redact.Redactor;

/**
 * Which fields of an event are free text, and what the events file holds of them: the one owner of that rule.
 * {@link EventWriter} writes an event only as {@link #asWritten} returns it, so the event kept in memory and the event
 * {@link EventReader} reads back from the line are equal (the listener's report is built from the former).
 *
 * <p>Free text is redacted ({@link Redactor#redact(String)}); a message is redacted and put on one line
 * ({@link EventWriter#oneLine}); identifiers (unique ids, class and method names, enum names) are kept as they are.
 */
final class EventRedaction {

  private EventRedaction() {
  }

  /** {@code event} as its line holds it: free text redacted, messages on one line, as a reader reads it back. */
  static Event asWritten(Event event) {
    if (event instanceof RunStarted e) {
      return new RunStarted(e.run(), e.at(), e.formatVersion(), e.pid(), text(e.host()), e.build(),
          text(e.environment()), e.staging(), text(e.mode()), text(e.config()), EventWriter.oneLine(e.configError()),
          text(e.requireEnvironment()), text(e.java()), text(e.junit()), texts(e.allowedSkips()));
    } else if (event instanceof ServiceProbed e) {
      return new ServiceProbed(e.run(), e.at(), text(e.name()), text(e.probe()), text(e.endpoint()), text(e.status()),
          e.latencyMillis(), EventWriter.oneLine(e.detail()), text(e.probedAt()));
    } else if (event instanceof TestPlanned e) {
      return new TestPlanned(e.run(), e.at(), e.uniqueId(), e.parentId(), e.className(), e.methodName(),
          text(e.displayName()), texts(e.tags()), e.guarded(), texts(e.services()), e.stagingOnly(),
          e.minDurationMillis(), text(e.standsFor()));
    } else if (event instanceof TestFinished e) {
      return e.message() == null ? e : new TestFinished(e.run(), e.at(), e.uniqueId(), e.status(), e.durationMillis(),
          EventWriter.oneLine(e.message()), e.via(), e.disabled());
    } else if (event instanceof TestJudged e) {
      return new TestJudged(e.run(), e.at(), e.uniqueId(), judgement(e.judgement()));
    } else if (event instanceof ContainerJudged e) {
      return new ContainerJudged(e.run(), e.at(), e.uniqueId(), judgement(e.judgement()));
    }
    return event; // started, end: no free text
  }

  private static Judgement judgement(Judgement judgement) {
    List<Evidence> evidence = new ArrayList<>(judgement.evidence().size());
    for (Evidence item : judgement.evidence()) {
      evidence.add(new Evidence(item.kind(), EventWriter.oneLine(item.detail())));
    }
    List<AllowedMock> mocks = new ArrayList<>(judgement.allowedMocks().size());
    for (AllowedMock mock : judgement.allowedMocks()) {
      mocks.add(new AllowedMock(mock.field(), mock.type(), text(mock.reason())));
    }
    return new Judgement(judgement.verdict(), EventsFormat.reasonAsRead(judgement.verdict(), judgement.reason()),
        evidence, text(judgement.proof()), text(judgement.unproven()), mocks, texts(judgement.warnings()),
        judgement.durationMillis(), EventWriter.oneLine(judgement.message()), text(judgement.allowedBy()));
  }

  private static String text(String value) {
    return value == null ? null : Redactor.redact(value);
  }

  private static List<String> texts(List<String> values) {
    if (values.isEmpty()) {
      return values;
    }
    List<String> result = new ArrayList<>(values.size());
    for (String value : values) {
      result.add(text(value));
    }
    return result;
  }
}
