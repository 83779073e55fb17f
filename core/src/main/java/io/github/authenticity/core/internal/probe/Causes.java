package io.github.authenticity.core.internal.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

/** Turns exceptions into the one-line causes of a {@code DOWN} result: refused, timed out, DNS, TLS, I/O. */
final class Causes {

  /** The hint added to a TLS failure about an untrusted certificate. */
  static final String TRUST_STORE_HINT =
      "if the server's certificate is signed by a private CA, set trustStore (and trustStorePassword) for this service";

  /** An exception class name that JDK messages nest, e.g. {@code sun.security...SunCertPathBuilderException: }. */
  private static final Pattern NESTED = Pattern.compile("[\\w.$]+(?:Exception|Error): ");

  private Causes() {
  }

  /** {@code timed out after N ms: <what>}. */
  static String timedOut(long timeoutMillis, String what) {
    return "timed out after " + timeoutMillis + " ms: " + what;
  }

  /**
   * The cause for {@code failure} while talking to {@code host}; {@code waiting} says what a read
   * time-out means at that point (e.g. {@code accepted the connection but sent no answer}).
   */
  static String of(Throwable failure, String host, long timeoutMillis, String waiting) {
    if (failure instanceof ProbeFailure) {
      return failure.getMessage();
    }
    if (failure instanceof UnknownHostException) {
      return "DNS failure: unknown host [" + host + "]";
    }
    if (failure instanceof SSLException ssl) {
      return "TLS failure: " + tls(ssl, host);
    }
    if (failure instanceof SocketTimeoutException) {
      String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
      return message.contains("connect timed out")
          ? timedOut(timeoutMillis, "connect did not complete")
          : timedOut(timeoutMillis, waiting);
    }
    if (failure instanceof NoRouteToHostException) {
      return "no route to host [" + host + "]";
    }
    if (failure instanceof ConnectException) {
      String message = String.valueOf(failure.getMessage());
      if (message.toLowerCase(Locale.ROOT).contains("refused")) {
        return "connection refused";
      }
      if (failure.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
        return "DNS failure: unknown host [" + host + "]";
      }
      return "cannot connect: " + oneLine(message);
    }
    if (failure instanceof EOFException) {
      return "the server closed the connection without answering";
    }
    if (failure instanceof SocketException) {
      String message = String.valueOf(failure.getMessage());
      String lower = message.toLowerCase(Locale.ROOT);
      if (lower.contains("connection reset")) {
        return "connection reset by the server";
      }
      if (lower.contains("broken pipe")) {
        return "the server closed the connection (broken pipe)";
      }
      return "I/O error: " + oneLine(message);
    }
    if (failure instanceof IOException) {
      return "I/O error: " + failure.getClass().getSimpleName() + ": " + oneLine(String.valueOf(failure.getMessage()));
    }
    if (failure instanceof InterruptedException) {
      return "interrupted";
    }
    return describe(failure);
  }

  /** {@code SimpleName: message} of {@code failure}, on one line. */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + oneLine(message));
  }

  private static String tls(SSLException failure, String host) {
    Throwable root = failure;
    boolean untrusted = false;
    boolean expired = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      root = t;
      untrusted |= t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
          && !(t.getCause() instanceof CertificateExpiredException);
      expired |= t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException;
    }
    String reason = lastPart(root.getMessage() == null ? failure.getMessage() : root.getMessage());
    if (expired) {
      return "certificate expired or not yet valid (" + reason + ")";
    }
    if (untrusted) {
      return "certificate not trusted (" + reason + "); " + TRUST_STORE_HINT;
    }
    String lower = reason.toLowerCase(Locale.ROOT);
    if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
      return "certificate does not match host [" + host + "] (" + reason + ")";
    }
    if (lower.contains("unsupported or unrecognized ssl message")) {
      return "the server did not answer TLS (" + reason + "); is it a plain-text port?";
    }
    return reason;
  }

  /** The message without the exception class names that JDK messages nest ({@code a: x.YException: text}). */
  private static String lastPart(String message) {
    String text = oneLine(String.valueOf(message));
    Matcher matcher = NESTED.matcher(text);
    int end = 0;
    while (matcher.find()) {
      end = matcher.end();
    }
    return end > 0 && end < text.length() ? text.substring(end) : text;
  }


  /** {@code text} on a single line. */
  static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
