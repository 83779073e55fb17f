package io.github.authenticity.junit;

import java.lang.annotation.Annotation;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Testcontainers' {@code @Testcontainers(disabledWithoutDocker = true)}, read reflectively (no
 * Testcontainers dependency): without Docker it would silently skip a guarded class.
 */
final class ContainerSkip {

  static final String ANNOTATION = "org.testcontainers.junit.jupiter.Testcontainers";
  static final String ENABLED_IF_DOCKER = "org.testcontainers.junit.jupiter.EnabledIfDockerAvailable";
  private static final String FACTORY = "org.testcontainers.DockerClientFactory";

  private static volatile Optional<String> dockerUnavailable;

  /** What {@link #skipsWithoutDocker} found, per class, by method (the class itself under {@code ""}). */
  private static final ClassValue<ConcurrentMap<Object, Optional<String>>> FOUND = new ClassValue<>() {
    @Override
    protected ConcurrentMap<Object, Optional<String>> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  /**
   * The Testcontainers annotation types as the test class's loader sees them, by name; empty when absent. Looked
   * up once per class loader (a suite's classes share one): a class that is not there costs a
   * {@code ClassNotFoundException} per lookup (two per class were 20 ms of a 50-class run), and
   * {@link #skipsWithoutDocker} runs for every test method.
   */
  private static final ClassValue<ConcurrentMap<String, Optional<Class<? extends Annotation>>>> TYPES =
      new ClassValue<>() {
        @Override
        protected ConcurrentMap<String, Optional<Class<? extends Annotation>>> computeValue(Class<?> type) {
          ClassLoader loader = type.getClassLoader();
          LoaderTypes last = lastLoader;
          if (loader == null || last.loader().get() != loader) {
            last = new LoaderTypes(new WeakReference<>(loader), new ConcurrentHashMap<>());
            lastLoader = last;
          }
          return last.types();
        }
      };

  /** The types found through the class loader seen last (weakly held: a run's loader is not kept after it). */
  private record LoaderTypes(WeakReference<ClassLoader> loader,
      ConcurrentMap<String, Optional<Class<? extends Annotation>>> types) {
  }

  private static volatile LoaderTypes lastLoader =
      new LoaderTypes(new WeakReference<>(null), new ConcurrentHashMap<>());

  private ContainerSkip() {
  }

  /**
   * The Testcontainers annotation, as a user writes it, that would skip {@code method} (or, when it is
   * {@code null}, the class {@code testClass} or a class enclosing it) when Docker is missing:
   * {@code @Testcontainers(disabledWithoutDocker = true)} or {@code @EnabledIfDockerAvailable}.
   */
  static Optional<String> skipsWithoutDocker(Class<?> testClass, Method method) {
    if (method != null && annotationType(testClass, ENABLED_IF_DOCKER) == null) {
      // the common case, no Testcontainers on the class path: nothing can skip a method, and nothing is kept for it
      return Optional.empty();
    }
    return FOUND.get(testClass).computeIfAbsent(method == null ? "" : method, key -> find(testClass, method));
  }

  private static Optional<String> find(Class<?> testClass, Method method) {
    Class<? extends Annotation> enabledIf = annotationType(testClass, ENABLED_IF_DOCKER);
    if (method != null) {
      return enabledIf != null && AnnotationSupport.isAnnotated(method, enabledIf)
          ? Optional.of("@EnabledIfDockerAvailable") : Optional.empty();
    }
    Class<? extends Annotation> testcontainers = annotationType(testClass, ANNOTATION);
    for (Class<?> c = testClass; c != null; c = c.isMemberClass() && !Modifier.isStatic(c.getModifiers())
        ? c.getEnclosingClass() : null) {
      if (testcontainers != null) {
        Optional<? extends Annotation> annotation = AnnotationSupport.findAnnotation(c, testcontainers);
        if (annotation.isPresent() && Boolean.TRUE.equals(call(annotation.get(), "disabledWithoutDocker"))) {
          return Optional.of("@Testcontainers(disabledWithoutDocker = true)");
        }
      }
      if (enabledIf != null && AnnotationSupport.isAnnotated(c, enabledIf)) {
        return Optional.of("@EnabledIfDockerAvailable");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code testClass} or a class enclosing it carries {@code @Testcontainers}, or it has a
   * {@link RealServiceContainer} field: its containers start in Testcontainers' {@code beforeAll} (or the user's),
   * so a service they provide is down (or has no address) until then and is probed at first use.
   */
  static boolean startsContainers(Class<?> testClass) {
    if (ContainerServices.declares(testClass)) {
      return true;
    }
    Class<? extends Annotation> testcontainers = annotationType(testClass, ANNOTATION);
    if (testcontainers == null) {
      return false;
    }
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      if (AnnotationSupport.isAnnotated(c, testcontainers)) {
        return true;
      }
    }
    return false;
  }

  /** Why Docker is not available (with its cause), or empty when it is; asked once per JVM. */
  static Optional<String> dockerUnavailable(ClassLoader loader) {
    Optional<String> known = dockerUnavailable;
    if (known == null) {
      synchronized (ContainerSkip.class) {
        known = dockerUnavailable;
        if (known == null) {
          known = askDocker(loader);
          dockerUnavailable = known;
        }
      }
    }
    return known;
  }

  private static Optional<String> askDocker(ClassLoader loader) {
    Object factory;
    try {
      factory = Class.forName(FACTORY, true, loader).getMethod("instance").invoke(null);
      if (Boolean.TRUE.equals(call(factory, "isDockerAvailable"))) {
        return Optional.empty();
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
      return Optional.of("cannot ask Testcontainers whether Docker is available: " + cause(ex));
    }
    try {
      // isDockerAvailable() only says false; client() throws with the reason
      call(factory, "client");
      return Optional.of("Testcontainers reports that Docker is not available");
    } catch (RuntimeException ex) {
      return Optional.of(cause(ex));
    }
  }

  private static Object call(Object target, String method) {
    try {
      return target.getClass().getMethod(method).invoke(target);
    } catch (InvocationTargetException ex) {
      Throwable cause = ex.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** The annotation type {@code name} as {@code testClass}'s loader sees it, or {@code null} when it is not there. */
  private static Class<? extends Annotation> annotationType(Class<?> testClass, String name) {
    return TYPES.get(testClass).computeIfAbsent(name, n -> Optional.ofNullable(load(testClass.getClassLoader(), n)))
        .orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Annotation> load(ClassLoader loader, String name) {
    try {
      return (Class<? extends Annotation>) Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError ex) {
      return null;
    }
  }

  private static String cause(Throwable ex) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = ex; t != null && text.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
      if (text.length() > 0) {
        text.append("; caused by ");
      }
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return text.toString();
  }

  /** The {@code CONTAINER_SKIP} evidence, e.g. for {@code the class}. */
  static String evidence(String annotation, String what, String dockerCause) {
    return annotation + " and Docker is not available (" + dockerCause + "): " + what + " would be silently skipped";
  }

  /** The failure of a guarded class or test that Testcontainers would skip ({@code fail} mode). */
  static String failure(String annotation, String what, String dockerCause) {
    String remove = annotation.startsWith("@Testcontainers") ? "disabledWithoutDocker = true" : annotation;
    return annotation + " would silently skip the guarded " + what + ": Docker is not available (" + dockerCause
        + "). A skip is not a pass: start Docker, or remove " + remove + " so that it fails when Docker is missing.";
  }

  /** The reason of the skip in {@code report} mode. */
  static String reportModeReason(String annotation, String dockerCause) {
    return annotation + " and Docker is not available (" + dockerCause + "); reported as MASKED (CONTAINER_SKIP)";
  }
}
