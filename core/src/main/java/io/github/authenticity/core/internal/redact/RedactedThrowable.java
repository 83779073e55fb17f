package io.github.authenticity.core.internal.redact;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.apiguardian.api.API;

/**
 * A throwable of a cause chain on its way out of the tool (to the test plugin, to Maven, into a log), with its
 * message through {@link Redactor}. It shows itself as the original does ({@code java.net.URISyntaxException:
 * Illegal character ... https://****@api.example.com /health}: its message starts with the original's type) and
 * keeps the original's stack trace, so the "Caused by:" lines read the same, without the secret.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class RedactedThrowable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Deeper chains are cut (a cause loop, a hostile chain): the rest is summarised in one line. */
  private static final int MAX_DEPTH = 32;

  private final String originalType;
  private final String originalMessage;

  /** The message starts with the original's type, so a printer that shows this class's name (Maven) names it too. */
  private RedactedThrowable(String originalType, String message) {
    super(message == null ? originalType : originalType + ": " + message);
    this.originalType = originalType;
    this.originalMessage = message;
  }

  /** The class name of the throwable this stands for. */
  public String originalType() {
    return originalType;
  }

  /** As the original shows itself: its type and its (redacted) message. */
  @Override
  public String toString() {
    return getMessage();
  }

  /**
   * {@code throwable} itself when neither its message nor those of its causes and suppressed throwables (at any
   * depth) change under {@link Redactor#redact(String)}; else a copy of the chain in which each throwable is a
   * {@link RedactedThrowable} with the redacted message and the same stack trace. {@code null} stays {@code null}.
   */
  public static Throwable of(Throwable throwable) {
    if (throwable == null || clean(throwable, Collections.newSetFromMap(new IdentityHashMap<>()), 0)) {
      return throwable;
    }
    return copy(throwable, new IdentityHashMap<>(), 0);
  }

  private static boolean clean(Throwable throwable, Set<Throwable> seen, int depth) {
    if (throwable == null || !seen.add(throwable)) {
      return true;
    }
    if (depth > MAX_DEPTH || changes(throwable.getMessage()) || changes(throwable.getLocalizedMessage())
        || changes(throwable.toString())) {
      return false;
    }
    for (Throwable suppressed : throwable.getSuppressed()) {
      if (!clean(suppressed, seen, depth + 1)) {
        return false;
      }
    }
    return clean(throwable.getCause(), seen, depth + 1);
  }

  private static boolean changes(String text) {
    return text != null && !Redactor.redact(text).equals(text);
  }

  private static Throwable copy(Throwable throwable, Map<Throwable, Throwable> copies, int depth) {
    Throwable done = copies.get(throwable);
    if (done != null) {
      return done;
    }
    String type = throwable instanceof RedactedThrowable redacted ? redacted.originalType
        : throwable.getClass().getName();
    if (depth >= MAX_DEPTH) {
      RedactedThrowable cut = new RedactedThrowable(type, "(a cause chain deeper than " + MAX_DEPTH
          + " throwables; the rest is left out)");
      cut.setStackTrace(new StackTraceElement[0]);
      return cut;
    }
    String message = throwable instanceof RedactedThrowable redacted ? redacted.originalMessage : throwable.getMessage();
    RedactedThrowable copy = new RedactedThrowable(type, Redactor.redact(message));
    copy.setStackTrace(throwable.getStackTrace());
    copies.put(throwable, copy);
    Throwable cause = throwable.getCause();
    if (cause != null && cause != throwable) {
      copy.initCause(copy(cause, copies, depth + 1));
    }
    for (Throwable suppressed : throwable.getSuppressed()) {
      Throwable safe = copy(suppressed, copies, depth + 1);
      if (safe != copy) {
        copy.addSuppressed(safe);
      }
    }
    return copy;
  }
}
