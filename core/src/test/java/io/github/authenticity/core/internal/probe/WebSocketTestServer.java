package io.github.authenticity.core.internal.probe;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

/** A minimal RFC 6455 server for tests: real handshake, then echoes text messages as {@code echo: <text>}. */
final class WebSocketTestServer implements AutoCloseable {

  enum Mode {
    /** Handshake, then echo every text message. */
    ECHO,
    /** Handshake, then send {@code hello} before anything else. */
    GREET,
    /** Handshake with a wrong Sec-WebSocket-Accept. */
    WRONG_ACCEPT,
    /** Handshake, then a close frame with code 1008 instead of a reply. */
    CLOSE
  }

  private final ServerSocket server;
  private final Mode mode;
  private final Thread thread;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  /** The request lines and headers received, for assertions. */
  final List<String> requests = new CopyOnWriteArrayList<>();

  WebSocketTestServer(Mode mode, SSLContext tls) throws IOException {
    this.mode = mode;
    server = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
        : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    thread = new Thread(this::acceptLoop, "test-websocket-server");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        Thread connection = new Thread(() -> serve(socket), "test-websocket-connection");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException ex) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(5000);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      String key = null;
      StringBuilder request = new StringBuilder();
      String line;
      while ((line = readLine(in)) != null && !line.isEmpty()) {
        request.append(line).append('\n');
        if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
          key = line.substring(line.indexOf(':') + 1).trim();
        }
      }
      requests.add(request.toString());
      if (key == null) {
        out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      String accept = mode == Mode.WRONG_ACCEPT ? "d3JvbmctYWNjZXB0LXZhbHVlPQ==" : accept(key);
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (mode == Mode.GREET) {
        frame(out, 0x1, "hello".getBytes(StandardCharsets.UTF_8));
      }
      while (true) {
        int first = in.read();
        if (first == -1) {
          return;
        }
        int second = in.readUnsignedByte();
        int opcode = first & 0x0f;
        long length = second & 0x7f;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        if ((second & 0x80) == 0) {
          return; // clients must mask; a real server closes
        }
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes((int) length);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
        if (opcode == 0x8) {
          frame(out, 0x8, payload);
          return;
        }
        if (mode == Mode.CLOSE) {
          byte[] reason = "policy".getBytes(StandardCharsets.UTF_8);
          byte[] close = new byte[2 + reason.length];
          close[0] = (byte) (1008 >> 8);
          close[1] = (byte) (1008 & 0xff);
          System.arraycopy(reason, 0, close, 2, reason.length);
          frame(out, 0x8, close);
          return;
        }
        if (opcode == 0x1) {
          frame(out, 0x1, ("echo: " + new String(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException ex) {
      // the client went away
    }
  }

  private static String readLine(DataInputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
    out.write(0x80 | opcode);
    if (payload.length < 126) {
      out.write(payload.length);
    } else {
      out.write(126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xff);
    }
    out.write(payload);
    out.flush();
  }

  static String accept(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1")
          .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    ProbeFixtures.joinQuietly(thread, 2000);
  }
}
