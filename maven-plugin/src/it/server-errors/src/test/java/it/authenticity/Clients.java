package it.authenticity;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Client libraries with a silent fallback: real sockets, real protocol bytes, canned data on any server error. */
final class Clients {

  private Clients() {
  }

  /** The backend's status for {@code path}. */
  static int status(String path) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(backend() + path).toURL().openConnection();
    int status = connection.getResponseCode();
    try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
    return status;
  }

  /** Orders, or two canned ones on any 5xx, without a word. */
  static List<String> orders() throws IOException {
    return status("/api/orders") >= 500 ? List.of("canned-1", "canned-2") : List.of("real");
  }

  /** {@code http://127.0.0.1:<port>} from the authenticity.yaml on the test class path. */
  static String backend() throws IOException {
    try (InputStream in = Clients.class.getResourceAsStream("/authenticity.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int start = yaml.indexOf("http://127.0.0.1:");
      return yaml.substring(start, yaml.indexOf("/health", start));
    }
  }

  /** A command the local Redis refuses ({@code -ERR unknown command}); the session store falls back to memory. */
  static String session() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      socket.setSoTimeout(2000);
      socket.getOutputStream().write("SESSIONGET user-1\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] buffer = new byte[256];
      int read = socket.getInputStream().read(buffer);
      String answer = new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII);
      return answer.startsWith("-") ? "in-memory-session" : answer;
    }
  }

  /** A login to a database that does not exist: PostgreSQL answers FATAL after the socket opened. */
  static String login() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", 5432)) {
      socket.setSoTimeout(2000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      byte[] parameters = "user\0postgres\0database\0authenticity_no_such_database\0\0"
          .getBytes(StandardCharsets.US_ASCII);
      out.writeInt(8 + parameters.length);
      out.writeInt(196608);
      out.write(parameters);
      out.flush();
      byte[] buffer = new byte[512];
      int read = socket.getInputStream().read(buffer);
      return read > 0 ? "refused" : "nothing";
    }
  }
}
