package io.github.authenticity.junit;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Test templates and factories whose invocations never entered the test plan (their container failed, was skipped
 * or aborted before them): what stands in for them, so they are counted and judged.
 */
final class Templates {

  /** At most this many stand-ins for one {@code @RepeatedTest}: a huge repetition count is one entry, not a flood. */
  static final int MAX_REPETITIONS = 10_000;

  /**
   * One entry for tests that never entered the plan.
   *
   * @param standsFor what it stands for, or {@code null} when it is exactly one invocation JUnit would have run
   */
  record StandIn(String uniqueId, String displayName, String standsFor) {
  }

  private Templates() {
  }

  /** {@code test-template}, {@code test-factory} or {@code class-template}, for a node of one of those kinds. */
  static Optional<String> kind(TestIdentifier node) {
    String id = node.getUniqueId();
    int start = id.lastIndexOf("/[");
    String last = id.substring(start < 0 ? 0 : start + 2);
    for (String kind : List.of("test-template", "test-factory", "class-template")) {
      if (last.startsWith(kind + ":")) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /**
   * The stand-ins of {@code template}: a {@code @RepeatedTest(n)} stands in as its n invocations, with the unique
   * ids and display names JUnit gives them; any other template or factory as one entry under its own unique id.
   */
  static List<StandIn> standIns(TestIdentifier template, PlanIndex.Entry entry, String displayName) {
    String kind = kind(template).orElse("test-template");
    Optional<AnnotatedElement> element = element(template.getSource().orElse(null));
    if (kind.equals("test-template") && element.isPresent()) {
      Optional<RepeatedTest> repeated = repeated(element.get());
      if (repeated.isPresent() && repeated.get().value() > 0 && repeated.get().value() <= MAX_REPETITIONS) {
        int total = repeated.get().value();
        List<StandIn> standIns = new ArrayList<>(total);
        for (int i = 1; i <= total; i++) {
          standIns.add(new StandIn(template.getUniqueId() + "/[test-template-invocation:#" + i + "]",
              displayName + " > repetition " + i + " of " + total, null));
        }
        return standIns;
      }
    }
    return List.of(new StandIn(template.getUniqueId(), displayName, describe(kind, element)));
  }

  private static Optional<RepeatedTest> repeated(AnnotatedElement element) {
    try {
      return AnnotationSupport.findAnnotation(element, RepeatedTest.class);
    } catch (LinkageError ex) {
      return Optional.empty();
    }
  }

  /** {@code the invocations of a @ParameterizedTest}, {@code the dynamic tests of a @TestFactory}, ... */
  static String describe(String kind, Optional<AnnotatedElement> element) {
    return switch (kind) {
      case "test-factory" -> "the dynamic tests of a @TestFactory";
      case "class-template" -> "the invocations of a " + annotated(element, "@ClassTemplate",
          "org.junit.jupiter.params.ParameterizedClass");
      default -> "the invocations of a " + annotated(element, "@TestTemplate",
          "org.junit.jupiter.params.ParameterizedTest");
    };
  }

  /** {@code @Simple} of the first {@code names} annotation present (by name: it may live in another artifact). */
  private static String annotated(Optional<AnnotatedElement> element, String otherwise, String... names) {
    if (element.isEmpty()) {
      return otherwise;
    }
    for (Annotation annotation : element.get().getAnnotations()) {
      for (String name : names) {
        if (annotation.annotationType().getName().equals(name)) {
          return "@" + annotation.annotationType().getSimpleName();
        }
      }
    }
    return otherwise;
  }

  private static Optional<AnnotatedElement> element(TestSource source) {
    try {
      if (source instanceof MethodSource method) {
        Method javaMethod = method.getJavaMethod();
        return Optional.of(javaMethod);
      }
      if (source instanceof ClassSource type) {
        return Optional.of(type.getJavaClass());
      }
    } catch (RuntimeException | LinkageError ex) {
      // a class or method that cannot be loaded: described by its kind alone
    }
    return Optional.empty();
  }
}
