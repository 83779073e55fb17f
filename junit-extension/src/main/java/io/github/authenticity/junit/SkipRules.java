package io.github.authenticity.junit;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.authenticity.core.internal.config.AllowedSkip;
import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.model.Judgement;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

/**
 * The glue between a skipped guarded test and the core's declared-skip rules ({@link Judge#allowing}): which rules
 * apply to it ({@code detection.allowedSkips}, then {@link AllowSkip} on the method and the classes around it) and
 * which annotation types it carries (for a rule's {@code condition}).
 */
final class SkipRules {

  private SkipRules() {
  }

  /**
   * The verdict on a guarded test skipped by {@code kind} with {@code text}, when a rule allows it; empty when none
   * does (or the configuration cannot be read: then the test fails for that anyway).
   *
   * @param method the test method, or {@code null} for a class
   * @param type   the test class
   */
  static Optional<Judgement> allowed(Run run, AllowedSkip.Kind kind, String text, Method method, Class<?> type) {
    List<AllowedSkip> rules = new ArrayList<>();
    try {
      rules.addAll(run.config().detection().allowedSkips());
    } catch (RuntimeException ex) {
      return Optional.empty();
    }
    rules.addAll(annotated(method, type));
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    String testName = type.getName().replace('$', '.') + (method == null ? "" : "." + method.getName());
    return Judge.allowing(rules, kind, text, annotationTypes(method, type), testName)
        .map(rule -> Judge.allowedSkip(rule, kind, text));
  }

  /**
   * The verdict for the guarded test or container {@code id} that a condition switched off with {@code reason}, when
   * a declared rule allows it; empty when none does, or when its class cannot be loaded (then it is judged as a
   * condition, as ever).
   */
  static Optional<Judgement> allowedCondition(Run run, TestIdentifier id, String reason) {
    try {
      Optional<TestSource> source = id.getSource();
      if (source.isPresent() && source.get() instanceof MethodSource method) {
        return allowed(run, AllowedSkip.Kind.CONDITION, reason, method.getJavaMethod(), method.getJavaClass());
      }
      if (source.isPresent() && source.get() instanceof ClassSource type) {
        return allowed(run, AllowedSkip.Kind.CONDITION, reason, null, type.getJavaClass());
      }
      return Optional.empty();
    } catch (RuntimeException | LinkageError ex) {
      return Optional.empty(); // a class that cannot be loaded: judged as a condition, as ever
    }
  }

  /** The {@link AllowSkip} rules on {@code method} and on {@code type} and the classes around it. */
  static List<AllowedSkip> annotated(Method method, Class<?> type) {
    List<AllowedSkip> rules = new ArrayList<>();
    for (AnnotatedElement element : elements(method, type)) {
      for (AllowSkip allow : AnnotationSupport.findRepeatableAnnotations(element, AllowSkip.class)) {
        rules.add(rule(allow, element));
      }
    }
    return rules;
  }

  private static AllowedSkip rule(AllowSkip allow, AnnotatedElement on) {
    String where = "@AllowSkip on " + (on instanceof Method m ? m.getDeclaringClass().getName() + "." + m.getName()
        : ((Class<?>) on).getName());
    boolean anyCondition = allow.condition() == Annotation.class;
    if (allow.reason().isEmpty() && anyCondition) {
      throw new IllegalArgumentException(where + ": set reason (a regular expression of the skip's reason) or"
          + " condition (the annotation type that switches the test off), or both");
    }
    if (allow.because().isBlank()) {
      throw new IllegalArgumentException(where + ": because must say why this skip is legitimate");
    }
    Pattern reason;
    try {
      reason = allow.reason().isEmpty() ? null : Pattern.compile(allow.reason());
    } catch (PatternSyntaxException ex) {
      throw new IllegalArgumentException(where + ": reason [" + allow.reason() + "] is not a valid regular"
          + " expression: " + ex.getDescription(), ex);
    }
    return new AllowedSkip(reason, anyCondition ? null : allow.condition().getName(), allow.because(), where);
  }

  /**
   * The binary names of the annotation types on {@code method}, on {@code type} (inherited ones too) and on the
   * classes around it, with their meta-annotations: what a rule's {@code condition} is looked up in.
   */
  static Set<String> annotationTypes(Method method, Class<?> type) {
    Set<String> names = new LinkedHashSet<>();
    for (AnnotatedElement element : elements(method, type)) {
      for (Annotation annotation : element.getAnnotations()) {
        collect(annotation.annotationType(), names);
      }
    }
    return names;
  }

  private static void collect(Class<? extends Annotation> type, Set<String> names) {
    if (!names.add(type.getName()) || type.getName().startsWith("java.lang.annotation.")) {
      return;
    }
    for (Annotation meta : type.getAnnotations()) {
      collect(meta.annotationType(), names);
    }
  }

  /** {@code method} (if any), then {@code type} and each class that encloses it. */
  private static List<AnnotatedElement> elements(Method method, Class<?> type) {
    List<AnnotatedElement> elements = new ArrayList<>();
    if (method != null) {
      elements.add(method);
    }
    for (Class<?> at = type; at != null; at = at.getEnclosingClass()) {
      elements.add(at);
    }
    return elements;
  }
}
