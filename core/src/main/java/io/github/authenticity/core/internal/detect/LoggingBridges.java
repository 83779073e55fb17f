package io.github.authenticity.core.internal.detect;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

/**
 * Captures SLF4J/Logback and Log4j 2 events without a compile dependency on either: when the library is
 * on the test class path, a {@link Proxy} implementing its {@code Appender} interface is attached by
 * reflection to the root logger and to every non-additive logger (re-checked when each guarded test
 * starts, so a reconfiguration that dropped it is repaired). The events carry level and logger, which
 * a console line does not. Asynchronous loggers append on their own thread: such lines are attributed
 * only when one guarded test runs (see {@link TestScope#current()}). This class finds which libraries are
 * there and keeps what both bridges share; {@link LogbackBridge} and {@link Log4jBridge} attach to their own.
 */
final class LoggingBridges {

  static final String APPENDER_NAME = "authenticity";
  /** Per test class loader: whether Logback / Log4j 2 are there at all (a missing class costs an exception each time). */
  private static final Map<ClassLoader, boolean[]> PRESENT =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /** Why a bridge could not be attached, for a warning in the report (never silence). */
  private static final java.util.Set<String> PROBLEMS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private LoggingBridges() {
  }

  /** Why a logging bridge could not be attached (e.g. a Logback of an unknown shape), in order; empty when all are. */
  static List<String> problems() {
    // asked for at every guarded test's end: nothing to copy or sort in the usual case
    return PROBLEMS.isEmpty() ? List.of() : List.copyOf(new java.util.TreeSet<>(PROBLEMS));
  }

  /** Attaches the appenders for the libraries visible from {@code loader}; failures never break a test. */
  static void install(ClassLoader loader) {
    if (loader == null) {
      return;
    }
    boolean[] present = PRESENT.computeIfAbsent(loader, l -> new boolean[] {
        load("ch.qos.logback.classic.LoggerContext", l) != null && load("org.slf4j.LoggerFactory", l) != null,
        load("org.apache.logging.log4j.LogManager", l) != null
            && load("org.apache.logging.log4j.core.LoggerContext", l) != null});
    if (present[0]) {
      try {
        LogbackBridge.attach(loader);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
        PROBLEMS.add("fallback lines logged through Logback are not captured: the bridge could not be attached ("
            + ex + "); only what reaches the console is seen");
      }
    }
    if (present[1]) {
      try {
        Log4jBridge.attach(loader);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
        PROBLEMS.add("fallback lines logged through Log4j 2 are not captured: the bridge could not be attached ("
            + ex + "); only what reaches the console is seen");
      }
    }
  }

  /** Records why part of a bridge could not be attached. */
  static void problem(String problem) {
    PROBLEMS.add(problem);
  }

  static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError ex) {
      return null;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object enumConstant(Class<?> type, String name) {
    return Enum.valueOf((Class) type, name);
  }
}
