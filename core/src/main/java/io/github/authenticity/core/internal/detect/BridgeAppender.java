package io.github.authenticity.core.internal.detect;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The appender both bridges attach, as a {@link java.lang.reflect.Proxy} of the library's {@code Appender}
 * interface: every method answered generically, each event handed to its bridge while a guarded test runs.
 */
final class BridgeAppender implements InvocationHandler {

  /** What a bridge does with one logging event of its library. */
  interface EventSink {
    void accept(Object event) throws ReflectiveOperationException;
  }

  private final Object filterReply;
  private final Object state;
  private final EventSink sink;

  BridgeAppender(Object filterReply, Object state, EventSink sink) {
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
        return LoggingBridges.APPENDER_NAME;
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
        return ProxyDefaults.answer(method);
      }
    }
  }
}
