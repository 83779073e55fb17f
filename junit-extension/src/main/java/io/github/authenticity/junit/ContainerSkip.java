package io.github.authenticity.junit;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Optional;

import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Testcontainers' {@code @Testcontainers(disabledWithoutDocker = true)}, read reflectively (no
 * Testcontainers dependency): without Docker it would silently skip a guarded class.
 */
final class ContainerSkip {

  static final String ANNOTATION = "org.testcontainers.junit.jupiter.Testcontainers";
  private static final String FACTORY = "org.testcontainers.DockerClientFactory";

  private static volatile Optional<String> dockerUnavailable;

  private ContainerSkip() {
  }

  /** Whether {@code testClass} (or a class enclosing it) carries {@code @Testcontainers(disabledWithoutDocker = true)}. */
  static boolean disabledWithoutDocker(Class<?> testClass) {
    Class<? extends Annotation> type = annotationType(testClass.getClassLoader());
    if (type == null) {
      return false;
    }
    for (Class<?> c = testClass; c != null; c = c.isMemberClass() && !Modifier.isStatic(c.getModifiers())
        ? c.getEnclosingClass() : null) {
      Optional<? extends Annotation> annotation = AnnotationSupport.findAnnotation(c, type);
      if (annotation.isPresent()) {
        return Boolean.TRUE.equals(call(annotation.get(), "disabledWithoutDocker"));
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

  @SuppressWarnings("unchecked")
  private static Class<? extends Annotation> annotationType(ClassLoader loader) {
    try {
      return (Class<? extends Annotation>) Class.forName(ANNOTATION, false, loader);
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

  /** The {@code CONTAINER_SKIP} evidence. */
  static String evidence(String dockerCause) {
    return "@Testcontainers(disabledWithoutDocker = true) and Docker is not available (" + dockerCause
        + "): the class would be silently skipped";
  }

  /** The failure of a guarded class that Testcontainers would skip ({@code fail} mode). */
  static String failure(Class<?> testClass, String dockerCause) {
    return "@Testcontainers(disabledWithoutDocker = true) would silently skip the guarded class ["
        + testClass.getName() + "]: Docker is not available (" + dockerCause + "). A skip is not a pass: start"
        + " Docker, or remove disabledWithoutDocker = true so that the class fails when Docker is missing.";
  }

  /** The reason of the skip in {@code report} mode; it names {@code disabledWithoutDocker} as Testcontainers' does. */
  static String reportModeReason(String dockerCause) {
    return "disabledWithoutDocker is true and Docker is not available (" + dockerCause
        + "); reported as MASKED (CONTAINER_SKIP)";
  }
}
