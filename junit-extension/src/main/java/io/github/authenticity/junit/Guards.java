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

  /**
   * Per annotation type (e.g. {@code @Test}, a user's composed annotation), the {@code @RequiresRealService} or
   * {@code @StagingOnly} it carries as a meta-annotation, by that type: a property of the annotation type, searched
   * once instead of for every annotation of every test method.
   */
  private static final ClassValue<ConcurrentMap<Class<?>, Optional<? extends Annotation>>> META = new ClassValue<>() {
    @Override
    protected ConcurrentMap<Class<?>, Optional<? extends Annotation>> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  /** Guards found so far, per class, by method (the class itself under the key {@code ""}). */
  private static final ClassValue<ConcurrentMap<Object, Optional<Guard>>> CACHE = new ClassValue<>() {
    @Override
    protected ConcurrentMap<Object, Optional<Guard>> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  /**
   * The guard of {@code method} (or of the class alone when {@code method} is {@code null}), if any. The class's part
   * (its chain of superclasses, interfaces and enclosing classes) is resolved once per class, each method's own
   * annotations once per method.
   */
  static Optional<Guard> of(Class<?> testClass, Method method) {
    ConcurrentMap<Object, Optional<Guard>> cache = CACHE.get(testClass);
    if (method == null) {
      return cache.computeIfAbsent("", key -> resolve(classChain(testClass)));
    }
    Optional<Guard> known = cache.get(method);
    if (known != null) {
      return known;
    }
    // outside computeIfAbsent: the class's entry is in the same map
    Optional<Guard> classGuard = of(testClass, null);
    return cache.computeIfAbsent(method, key -> combine(resolve(List.of(method)), classGuard));
  }

  /**
   * The method's guard and its class's: services added up (the method's first), the method's minDuration wins,
   * {@code expectErrors} on either applies.
   */
  private static Optional<Guard> combine(Optional<Guard> own, Optional<Guard> ofClass) {
    if (own.isEmpty() || ofClass.isEmpty()) {
      return own.isPresent() ? own : ofClass;
    }
    Set<String> services = new LinkedHashSet<>(own.get().services());
    services.addAll(ofClass.get().services());
    Guard winner = own.get().minDurationText() != null ? own.get() : ofClass.get();
    return Optional.of(new Guard(new ArrayList<>(services), own.get().stagingOnly() || ofClass.get().stagingOnly(),
        winner.minDurationText(), winner.minDurationLocation(),
        own.get().expectErrors() || ofClass.get().expectErrors()));
  }

  private static Optional<Guard> resolve(List<? extends AnnotatedElement> elements) {
    Set<String> services = new LinkedHashSet<>();
    boolean guarded = false;
    boolean stagingOnly = false;
    String minDuration = null;
    String where = null;
    boolean expectErrors = false;
    for (AnnotatedElement element : elements) {
      for (RequiresRealService requires : declared(element, RequiresRealService.class)) {
        guarded = true;
        services.addAll(List.of(requires.value()));
        expectErrors |= requires.expectErrors();
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
    return guarded ? Optional.of(new Guard(new ArrayList<>(services), stagingOnly, minDuration, where, expectErrors))
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
        META.get(annotation.annotationType()).computeIfAbsent(type,
            t -> AnnotationSupport.findAnnotation(annotation.annotationType(), type)).map(type::cast)
            .ifPresent(found::add);
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
