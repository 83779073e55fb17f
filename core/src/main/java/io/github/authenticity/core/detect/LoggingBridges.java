package io.github.authenticity.core.detect;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

/**
 * Captures SLF4J/Logback and Log4j 2 events without a compile dependency on either: when the library is
 * on the test class path, a {@link Proxy} implementing its {@code Appender} interface is attached by
 * reflection to the root logger and to every non-additive logger (re-checked when each guarded test
 * starts, so a reconfiguration that dropped it is repaired). The events carry level and logger, which
 * a console line does not. Asynchronous loggers append on their own thread: such lines are attributed
 * only when one guarded test runs (see {@link TestScope#current()}).
 */
final class LoggingBridges {

  static final String APPENDER_NAME = "authenticity";
  /** Per test class loader: whether Logback / Log4j 2 are there at all (a missing class costs an exception each time). */
  private static final Map<ClassLoader, boolean[]> PRESENT =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  /** One appender per logging context, reused on every check. */
  private static final Map<Object, Object> APPENDERS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private LoggingBridges() {
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
        logback(loader);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
        // Logback of an unknown shape: its console output is still seen through the console tee
      }
    }
    if (present[1]) {
      try {
        log4j(loader);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
        // Log4j 2 of an unknown shape: its console output may still be seen through the tee
      }
    }
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError ex) {
      return null;
    }
  }

  private static void logback(ClassLoader loader) throws ReflectiveOperationException {
    if (load("ch.qos.logback.classic.LoggerContext", loader) == null
        || load("org.slf4j.LoggerFactory", loader) == null) {
      return;
    }
    Object context = load("org.slf4j.LoggerFactory", loader).getMethod("getILoggerFactory").invoke(null);
    if (!context.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
      return;
    }
    ClassLoader libraryLoader = context.getClass().getClassLoader();
    Class<?> appenderType = Class.forName("ch.qos.logback.core.Appender", false, libraryLoader);
    Class<?> filterReply = Class.forName("ch.qos.logback.core.spi.FilterReply", false, libraryLoader);
    Object neutral = enumConstant(filterReply, "NEUTRAL");
    Object appender = APPENDERS.computeIfAbsent(context, c -> Proxy.newProxyInstance(libraryLoader,
        new Class<?>[] {appenderType}, new Handler(neutral, null, LoggingBridges::logbackEvent)));
    Method getAppender = load("ch.qos.logback.classic.Logger", libraryLoader).getMethod("getAppender", String.class);
    Method addAppender = load("ch.qos.logback.classic.Logger", libraryLoader).getMethod("addAppender", appenderType);
    Method isAdditive = load("ch.qos.logback.classic.Logger", libraryLoader).getMethod("isAdditive");
    Object root = context.getClass().getMethod("getLogger", String.class).invoke(context, "ROOT");
    List<?> loggers = (List<?>) context.getClass().getMethod("getLoggerList").invoke(context);
    for (Object logger : loggers) {
      boolean needed = logger == root || !(Boolean) isAdditive.invoke(logger);
      if (needed && getAppender.invoke(logger, APPENDER_NAME) == null) {
        addAppender.invoke(logger, appender);
      }
    }
  }

  private static void logbackEvent(Object event) throws ReflectiveOperationException {
    TestScope scope = TestScope.current();
    if (scope == null) {
      return;
    }
    Object message = event.getClass().getMethod("getFormattedMessage").invoke(event);
    Object level = event.getClass().getMethod("getLevel").invoke(event);
    Object logger = event.getClass().getMethod("getLoggerName").invoke(event);
    if (message != null) {
      scope.add(new CapturedLine("logback", String.valueOf(level), String.valueOf(logger), message.toString()));
    }
  }

  private static void log4j(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> logManager = load("org.apache.logging.log4j.LogManager", loader);
    if (logManager == null || load("org.apache.logging.log4j.core.LoggerContext", loader) == null) {
      return;
    }
    Object context = logManager.getMethod("getContext", boolean.class).invoke(null, false);
    if (!context.getClass().getName().equals("org.apache.logging.log4j.core.LoggerContext")) {
      return;
    }
    ClassLoader libraryLoader = context.getClass().getClassLoader();
    Class<?> appenderType = Class.forName("org.apache.logging.log4j.core.Appender", false, libraryLoader);
    Class<?> levelType = Class.forName("org.apache.logging.log4j.Level", false, libraryLoader);
    Class<?> filterType = Class.forName("org.apache.logging.log4j.core.Filter", false, libraryLoader);
    Class<?> stateType = Class.forName("org.apache.logging.log4j.core.LifeCycle$State", false, libraryLoader);
    Object started = enumConstant(stateType, "STARTED");
    Object appender = APPENDERS.computeIfAbsent(context, c -> Proxy.newProxyInstance(libraryLoader,
        new Class<?>[] {appenderType}, new Handler(null, started, LoggingBridges::log4jEvent)));
    Object configuration = context.getClass().getMethod("getConfiguration").invoke(context);
    Class<?> loggerConfigType = Class.forName("org.apache.logging.log4j.core.config.LoggerConfig", false,
        libraryLoader);
    Method getAppenders = loggerConfigType.getMethod("getAppenders");
    Method addAppender = loggerConfigType.getMethod("addAppender", appenderType, levelType, filterType);
    Method isAdditive = loggerConfigType.getMethod("isAdditive");
    Object root = configuration.getClass().getMethod("getRootLogger").invoke(configuration);
    Map<?, ?> loggers = (Map<?, ?>) configuration.getClass().getMethod("getLoggers").invoke(configuration);
    boolean changed = false;
    java.util.Set<Object> targets = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    targets.add(root);
    for (Object config : loggers.values()) {
      if (!(Boolean) isAdditive.invoke(config)) {
        targets.add(config);
      }
    }
    for (Object config : targets) {
      if (!((Map<?, ?>) getAppenders.invoke(config)).containsKey(APPENDER_NAME)) {
        addAppender.invoke(config, appender, null, null);
        changed = true;
      }
    }
    if (changed) {
      context.getClass().getMethod("updateLoggers").invoke(context);
    }
  }

  private static void log4jEvent(Object event) throws ReflectiveOperationException {
    TestScope scope = TestScope.current();
    if (scope == null) {
      return;
    }
    Object message = event.getClass().getMethod("getMessage").invoke(event);
    if (message == null) {
      return;
    }
    Method formatted = message.getClass().getMethod("getFormattedMessage");
    formatted.setAccessible(true);
    Object text = formatted.invoke(message);
    Object level = event.getClass().getMethod("getLevel").invoke(event);
    Object logger = event.getClass().getMethod("getLoggerName").invoke(event);
    if (text != null) {
      scope.add(new CapturedLine("log4j", String.valueOf(level), String.valueOf(logger), text.toString()));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumConstant(Class<?> type, String name) {
    return Enum.valueOf((Class) type, name);
  }

  private interface EventSink {
    void accept(Object event) throws ReflectiveOperationException;
  }

  /** The appender: every method of the library's interface answered generically. */
  private static final class Handler implements InvocationHandler {

    private final Object filterReply;
    private final Object state;
    private final EventSink sink;

    Handler(Object filterReply, Object state, EventSink sink) {
      this.filterReply = filterReply;
      this.state = state;
      this.sink = sink;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      switch (method.getName()) {
        case "doAppend", "append" -> {
          if (args != null && args.length == 1 && args[0] != null && TestScope.anyOpen()) {
            try {
              sink.accept(args[0]);
            } catch (ReflectiveOperationException | RuntimeException ex) {
              // an event of an unexpected shape is skipped; logging must never fail because of us
            }
          }
          return null;
        }
        case "getName" -> {
          return APPENDER_NAME;
        }
        case "isStarted" -> {
          return true;
        }
        case "getState" -> {
          return state;
        }
        case "getFilterChainDecision" -> {
          return filterReply;
        }
        case "getCopyOfAttachedFiltersList" -> {
          return List.of();
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return args != null && proxy == args[0];
        }
        case "toString" -> {
          return "AuthenticityAppender";
        }
        default -> {
          Class<?> type = method.getReturnType();
          if (type == boolean.class) {
            return false;
          }
          if (type.isPrimitive() && type != void.class) {
            return 0;
          }
          return null;
        }
      }
    }
  }
}
