package io.github.authenticity.core.internal.detect;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * The Log4j 2 bridge: a {@link BridgeAppender} on the root logger configuration and every non-additive one,
 * and a configuration-wide filter for the calls a logger's level drops, all attached by reflection.
 */
final class Log4jBridge {

  /** One appender per logging context, reused on every check. */
  private static final Map<Object, Object> APPENDERS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  /** The Log4j 2 configurations that have our level-independent filter. */
  private static final Map<Object, Boolean> FILTERED =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private Log4jBridge() {
  }

  static void attach(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> logManager = LoggingBridges.load("org.apache.logging.log4j.LogManager", loader);
    if (logManager == null
        || LoggingBridges.load("org.apache.logging.log4j.core.LoggerContext", loader) == null) {
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
    Object started = LoggingBridges.enumConstant(stateType, "STARTED");
    Object appender = APPENDERS.computeIfAbsent(context, c -> Proxy.newProxyInstance(libraryLoader,
        new Class<?>[] {appenderType}, new BridgeAppender(null, started, Log4jBridge::event)));
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
      if (!((Map<?, ?>) getAppenders.invoke(config)).containsKey(LoggingBridges.APPENDER_NAME)) {
        addAppender.invoke(config, appender, null, null);
        changed = true;
      }
    }
    if (!FILTERED.containsKey(configuration)) {
      // a configuration-wide filter is asked before the logger's level: lines the level drops are seen too
      Class<?> resultType = Class.forName("org.apache.logging.log4j.core.Filter$Result", false, libraryLoader);
      Object filter = Proxy.newProxyInstance(libraryLoader, new Class<?>[] {filterType},
          new LevelFilter(LoggingBridges.enumConstant(resultType, "NEUTRAL"), started, levelType));
      configuration.getClass().getMethod("addFilter", filterType).invoke(configuration, filter);
      FILTERED.put(configuration, Boolean.TRUE);
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
          return ProxyDefaults.answer(method);
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

  private static void event(Object event) throws ReflectiveOperationException {
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
}
