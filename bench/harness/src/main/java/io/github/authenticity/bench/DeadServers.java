package io.github.authenticity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The two dead environments of scenario 2: a port that refuses and a port that never answers. */
final class DeadServers {

  private DeadServers() {
  }

  /** A loopback port nothing listens on (bound, then closed), so connecting is refused at once. */
  static int refusedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot find a free loopback port: " + ex.getMessage(), ex);
    }
  }

  /** A server that accepts every connection and never reads or answers: clients wait for their timeout. */
  static final class BlackHole implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    BlackHole() {
      try {
        server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
      } catch (IOException ex) {
        throw new UncheckedIOException("Cannot open the black-hole port: " + ex.getMessage(), ex);
      }
      acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            held.add(server.accept());
          } catch (IOException ex) {
            // closed: the benchmark is over
          }
        }
      }, "bench-black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : held) {
        socket.close();
      }
      try {
        acceptor.join(2000);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
