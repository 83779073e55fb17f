package io.github.authenticity.core.internal.detect;

import java.util.Map;

/** {@link ServerAnswers}' summary and merge for tests outside {@code detect} (the interaction rule's, in {@code judge}). */
public final class AnswersFixture {

  private AnswersFixture() {
  }

  public static String summary(Map<String, Long> answers) {
    return ServerAnswers.summary(answers);
  }

  public static Map<String, Long> merge(Map<String, Long> first, Map<String, Long> second) {
    return ServerAnswers.merge(first, second);
  }
}
