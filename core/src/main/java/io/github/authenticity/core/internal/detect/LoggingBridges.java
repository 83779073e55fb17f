package io.github.authenticity.core.internal.detect;

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

  /** Why a bridge could not be attached, for a warning in the report (never silence). */
  private static final java.util.Set<String> PROBLEMS = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The Log4j 2 configurations that have our level-independent filter. */
  private static final Map<Object, Boolean> LOG4J_FILTERED =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private LoggingBridges() {
  }

  /** Why a logging bridge could not be attached (e.g. a Logback of an unknown shape), in order; empty when all are. */
  static List<String> problems() {
    return List.copyOf(new java.util.TreeSet<>(PROBLEMS));
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
        PROBLEMS.add("fallback lines logged through Logback are not captured: the bridge could not be attached ("
            + ex + "); only what reaches the console is seen");
      }
    }
    if (present[1]) {
      try {
        log4j(loader);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
        PROBLEMS.add("fallback lines logged through Log4j 2 are not captured: the bridge could not be attached ("
            + ex + "); only what reaches the console is seen");
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
    levelCapture(context, libraryLoader);
  }

  /** Adds {@link LogbackLevelCapture} (calls dropped by a logger's level) to the context, once. */
  private static void levelCapture(Object context, ClassLoader libraryLoader) {
    try {
      Class<?> turboType = Class.forName("ch.qos.logback.classic.turbo.TurboFilter", false, libraryLoader);
      List<?> present = (List<?>) context.getClass().getMethod("getTurboFilterList").invoke(context);
      for (Object filter : present) {
        if (APPENDER_NAME.equals(turboType.getMethod("getName").invoke(filter))) {
          return;
        }
      }
      Class<?> capture = Class.forName("io.github.authenticity.core.internal.detect.LogbackLevelCapture", true,
          LoggingBridges.class.getClassLoader());
      if (!turboType.isAssignableFrom(capture)) {
        PROBLEMS.add("Logback lines dropped by a logger's level are not captured: Logback is loaded by another "
            + "class loader than Authenticity (" + libraryLoader + ")");
        return;
      }
      java.lang.reflect.Constructor<?> constructor = capture.getDeclaredConstructor();
      constructor.setAccessible(true);
      Object filter = constructor.newInstance();
      turboType.getMethod("start").invoke(filter);
      context.getClass().getMethod("addTurboFilter", turboType).invoke(context, filter);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
      PROBLEMS.add("Logback lines dropped by a logger's level are not captured: the turbo filter could not be "
          + "added (" + ex + ")");
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
    if (!LOG4J_FILTERED.containsKey(configuration)) {
      // a configuration-wide filter is asked before the logger's level: lines the level drops are seen too
      Class<?> resultType = Class.forName("org.apache.logging.log4j.core.Filter$Result", false, libraryLoader);
      Object filter = Proxy.newProxyInstance(libraryLoader, new Class<?>[] {filterType},
          new LevelFilter(enumConstant(resultType, "NEUTRAL"), started, levelType));
      configuration.getClass().getMethod("addFilter", filterType).invoke(configuration, filter);
      LOG4J_FILTERED.put(configuration, Boolean.TRUE);
      changed = true;
    }
    if (changed) {
      context.getClass().getMethod("updateLoggers").invoke(context);
    }
  }

  /**
   * The Log4j 2 filter: records a call whose level the logger drops (at {@code INFO} and above), answers
   * {@code NEUTRAL} always, so nothing about logging changes.
   */
  private static final class LevelFilter implements InvocationHandler {

    private final Object neutral;
    private final Object state;
    private final Method intLevel;

    LevelFilter(Object neutral, Object state, Class<?> levelType) throws NoSuchMethodException {
      this.neutral = neutral;
      this.state = state;
      this.intLevel = levelType.getMethod("intLevel");
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      switch (method.getName()) {
        case "filter" -> {
          if (args != null && args.length >= 4 && TestScope.anyOpen()) {
            try {
              capture(args);
            } catch (ReflectiveOperationException | RuntimeException ex) {
              // a call of an unexpected shape is skipped; logging must never fail because of us
            }
          }
          return neutral;
        }
        case "getOnMatch", "getOnMismatch" -> {
          return neutral;
        }
        case "getState" -> {
          return state;
        }
        case "isStarted" -> {
          return true;
        }
        case "isStopped", "isStopping", "isStarting", "isInitialized" -> {
          return method.getName().equals("isInitialized");
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return args != null && proxy == args[0];
        }
        case "toString" -> {
          return "AuthenticityLevelFilter";
        }
        default -> {
          Class<?> type = method.getReturnType();
          if (type == boolean.class) {
            return false;
          }
          return null;
        }
      }
    }

    private void capture(Object[] args) throws ReflectiveOperationException {
      Object logger = args[0];
      Object level = args[1];
      if (logger == null || level == null) {
        return;
      }
      int wanted = (int) intLevel.invoke(level);
      Object loggerLevel = logger.getClass().getMethod("getLevel").invoke(logger);
      if (wanted > 400 || (loggerLevel != null && (int) intLevel.invoke(loggerLevel) >= wanted)) {
        return; // below INFO, or enabled: the appender captures it
      }
      TestScope scope = TestScope.current();
      if (scope == null) {
        return;
      }
      Object message = args[3];
      String text;
      if (message instanceof String format) {
        Object[] parameters = args.length == 5 && args[4] instanceof Object[] array ? array
            : java.util.Arrays.copyOfRange(args, 4, args.length);
        text = parameters.length == 0 ? format : formatted(format, parameters);
      } else if (message != null && hasMethod(message, "getFormattedMessage")) {
        Method formatted = message.getClass().getMethod("getFormattedMessage");
        formatted.setAccessible(true);
        text = String.valueOf(formatted.invoke(message));
      } else {
        text = String.valueOf(message);
      }
      String name = String.valueOf(logger.getClass().getMethod("getName").invoke(logger));
      scope.add(new CapturedLine("log4j", String.valueOf(level), name, text));
    }

    private static boolean hasMethod(Object target, String name) {
      for (Method method : target.getClass().getMethods()) {
        if (method.getName().equals(name) && method.getParameterCount() == 0) {
          return true;
        }
      }
      return false;
    }

    /** {@code {}} placeholders filled in order, as Log4j's parameterized messages do. */
    private static String formatted(String format, Object[] parameters) {
      StringBuilder result = new StringBuilder();
      int next = 0;
      int at = 0;
      while (at < format.length()) {
        int found = format.indexOf("{}", at);
        if (found < 0 || next >= parameters.length) {
          result.append(format, at, format.length());
          break;
        }
        result.append(format, at, found).append(parameters[next++]);
        at = found + 2;
      }
      return result.toString();
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
