package io.github.authenticity.core.internal.probe;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.authenticity.core.config.ServiceDefinition;

/**
 * {@code websocket}: a real RFC 6455 opening handshake ({@code 101} with the right
 * {@code Sec-WebSocket-Accept}), then optionally {@code send} a text message and check that the first
 * text message back matches {@code expect}.
 */
final class WebSocketProbe extends BuiltinProbe {

  static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int HEAD_LIMIT = 16 * 1024;
  private static final int MESSAGE_LIMIT = 1 << 20;

  @Override
  public String type() {
    return "websocket";
  }

  @Override
  public Set<String> settingKeys() {
    return Set.of("url", "headers", "send", "expect", "trustStore", "trustStorePassword", "trustStoreType");
  }

  @Override
  String endpoint(ServiceDefinition service) {
    return ProbeRedaction.url(service.setting("url").orElse("websocket (no url)"));
  }

  @Override
  Outcome check(ServiceDefinition service, Deadline deadline) throws Exception {
    URI uri = url(service, "a", "ws", "wss");
    String url = uri.toString();
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean tls = scheme.equals("wss");
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
        : uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : io.github.authenticity.core.config.Endpoint.defaultPort(scheme);
    Optional<String> send = service.setting("send");
    Optional<Pattern> expect = patternSetting(service, "expect");

    try (Socket socket = Wire.connect(host, port, tls, service, deadline)) {
      InputStream in = Wire.in(socket, deadline);
      OutputStream out = socket.getOutputStream();
      String key = Base64.getEncoder().encodeToString(randomBytes(16));
      out.write(request(uri, host, port, tls, key, headers(service)).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();

      Wire.refresh(socket, deadline);
      String statusLine;
      try {
        statusLine = Wire.readLine(in, HEAD_LIMIT);
      } catch (SocketTimeoutException ex) {
        throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(),
            "accepted the connection but sent no answer to the WebSocket handshake"), ex);
      }
      if (statusLine == null) {
        return Outcome.down("wrong protocol: closed the connection without answering the WebSocket handshake");
      }
      String[] parts = statusLine.split(" ", 3);
      if (!parts[0].startsWith("HTTP/") || parts.length < 2 || !parts[1].matches("\\d{3}")) {
        return Outcome.down("wrong protocol: answered [" + Wire.snippet(statusLine)
            + "] instead of an HTTP response to the WebSocket handshake");
      }
      int status = Integer.parseInt(parts[1]);
      String reason = HttpExchange.reason(status, parts.length > 2 ? parts[2] : null);
      Map<String, String> responseHeaders = Wire.readHeaders(in, HEAD_LIMIT, "the handshake response headers");
      if (status != 101) {
        return Outcome.down("wrong protocol: answered HTTP " + status + " " + reason
            + " instead of 101 Switching Protocols");
      }
      String upgrade = responseHeaders.getOrDefault("upgrade", "");
      if (!upgrade.equalsIgnoreCase("websocket")) {
        return Outcome.down("wrong protocol: answered 101 " + reason + " with Upgrade [" + upgrade
            + "] instead of [websocket]");
      }
      String expectedAccept = accept(key);
      String actualAccept = responseHeaders.get("sec-websocket-accept");
      if (actualAccept == null) {
        return Outcome.down("wrong protocol: answered 101 Switching Protocols without Sec-WebSocket-Accept");
      }
      if (!actualAccept.equals(expectedAccept)) {
        return Outcome.down("wrong protocol: answered 101 Switching Protocols with Sec-WebSocket-Accept ["
            + Wire.snippet(actualAccept) + "], expected [" + expectedAccept + "]");
      }
      Outcome outcome = Outcome.up("101 Switching Protocols");
      if (send.isPresent()) {
        writeFrame(out, 0x1, send.get().getBytes(StandardCharsets.UTF_8));
      }
      if (expect.isPresent()) {
        outcome = awaitReply(socket, in, out, expect.get(), deadline, send.isPresent());
      }
      try {
        writeFrame(out, 0x8, new byte[] {0x03, (byte) 0xe8}); // close 1000, best effort
      } catch (IOException ignored) {
        // the verdict is already made; the server may have closed first
      }
      return outcome;
    }
  }

  private static Outcome awaitReply(Socket socket, InputStream in, OutputStream out, Pattern expect,
      Deadline deadline, boolean sent) throws IOException, ProbeFailure {
    String after = sent ? "after the message was sent" : "after the handshake";
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    int messageType = -1;
    try {
      while (true) {
        Wire.refresh(socket, deadline);
        int first = in.read();
        if (first == -1) {
          return Outcome.down("handshake ok, but the server closed the connection without a message " + after);
        }
        int second = Wire.readFully(in, 1)[0] & 0xff;
        boolean fin = (first & 0x80) != 0;
        int opcode = first & 0x0f;
        long length = second & 0x7f;
        if (length == 126) {
          byte[] b = Wire.readFully(in, 2);
          length = (b[0] & 0xff) << 8 | b[1] & 0xff;
        } else if (length == 127) {
          byte[] b = Wire.readFully(in, 8);
          length = 0;
          for (byte value : b) {
            length = length << 8 | value & 0xff;
          }
        }
        byte[] mask = (second & 0x80) != 0 ? Wire.readFully(in, 4) : null;
        if (length > MESSAGE_LIMIT || length < 0) {
          return Outcome.down("handshake ok, but the server sent a frame of " + length + " bytes " + after);
        }
        if (opcode == 0x0 && message.size() + length > MESSAGE_LIMIT) {
          return Outcome.down("handshake ok, but the server sent a message of more than " + MESSAGE_LIMIT
              + " bytes in continuation frames " + after);
        }
        byte[] payload = Wire.readFully(in, (int) length);
        if (mask != null) {
          for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
          }
        }
        switch (opcode) {
          case 0x8 -> {
            String code = payload.length >= 2 ? String.valueOf((payload[0] & 0xff) << 8 | payload[1] & 0xff) : "none";
            String text = payload.length > 2
                ? ", reason [" + Wire.snippet(new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)) + "]"
                : "";
            return Outcome.down("handshake ok, but the server closed the WebSocket (code " + code + text + ") " + after);
          }
          case 0x9 -> writeFrame(out, 0xA, payload); // ping: answer, keep waiting
          case 0xA -> {
            // pong: ignore
          }
          case 0x1, 0x2, 0x0 -> {
            if (opcode != 0x0) {
              messageType = opcode;
              message.reset();
            }
            message.write(payload);
            if (fin) {
              if (messageType == 0x2) {
                return Outcome.down("handshake ok, but the first reply is a binary message of " + message.size()
                    + " bytes; expect [" + expect.pattern() + "] needs a text message");
              }
              String text = message.toString(StandardCharsets.UTF_8);
              if (expect.matcher(text).find()) {
                return Outcome.up("101 Switching Protocols, first reply matches expect [" + expect.pattern() + "]");
              }
              return Outcome.down("handshake ok, but the first reply [" + Wire.snippet(text)
                  + "] does not match expect [" + expect.pattern() + "]");
            }
          }
          default -> {
            return Outcome.down("wrong protocol: handshake ok, but the server sent a frame with unknown opcode "
                + opcode);
          }
        }
      }
    } catch (SocketTimeoutException ex) {
      throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(), "handshake ok, but no message came " + after),
          ex);
    } catch (EOFException ex) {
      return Outcome.down("handshake ok, but the server closed the connection in the middle of a frame " + after);
    }
  }

  private static String request(URI uri, String host, int port, boolean tls, String key, Map<String, String> headers) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    boolean defaultPort = port == (tls ? 443 : 80);
    StringBuilder request = new StringBuilder(256)
        .append("GET ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: ").append(defaultPort ? hostForHeader(host) : hostPort(host, port)).append("\r\n")
        .append("Upgrade: websocket\r\n")
        .append("Connection: Upgrade\r\n")
        .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
        .append("Sec-WebSocket-Version: 13\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    return request.append("\r\n").toString();
  }

  private static String hostForHeader(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }


  /** The {@code Sec-WebSocket-Accept} a server must answer to {@code key} (RFC 6455 section 4.2.2). */
  static String accept(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", ex);
    }
  }

  /** Writes one final, masked frame (clients must mask, RFC 6455 section 5.3). */
  private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length <= 0xffff) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift) & 0xff);
      }
    }
    byte[] mask = randomBytes(4);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    Random.SOURCE.nextBytes(bytes);
    return bytes;
  }

  /**
   * The masks' and keys' source, made on first use: seeding a {@code SecureRandom} took 12-17 ms of the preflight's
   * start in every test JVM (the bench's wall-clock profile), also where no service is a WebSocket.
   */
  private static final class Random {
    static final SecureRandom SOURCE = new SecureRandom();
  }
}
