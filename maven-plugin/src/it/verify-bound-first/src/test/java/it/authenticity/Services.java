package it.authenticity;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Talks to the real services the way a client library would: real sockets, real protocol bytes. */
final class Services {

  private Services() {
  }

  /** Sends Redis {@code PING} and returns the answer, e.g. {@code +PONG}. */
  static String redisPing() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      socket.setSoTimeout(2000);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] buffer = new byte[64];
      int read = socket.getInputStream().read(buffer);
      return new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII).strip();
    }
  }

  /** Sends PostgreSQL's SSLRequest and returns the one-byte answer ({@code S} or {@code N}). */
  static char postgresSslAnswer() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", 5432)) {
      socket.setSoTimeout(2000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(8);
      out.writeInt(80877103);
      out.flush();
      return (char) socket.getInputStream().read();
    }
  }
}
