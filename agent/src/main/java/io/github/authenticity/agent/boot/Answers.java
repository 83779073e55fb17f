package io.github.authenticity.agent.boot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reads what an answer says from its first bytes, where the agent's read hooks put them in native memory: the
 * start of an answer (the first read on a connection after a write) is classified once, a few bytes read with
 * {@code jdk.internal.misc.Unsafe} (exported to this module by the agent alone), never per byte of the stream.
 *
 * <p>A label is {@code HTTP 503} (an HTTP/1.x status line), {@code RESP -LOADING} (a Redis error reply), {@code PG
 * FATAL} (a PostgreSQL {@code ErrorResponse}, by severity), {@code WS 1011} (a WebSocket close frame, by code),
 * {@link #HANDSHAKE} (a protocol step that is no answer: PostgreSQL's one-byte answer to an {@code SSLRequest}, its
 * authentication requests), {@link #HEARTBEAT} (a keep-alive: the ledger credits it to no test when no test wrote it,
 * and as an ordinary answer when one did), or {@code null}: an answer whose protocol is not one of these (or is
 * encrypted). What the labels mean for a verdict is core's rule, not the agent's.
 */
final class Answers {

  /** A protocol step that is no answer of the service. */
  static final String HANDSHAKE = "~";
  /**
   * A keep-alive that is no answer to a request: a whole WebSocket ping or pong frame, Redis's {@code +PONG}, an
   * HTTP/2 {@code PING} acknowledgement (cleartext), PostgreSQL's answer to an empty query (JDBC's {@code isValid}), an
   * AMQP heartbeat frame, an MQTT {@code PINGRESP}. A client's own thread sends these on a timer (Java-WebSocket's
   * connection-lost timer, a pool's keep-alive and idle check, gRPC's, RabbitMQ's and MQTT's keep-alives), or the
   * server unasked: written by no test, they prove no test. Not among them, because a test's own request gets the same
   * bytes from a client that writes on a thread of its own: NATS's {@code PONG} (jnats's {@code flush()}), a MySQL
   * {@code OK} packet (also the answer to an {@code UPDATE} of no row).
   */
  static final String HEARTBEAT = "*";
  /** TLS application data at the socket (never kept: the ledger records it as an unread answer). */
  static final String TLS_DATA = "tls";
  /** An HTTP/2 frame header of a {@code PING} with {@code ACK}: length 8, type 6, flags 1, stream 0. */
  private static final String HTTP2_PING_ACK = "\0\0\u0008\u0006\u0001\0\0\0\0";
  /** An AMQP 0-9-1 heartbeat frame (RabbitMQ): type 8, channel 0, size 0, frame end. */
  private static final String AMQP_HEARTBEAT = "\u0008\0\0\0\0\0\0\u00ce";
  /** How many bytes of an answer are ever looked at. */
  private static final int LOOK = 64;
  private static final MethodHandle GET_BYTE;
  private static final MethodHandle GET_LONG;
  private static final String[] HTTP = new String[600];
  private static final String[] PG = {"ERROR", "FATAL", "PANIC"};

  static {
    MethodHandle getByte = null;
    MethodHandle getLong = null;
    try {
      Class<?> type = Class.forName("jdk.internal.misc.Unsafe");
      Object unsafe = type.getMethod("getUnsafe").invoke(null);
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      getByte = lookup.findVirtual(type, "getByte", MethodType.methodType(byte.class, long.class)).bindTo(unsafe);
      getLong = lookup.findVirtual(type, "getLong", MethodType.methodType(long.class, long.class)).bindTo(unsafe);
    } catch (Throwable ex) {
      Ledger.problem("answers are not classified in this JVM (" + ex + "): bytes still prove, server errors are not "
          + "told apart");
    }
    GET_BYTE = getByte;
    GET_LONG = getLong;
  }

  private Answers() {
  }

  /** The label of the answer whose first {@code count} bytes are at {@code address}, or {@code null}. */
  static String classify(long address, long count) {
    if (address == 0 || count <= 0 || GET_BYTE == null) {
      return null;
    }
    return classify(null, address, count);
  }

  /** The label of the answer whose first {@code count} bytes are {@code bytes[offset...]}, or {@code null}. */
  static String classify(byte[] bytes, int offset, int count) {
    if (bytes == null || offset < 0 || count <= 0 || offset + count > bytes.length) {
      return null;
    }
    return classify(bytes, offset, (long) count);
  }

  private static String classify(byte[] heap, long address, long count) {
    try {
      int n = (int) Math.min(count, LOOK);
      int first = at(heap, address, 0);
      switch (first) {
        case 'H':
          return http(heap, address, n);
        case '-':
          return resp(heap, address, n);
        case 'E':
          return postgresError(heap, address, 0, n);
        case 'R':
          return postgresAuth(heap, address, n);
        case 'I':
          return n == 11 && postgresEmptyQuery(heap, address) ? HEARTBEAT : null;
        case 'N':
        case 'S':
          // PostgreSQL's answer to an SSLRequest (or GSSENCRequest): one byte
          return n == 1 ? HANDSHAKE : null;
        case 0x88:
          return webSocketClose(heap, address, n);
        case 0x89:
        case 0x8a:
          // a server's ping or pong: FIN, opcode 9 or 10, unmasked, and nothing else in the read
          return n >= 2 && count == 2 + at(heap, address, 1) ? HEARTBEAT : null;
        case '+':
          return n == 7 && same(heap, address, 0, 6, "+PONG\r") ? HEARTBEAT : null;
        case 0:
          return n == 17 && same(heap, address, 0, 9, HTTP2_PING_ACK) ? HEARTBEAT : null;
        case 0x08:
          return n == 8 && same(heap, address, 0, 8, AMQP_HEARTBEAT) ? HEARTBEAT : null;
        case 0xd0:
          // an MQTT PINGRESP (the answer to a client's keep-alive PINGREQ)
          return n == 2 && at(heap, address, 1) == 0 ? HEARTBEAT : null;
        case 0x14:
        case 0x15:
        case 0x16:
          // a TLS change-cipher-spec, alert (close_notify) or handshake record: a step of the connection, not an
          // answer
          return n >= 3 && at(heap, address, 1) == 3 && at(heap, address, 2) <= 4 ? HANDSHAKE : null;
        case 0x17:
          // TLS application data: ciphertext; the plaintext is read where the JDK's SSLSocket returns it
          return heap == null && n >= 3 && at(heap, address, 1) == 3 && at(heap, address, 2) <= 4 ? TLS_DATA : null;
        default:
          return null;
      }
    } catch (Throwable ex) {
      return null;
    }
  }

  /** The first bytes of a {@code readv}: those of its first buffer ({@code struct iovec}: base, then length). */
  static String classifyVector(long iovecs, long count) {
    if (iovecs == 0 || count <= 0 || GET_LONG == null || Long.BYTES != 8) {
      return null;
    }
    try {
      long base = (long) GET_LONG.invokeExact(iovecs);
      long length = (long) GET_LONG.invokeExact(iovecs + 8);
      return classify(base, Math.min(count, length));
    } catch (Throwable ex) {
      return null;
    }
  }

  private static int at(byte[] heap, long address, int index) throws Throwable {
    if (heap != null) {
      return heap[(int) address + index] & 0xff;
    }
    return ((byte) GET_BYTE.invokeExact(address + index)) & 0xff;
  }

  /**
   * PostgreSQL's answer to an empty query, what a JDBC {@code isValid} sends (a pool's keep-alive and idle check):
   * {@code EmptyQueryResponse}, then {@code ReadyForQuery} with its transaction status, and nothing else.
   */
  private static boolean postgresEmptyQuery(byte[] heap, long address) throws Throwable {
    if (!same(heap, address, 0, 10, "I\0\0\0\u0004Z\0\0\0\u0005")) {
      return false;
    }
    int status = at(heap, address, 10);
    return status == 'I' || status == 'T' || status == 'E';
  }

  /** {@code HTTP/1.1 503 ...}. */
  private static String http(byte[] heap, long address, int n) throws Throwable {
    if (n < 12 || at(heap, address, 1) != 'T' || at(heap, address, 2) != 'T' || at(heap, address, 3) != 'P' || at(heap, address, 4) != '/'
        || at(heap, address, 5) != '1' || at(heap, address, 6) != '.' || at(heap, address, 8) != ' ') {
      return null;
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      int digit = at(heap, address, i) - '0';
      if (digit < 0 || digit > 9) {
        return null;
      }
      status = status * 10 + digit;
    }
    if (status < 100 || status > 599) {
      return null;
    }
    String label = HTTP[status];
    if (label == null) {
      label = "HTTP " + status;
      HTTP[status] = label;
    }
    return label;
  }

  /** {@code -ERR ...}, {@code -LOADING ...}: a word of capitals, then a space or the line's end. */
  private static String resp(byte[] heap, long address, int n) throws Throwable {
    int end = 1;
    while (end < n && end <= 32) {
      int c = at(heap, address, end);
      if (c == ' ' || c == '\r') {
        break;
      }
      if (c < 'A' || c > 'Z') {
        return null;
      }
      end++;
    }
    if (end < 3 || end >= n || end > 32) {
      return null;
    }
    char[] word = new char[end];
    for (int i = 0; i < end; i++) {
      word[i] = (char) at(heap, address, i);
    }
    return "RESP " + new String(word);
  }

  /**
   * An {@code ErrorResponse} at {@code offset}: {@code E}, its length, then fields ({@code S} severity, {@code V}
   * unlocalised).
   */
  private static String postgresError(byte[] heap, long address, int offset, int n) throws Throwable {
    if (n < offset + 8 || at(heap, address, offset + 1) != 0 || at(heap, address, offset + 2) != 0) {
      return null;
    }
    int i = offset + 5;
    while (i < n) {
      int field = at(heap, address, i++);
      if (field == 0) {
        return null;
      }
      int start = i;
      while (i < n && at(heap, address, i) != 0) {
        i++;
      }
      if (i >= n) {
        return null;
      }
      if (field == 'S' || field == 'V') {
        for (String severity : PG) {
          if (same(heap, address, start, i, severity)) {
            return "PG " + severity;
          }
        }
      }
      if (field != 'S') {
        return null;
      }
      i++;
    }
    return null;
  }

  private static boolean same(byte[] heap, long address, int start, int end, String text) throws Throwable {
    if (end - start != text.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (at(heap, address, start + i) != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * An authentication message ({@code R}, its length, a code): a request (a non-zero code) is a step of the login,
   * not an answer; {@code AuthenticationOk} (0) is followed in the same read by what the server says next (an
   * {@code ErrorResponse} when it refuses the session: a database that does not exist), which is the answer.
   */
  private static String postgresAuth(byte[] heap, long address, int n) throws Throwable {
    if (n < 9 || at(heap, address, 1) != 0 || at(heap, address, 2) != 0 || at(heap, address, 3) != 0) {
      return null;
    }
    int length = at(heap, address, 4);
    int code = at(heap, address, 5) << 24 | at(heap, address, 6) << 16 | at(heap, address, 7) << 8 | at(heap, address, 8);
    if (code != 0) {
      return code < 64 ? HANDSHAKE : null;
    }
    int next = 1 + length;
    if (length == 8 && n > next && at(heap, address, next) == 'E') {
      return postgresError(heap, address, next, n);
    }
    return null;
  }

  /** A server's close frame: {@code 0x88}, an unmasked length of at least 2, the code. */
  private static String webSocketClose(byte[] heap, long address, int n) throws Throwable {
    if (n < 4) {
      return null;
    }
    int length = at(heap, address, 1);
    if ((length & 0x80) != 0 || length < 2 || length > 125) {
      return null;
    }
    int code = at(heap, address, 2) << 8 | at(heap, address, 3);
    return code >= 1000 && code < 5000 ? "WS " + code : null;
  }
}
