package io.github.authenticity.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.authenticity.agent.boot.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The start of each answer is read where the JDK put it (the agent's read hooks pass the native address): real
 * servers on loopback answer with an HTTP status line, a RESP error, a PostgreSQL {@code ErrorResponse} after its
 * {@code SSLRequest} step, a WebSocket close frame, and a window is credited each answer by label.
 */
@Isolated
class AnswersTests {

  @org.junit.jupiter.api.BeforeAll
  static void agentStarted() {
    // the agent applies its hooks on a thread of its own while the JVM starts
    assertThat(Ledger.awaitActive(30_000)).as("the agent's start ended with its hooks in place").isTrue();
  }

  @Test
  void anHttpStatusLineIsReadFromEachAnswer() throws Exception {
    Map<String, Long> answers = answersTo(List.of(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.0 503 Service Unavailable\r\n\r\n"));

    assertThat(answers).containsOnly(Map.entry("HTTP 503", 2L), Map.entry("HTTP 200", 1L));
  }

  @Test
  void aRedisErrorReplyIsReadAndAnOrdinaryReplyIsNotClassified() throws Exception {
    Map<String, Long> answers = answersTo(List.of("-LOADING Redis is loading the dataset in memory\r\n",
        "+PONG\r\n", "-MASTERDOWN Link with MASTER is down\r\n"));

    assertThat(answers).containsOnly(Map.entry("RESP -LOADING", 1L), Map.entry(Ledger.OTHER, 1L),
        Map.entry("RESP -MASTERDOWN", 1L));
  }

  @Test
  void aPostgresLoginRefusedAfterItsSslRequestIsOneStepAndOneFatalAnswer() throws Exception {
    String fatal = "SFATAL\0VFATAL\0C3D000\0Mdatabase \"nope\" does not exist\0\0";
    byte[] error = new byte[1 + 4 + fatal.length()];
    error[0] = 'E';
    ByteBuffer.wrap(error, 1, 4).putInt(4 + fatal.length());
    System.arraycopy(fatal.getBytes(StandardCharsets.ISO_8859_1), 0, error, 5, fatal.length());

    Map<String, Long> answers = conversation(List.of(new byte[] {'N'}, error));

    assertThat(answers).containsOnly(Map.entry(Ledger.HANDSHAKE, 1L), Map.entry("PG FATAL", 1L));
  }

  @Test
  void aPostgresSessionRefusedRightAfterAuthenticationOkIsAFatalAnswer() throws Exception {
    // trust authentication: AuthenticationOk, then in the same read the FATAL of a database that does not exist
    String fatal = "SFATAL\0VFATAL\0C3D000\0Mdatabase \"nope\" does not exist\0\0";
    byte[] answer = new byte[9 + 1 + 4 + fatal.length()];
    answer[0] = 'R';
    ByteBuffer.wrap(answer, 1, 8).putInt(8).putInt(0);
    answer[9] = 'E';
    ByteBuffer.wrap(answer, 10, 4).putInt(4 + fatal.length());
    System.arraycopy(fatal.getBytes(StandardCharsets.ISO_8859_1), 0, answer, 14, fatal.length());
    byte[] ok = new byte[9 + 5];
    ok[0] = 'R';
    ByteBuffer.wrap(ok, 1, 8).putInt(8).putInt(0);
    ok[9] = 'Z';
    ByteBuffer.wrap(ok, 10, 4).putInt(5);

    assertThat(conversation(List.of(new byte[] {'N'}, answer, ok))).containsOnly(Map.entry(Ledger.HANDSHAKE, 1L),
        Map.entry("PG FATAL", 1L), Map.entry(Ledger.OTHER, 1L));
  }

  @Test
  void aWebSocketCloseFrameIsReadByItsCode() throws Exception {
    Map<String, Long> answers = answersTo(List.of(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));
    byte[] close = {(byte) 0x88, 2, 0x03, (byte) 0xf3};
    Map<String, Long> closed = conversation(List.of(close));

    assertThat(answers).containsExactly(Map.entry("HTTP 101", 1L));
    assertThat(closed).containsExactly(Map.entry("WS 1011", 1L));
  }

  @Test
  void aScatteringReadOfAChannelIsReadFromItsFirstBuffer() throws Exception {
    try (Server server = new Server(List.of("HTTP/1.1 502 Bad Gateway\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))) {
      Ledger.Window window = Ledger.open("scatter");
      try (SocketChannel channel = SocketChannel.open(server.address())) {
        channel.write(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer[] buffers = {ByteBuffer.allocateDirect(16), ByteBuffer.allocate(64)};
        while (channel.read(buffers) >= 0) {
          // until the server closes
        }
      } finally {
        window.close();
      }
      assertThat(answers(window)).containsExactly(Map.entry("HTTP 502", 1L));
    }
  }

  @Test
  void aSecondReadOfTheSameAnswerIsNotAnotherAnswer() throws Exception {
    byte[] body = new byte[200_000];
    java.util.Arrays.fill(body, (byte) '-');
    byte[] head = "HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] whole = new byte[head.length + body.length];
    System.arraycopy(head, 0, whole, 0, head.length);
    System.arraycopy(body, 0, whole, head.length, body.length);

    assertThat(conversation(List.of(whole))).containsExactly(Map.entry("HTTP 200", 1L));
  }

  /**
   * Many request-answer round trips on one kept-alive connection whose server answers, in turn, with an HTTP status
   * line and with an answer whose first byte matches no protocol: each answer is read once, and the cost of reading
   * a status line against one byte is printed as {@code [measure]}, from the medians of the single round trips (the
   * same connection and threads for both, robust against a loaded machine).
   */
  @Test
  void everyAnswerOnAKeptAliveConnectionIsReadOnceAndCostsLittle() throws Exception {
    int rounds = 20_000;
    try (KeptAlive server = new KeptAlive("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "XTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
      long[] classified = new long[rounds];
      long[] unclassified = new long[rounds];
      Ledger.Window window = Ledger.open("rounds");
      for (int i = 0; i < rounds; i++) {
        classified[i] = server.roundTrip();
        unclassified[i] = server.roundTrip();
      }
      window.close();

      assertThat(answers(window)).containsOnly(Map.entry("HTTP 200", (long) rounds),
          Map.entry(Ledger.OTHER, (long) rounds));
      java.util.Arrays.sort(classified);
      java.util.Arrays.sort(unclassified);
      System.out.println("[measure] " + rounds + " round trips of each on one loopback connection, median: status "
          + "line read " + classified[rounds / 2] + " ns, first byte only " + unclassified[rounds / 2]
          + " ns, difference " + (classified[rounds / 2] - unclassified[rounds / 2]) + " ns per answer");
    }
  }

  /** A server that answers each one-byte request with the next of its answers in turn, and its client. */
  private static final class KeptAlive implements AutoCloseable {
    private final ServerSocket server;
    private final Socket socket;
    private final byte[] buffer;
    private final InputStream in;
    private final OutputStream out;

    KeptAlive(String... answers) throws IOException {
      byte[][] bytes = new byte[answers.length][];
      for (int i = 0; i < answers.length; i++) {
        bytes[i] = answers[i].getBytes(StandardCharsets.US_ASCII);
      }
      buffer = new byte[bytes[0].length];
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      Thread responder = new Thread(() -> {
        try (Socket client = server.accept(); InputStream requests = client.getInputStream()) {
          client.setTcpNoDelay(true);
          for (int next = 0; requests.read() >= 0; next = (next + 1) % bytes.length) {
            client.getOutputStream().write(bytes[next]);
          }
        } catch (IOException ex) {
          // closed
        }
      }, "keep-alive-server");
      responder.setDaemon(true);
      responder.start();
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 2_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    /** One request and its whole answer (all answers have the same length); nanoseconds taken. */
    long roundTrip() throws IOException {
      long start = System.nanoTime();
      out.write('?');
      int read = 0;
      while (read < buffer.length) {
        read += in.read(buffer, read, buffer.length - read);
      }
      return System.nanoTime() - start;
    }

    @Override
    public void close() throws IOException {
      socket.close();
      server.close();
    }
  }

  private static Map<String, Long> answersTo(List<String> texts) throws Exception {
    List<byte[]> answers = new ArrayList<>();
    for (String text : texts) {
      answers.add(text.getBytes(StandardCharsets.ISO_8859_1));
    }
    return conversation(answers);
  }

  /** One request and one answer per connection, each answer from a server that then closes; the window's labels. */
  private static Map<String, Long> conversation(List<byte[]> answers) throws Exception {
    try (Server server = new Server(answers)) {
      Ledger.Window window = Ledger.open("answers");
      try {
        for (int i = 0; i < answers.size(); i++) {
          try (Socket socket = new Socket()) {
            socket.connect(server.address(), 2_000);
            socket.getOutputStream().write("request".getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
          }
        }
      } finally {
        window.close();
      }
      return answers(window);
    }
  }

  /** The window's answers, all connections together, by label in the order first seen. */
  private static Map<String, Long> answers(Ledger.Window window) {
    Map<String, Long> result = new java.util.LinkedHashMap<>();
    for (Ledger.Traffic traffic : window.traffic()) {
      traffic.answers().forEach((label, count) -> result.merge(label, count, Long::sum));
    }
    return result;
  }

  /** A real TCP server on loopback: each connection reads the request, gets the next canned answer, is closed. */
  private static final class Server implements AutoCloseable {
    private final ServerSocket socket;

    Server(List<byte[]> answers) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread thread = new Thread(() -> {
        for (byte[] answer : answers) {
          try (Socket client = socket.accept()) {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            byte[] buffer = new byte[256];
            request.write(buffer, 0, in.read(buffer));
            client.getOutputStream().write(answer);
            client.getOutputStream().flush();
            client.shutdownOutput();
            in.read(buffer);
          } catch (IOException ex) {
            return;
          }
        }
      }, "answer-server");
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
