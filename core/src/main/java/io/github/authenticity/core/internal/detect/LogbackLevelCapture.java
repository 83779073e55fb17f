package io.github.authenticity.core.internal.detect;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Sees Logback calls that the logger's level drops before any appender (e.g. a {@code WARN} fallback line
 * under a root at {@code ERROR}): a {@link TurboFilter} is asked first, whatever the level. It never
 * changes the decision ({@code NEUTRAL}); calls at {@code INFO} and above are kept (below that, formatting
 * every disabled debug call would cost too much). Loaded only when Logback is on the test class path.
 */
final class LogbackLevelCapture extends TurboFilter {

  LogbackLevelCapture() {
    setName(LoggingBridges.APPENDER_NAME);
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format == null || level == null || logger == null || !TestScope.anyOpen()
        || !level.isGreaterOrEqual(Level.INFO) || level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      // an enabled call reaches the appender, which captures it with its formatted message
      return FilterReply.NEUTRAL;
    }
    TestScope scope = TestScope.current();
    if (scope != null) {
      try {
        String message = params == null || params.length == 0 ? format
            : MessageFormatter.arrayFormat(format, params).getMessage();
        scope.add(new CapturedLine("logback", level.toString(), logger.getName(), message));
      } catch (RuntimeException ex) {
        scope.add(new CapturedLine("logback", level.toString(), logger.getName(), format));
      }
    }
    return FilterReply.NEUTRAL;
  }
}
