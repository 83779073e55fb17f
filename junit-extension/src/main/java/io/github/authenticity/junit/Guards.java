package io.github.authenticity.junit;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Finds how a test is guarded: through its method, its class, a superclass or interface, an enclosing
 * class of a {@code @Nested} class, or a meta-annotation. Used by both the extension and the listener so
 * that they always agree.
 */
final class Guards {

  private Guards() {
  }

  /** Guards found so far, per class, by method (the class itself under the key {@code ""}). */
  private static final ClassValue<ConcurrentMap<Object, Optional<Guard>>> CACHE = new ClassValue<>() {
    @Override
    protected ConcurrentMap<Object, Optional<Guard>> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  /** The guard of {@code method} (or of the class alone when {@code method} is {@code null}), if any. */
  static Optional<Guard> of(Class<?> testClass, Method method) {
    return CACHE.get(testClass).computeIfAbsent(method == null ? "" : method, key -> resolve(testClass, method));
  }

  private static Optional<Guard> resolve(Class<?> testClass, Method method) {
    Set<String> services = new LinkedHashSet<>();
    boolean guarded = false;
    boolean stagingOnly = false;
    String minDuration = null;
    String where = null;
    List<AnnotatedElement> elements = new ArrayList<>();
    if (method != null) {
      elements.add(method);
    }
    elements.addAll(classChain(testClass));
    for (AnnotatedElement element : elements) {
      for (RequiresRealService requires : declared(element, RequiresRealService.class)) {
        guarded = true;
        services.addAll(List.of(requires.value()));
        if (minDuration == null && !requires.minDuration().isBlank()) {
          minDuration = requires.minDuration().strip();
          where = describe(element);
        }
      }
      if (!declared(element, StagingOnly.class).isEmpty()) {
        guarded = true;
        stagingOnly = true;
      }
    }
    // the method comes first, so its minDuration wins over the class's
    return guarded ? Optional.of(new Guard(new ArrayList<>(services), stagingOnly, minDuration, where))
        : Optional.empty();
  }

  /** The class, its superclasses and interfaces, then the same for each enclosing class of an inner class. */
  private static List<Class<?>> classChain(Class<?> testClass) {
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> c = testClass; c != null; c = isInner(c) ? c.getEnclosingClass() : null) {
      addHierarchy(c, chain);
    }
    return chain;
  }

  private static boolean isInner(Class<?> c) {
    return c.isMemberClass() && !Modifier.isStatic(c.getModifiers());
  }

  private static void addHierarchy(Class<?> c, List<Class<?>> chain) {
    if (c == null || c == Object.class || chain.contains(c)) {
      return;
    }
    chain.add(c);
    for (Class<?> i : c.getInterfaces()) {
      addHierarchy(i, chain);
    }
    addHierarchy(c.getSuperclass(), chain);
  }

  /** Annotations of type {@code type} declared on {@code element}, directly or as meta-annotations. */
  private static <A extends Annotation> List<A> declared(AnnotatedElement element, Class<A> type) {
    List<A> found = new ArrayList<>();
    for (Annotation annotation : element.getDeclaredAnnotations()) {
      if (type.isInstance(annotation)) {
        found.add(type.cast(annotation));
      } else {
        AnnotationSupport.findAnnotation(annotation.annotationType(), type).ifPresent(found::add);
      }
    }
    return found;
  }

  /** {@code [com.example.OrderE2E]} or {@code [com.example.OrderE2E#places]}, for messages. */
  static String describe(AnnotatedElement element) {
    if (element instanceof Method m) {
      return "[" + m.getDeclaringClass().getName() + "#" + m.getName() + "]";
    }
    return "[" + ((Class<?>) element).getName() + "]";
  }
}
