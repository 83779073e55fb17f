package io.github.authenticity.core.internal.detect;

import java.util.Enumeration;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures java.util.logging records: one handler on the root logger (installed once per JVM) and on
 * every logger that does not use its parent handlers, re-scanned when each guarded test starts. A
 * logger created during the test with {@code setUseParentHandlers(false)} is still seen when its own
 * handler writes to {@code System.err} after the tee was installed (a {@code ConsoleHandler} created
 * then does): through the console tee.
 */
final class JulCapture extends Handler {

  private static final JulCapture INSTANCE = new JulCapture();

  private JulCapture() {
    setLevel(Level.ALL);
  }

  /** Loggers whose level drops fallback lines before any handler, as found by the last {@link #install()}. */
  private static volatile java.util.List<String> muted = java.util.List.of();

  /** Adds the handler to the root logger (a cheap check when it is there). */
  static void installOnRoot() {
    attach(root(LogManager.getLogManager()));
  }

  /** Adds the handler to the root logger and to every logger that bypasses it. */
  static void install() {
    LogManager manager = LogManager.getLogManager();
    Logger root = root(manager);
    attach(root);
    java.util.List<String> quiet = new java.util.ArrayList<>();
    if (root.getLevel() != null && root.getLevel().intValue() > Level.WARNING.intValue()) {
      quiet.add("the root logger (" + root.getLevel() + ")");
    }
    Enumeration<String> names = manager.getLoggerNames();
    while (names.hasMoreElements()) {
      Logger logger = manager.getLogger(names.nextElement());
      if (logger == null) {
        continue;
      }
      if (!logger.getUseParentHandlers()) {
        attach(logger);
      }
      if (logger != root && logger.getLevel() != null && logger.getLevel().intValue() > Level.WARNING.intValue()
          && quiet.size() < 5) {
        quiet.add("[" + logger.getName() + "] (" + logger.getLevel() + ")");
      }
    }
    muted = java.util.List.copyOf(quiet);
  }

  /**
   * A warning when a java.util.logging level above {@code WARNING} drops lines before any handler (JUL has no
   * hook ahead of the level check, and lowering a level would change what the suite's own handlers print),
   * or empty.
   */
  static java.util.Optional<String> mutedWarning() {
    java.util.List<String> quiet = muted;
    if (quiet.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("java.util.logging lines below the level of " + String.join(", ", quiet)
        + " are dropped before any handler, so a fallback line logged there at WARNING or below is not seen; "
        + "lower that level to WARNING or INFO in the test logging configuration to have them checked");
  }

  /**
   * The root logger, looked up by the manager: {@code Logger.getLogger("")} asks for its caller's class on every call
   * (it is caller-sensitive), which was most of this walk's cost in a suite of short tests.
   */
  private static Logger root(LogManager manager) {
    Logger root = manager.getLogger("");
    return root != null ? root : Logger.getLogger("");
  }

  private static void attach(Logger logger) {
    for (Handler handler : logger.getHandlers()) {
      if (handler == INSTANCE) {
        return;
      }
    }
    logger.addHandler(INSTANCE);
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null || !TestScope.anyOpen()) {
      return;
    }
    TestScope scope = TestScope.current();
    if (scope == null) {
      return;
    }
    String message = record.getMessage();
    if (message == null) {
      return;
    }
    try {
      Object[] parameters = record.getParameters();
      if (record.getResourceBundle() != null || (parameters != null && parameters.length > 0)) {
        message = new java.util.logging.SimpleFormatter().formatMessage(record);
      }
    } catch (RuntimeException ex) {
      // keep the raw message: a bad format pattern must not lose the line
    }
    scope.add(new CapturedLine("jul", record.getLevel().getName(), String.valueOf(record.getLoggerName()), message));
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
  }
}
