package io.github.authenticity.core.internal.detect;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

/**
 * The SLF4J/Logback bridge: a {@link BridgeAppender} on the root logger and every non-additive logger, and
 * {@link LogbackLevelCapture} for the calls a logger's level drops, all attached by reflection.
 */
final class LogbackBridge {

  /** One appender per logging context, reused on every check. */
  private static final Map<Object, Object> APPENDERS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private LogbackBridge() {
  }

  static void attach(ClassLoader loader) throws ReflectiveOperationException {
    if (LoggingBridges.load("ch.qos.logback.classic.LoggerContext", loader) == null
        || LoggingBridges.load("org.slf4j.LoggerFactory", loader) == null) {
      return;
    }
    Object context = LoggingBridges.load("org.slf4j.LoggerFactory", loader).getMethod("getILoggerFactory")
        .invoke(null);
    if (!context.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
      return;
    }
    ClassLoader libraryLoader = context.getClass().getClassLoader();
    Class<?> appenderType = Class.forName("ch.qos.logback.core.Appender", false, libraryLoader);
    Class<?> filterReply = Class.forName("ch.qos.logback.core.spi.FilterReply", false, libraryLoader);
    Object neutral = LoggingBridges.enumConstant(filterReply, "NEUTRAL");
    Object appender = APPENDERS.computeIfAbsent(context, c -> Proxy.newProxyInstance(libraryLoader,
        new Class<?>[] {appenderType}, new BridgeAppender(neutral, null, LogbackBridge::event)));
    Class<?> loggerType = LoggingBridges.load("ch.qos.logback.classic.Logger", libraryLoader);
    Method getAppender = loggerType.getMethod("getAppender", String.class);
    Method addAppender = loggerType.getMethod("addAppender", appenderType);
    Method isAdditive = loggerType.getMethod("isAdditive");
    Object root = context.getClass().getMethod("getLogger", String.class).invoke(context, "ROOT");
    List<?> loggers = (List<?>) context.getClass().getMethod("getLoggerList").invoke(context);
    for (Object logger : loggers) {
      boolean needed = logger == root || !(Boolean) isAdditive.invoke(logger);
      if (needed && getAppender.invoke(logger, LoggingBridges.APPENDER_NAME) == null) {
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
        if (LoggingBridges.APPENDER_NAME.equals(turboType.getMethod("getName").invoke(filter))) {
          return;
        }
      }
      Class<?> capture = Class.forName("io.github.authenticity.core.internal.detect.LogbackLevelCapture", true,
          LogbackBridge.class.getClassLoader());
      if (!turboType.isAssignableFrom(capture)) {
        LoggingBridges.problem("Logback lines dropped by a logger's level are not captured: Logback is loaded by "
            + "another class loader than Authenticity (" + libraryLoader + ")");
        return;
      }
      java.lang.reflect.Constructor<?> constructor = capture.getDeclaredConstructor();
      constructor.setAccessible(true);
      Object filter = constructor.newInstance();
      turboType.getMethod("start").invoke(filter);
      context.getClass().getMethod("addTurboFilter", turboType).invoke(context, filter);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
      LoggingBridges.problem("Logback lines dropped by a logger's level are not captured: the turbo filter could "
          + "not be added (" + ex + ")");
    }
  }

  private static void event(Object event) throws ReflectiveOperationException {
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
}
