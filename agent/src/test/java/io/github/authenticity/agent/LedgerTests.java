package io.github.authenticity.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.authenticity.agent.boot.Ledger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The agent as a test JVM loads it ({@code -javaagent}, Failsafe's {@code argLine}), against a real echo server on
 * loopback: every JDK hook is in place, a window is credited what its thread and its tasks exchanged, and never what
 * another window's did.
 */
@Isolated
class LedgerTests {

  private static ServerSocket server;
  private static volatile List<Ledger.Traffic> idleTraffic;
  private static Thread acceptor;

  @BeforeAll
  static void startEchoServer() throws IOException {
    // the agent applies its hooks on a thread of its own while the JVM starts; the extension waits so too
    assertThat(Ledger.awaitActive(30_000)).as("the agent's start ended with its hooks in place").isTrue();
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          Thread echo = new Thread(() -> {
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
              byte[] buffer = new byte[256];
              int read;
              while ((read = in.read(buffer)) > 0) {
                out.write(buffer, 0, read);
              }
            } catch (IOException ex) {
              // the client closed
            }
          }, "echo");
          echo.setDaemon(true);
          echo.start();
        } catch (IOException ex) {
          return;
        }
      }
    }, "acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Test
  void theLedgerIsInTheBootLoaderWithEveryRequiredHook() {
    assertThat(Ledger.class.getClassLoader()).isNull();
    assertThat(Ledger.awaitActive(0)).isTrue();
    assertThat(Ledger.problems()).isEmpty();
    assertThat(Ledger.hooks()).contains("sun.nio.ch.Net.connect", "sun.nio.ch.SocketDispatcher.read",
        "sun.nio.ch.SocketDispatcher.write", "java.util.concurrent.ThreadPoolExecutor.runWorker",
        "java.util.concurrent.ThreadPoolExecutor.execute");
  }

  @Test
  void aConnectionOpenedUsedAndClosedInTheWindowIsItsOwn() throws Exception {
    Ledger.Window window = Ledger.open("body");
    echo("hello");
    window.close();

    assertThat(window.traffic()).singleElement().satisfies(traffic -> {
      assertThat(traffic.own()).isTrue();
      assertThat(traffic.port()).isEqualTo(server.getLocalPort());
      assertThat(traffic.bytesIn()).isEqualTo(5);
      assertThat(traffic.bytesOut()).isEqualTo(5);
      assertThat(traffic.exchanges()).isEqualTo(1);
    });
  }

  @Test
  void trafficAfterTheWindowClosedIsNotItsOwn() throws Exception {
    Ledger.Window window = Ledger.open("closed");
    window.close();
    echo("late");

    assertThat(window.traffic()).isEmpty();
  }

  @Test
  void tasksCarryTheirWindowThroughPoolsScheduledPoolsForkJoinAndCompletableFutures() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    ScheduledExecutorService scheduled = Executors.newScheduledThreadPool(1);
    ForkJoinPool forkJoin = new ForkJoinPool(2);
    try {
      // threads that exist before the windows, as a shared client's do
      pool.submit(() -> null).get();
      scheduled.submit(() -> null).get();
      forkJoin.submit(() -> null).get();
      assertThat(carried(() -> pool.submit(() -> echo("pool")).get())).isEqualTo(4);
      assertThat(carried(() -> scheduled.schedule(() -> echo("later"), 1, TimeUnit.MILLISECONDS).get())).isEqualTo(5);
      assertThat(carried(() -> forkJoin.submit(() -> echo("fork")).get())).isEqualTo(4);
      assertThat(carried(() -> CompletableFuture.supplyAsync(() -> uncheckedEcho("async"), pool).get())).isEqualTo(5);
      assertThat(carried(() -> CompletableFuture.supplyAsync(() -> "x").thenApplyAsync(x -> uncheckedEcho("stage"), pool)
          .get())).isEqualTo(5);
    } finally {
      pool.shutdown();
      scheduled.shutdown();
      forkJoin.shutdown();
    }
  }

  @Test
  void anotherWindowsTaskOnASharedPoolIsNeverProofAndAThreadOfNoWindowIsShared() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.submit(() -> null).get();
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread bystander = new Thread(() -> {
      Ledger.Window idle = Ledger.open("idle");
      opened.countDown();
      try {
        done.await();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      idle.close();
      idleTraffic = idle.traffic();
    }, "bystander");
    bystander.start();
    opened.await();
    Ledger.Window busy = Ledger.open("busy");
    pool.submit(() -> echo("mine")).get();
    // a thread of no window talking while both are open: nobody's for certain, shared traffic of both
    Thread client = new Thread(() -> uncheckedEcho("theirs"), "client");
    client.start();
    client.join();
    busy.close();
    done.countDown();
    bystander.join();
    pool.shutdown();

    assertThat(idleTraffic).extracting(Ledger.Traffic::own).containsExactly(false);
    assertThat(busy.traffic()).filteredOn(Ledger.Traffic::own).extracting(Ledger.Traffic::bytesIn)
        .containsExactly(4L);
    assertThat(busy.traffic()).filteredOn(traffic -> !traffic.own()).extracting(Ledger.Traffic::bytesIn)
        .containsExactly(6L);
  }

  /**
   * The order a client that writes on one thread and reads on another produces (the JDK HttpClient, found by the
   * bench): the answer is read before the write call has returned. The writer is recorded when the write starts,
   * so the answer is the writer's, never "the late answer" of the test before.
   */
  @Test
  void anAnswerReadBeforeItsWriteCallReturnedIsTheWriters() throws Exception {
    Object descriptor = new Object();
    Ledger.Window before = Ledger.open("the test before");
    Ledger.connect(descriptor, InetAddress.getLoopbackAddress(), 9);
    Ledger.writing(descriptor);
    Ledger.write(10, descriptor);
    Ledger.read(20, descriptor);
    before.close();

    Ledger.Window honest = Ledger.open("honest");
    Ledger.writing(descriptor);
    Thread selector = new Thread(() -> Ledger.read(30, descriptor), "selector");
    selector.start();
    selector.join();
    Ledger.write(10, descriptor);
    honest.close();
    Ledger.close(descriptor);

    assertThat(honest.traffic()).singleElement().satisfies(traffic -> {
      assertThat(traffic.own()).isTrue();
      assertThat(traffic.bytesIn()).isEqualTo(30);
      assertThat(traffic.bytesOut()).isEqualTo(10);
    });
    assertThat(before.traffic()).singleElement().extracting(Ledger.Traffic::bytesIn).isEqualTo(20L);
  }

  @Test
  void aProbeThreadsTrafficIsNobodysEvenBesideOneWindow() throws Exception {
    Ledger.Window window = Ledger.open("alone");
    Thread probe = new Thread(() -> {
      Ledger.ignore();
      try {
        echo("probe");
      } catch (IOException ex) {
        throw new IllegalStateException(ex);
      } finally {
        Ledger.unignore();
      }
    }, "authenticity-probe-echo");
    probe.start();
    probe.join();
    window.close();

    assertThat(window.traffic()).isEmpty();
  }

  /**
   * A client's own thread (a connection-lost timer, a pool's idle check) pings while one test runs: the keep-alive is
   * no test's, not even the only one's; a request that thread writes for the test still proves it (the lone-window
   * rule: Java-WebSocket writes a test's message on a thread of its own).
   */
  @Test
  void aKeepAliveOfAThreadOfNoWindowIsNoProofOfTheOnlyWindowButARequestIs() throws Exception {
    // the client's threads are started before the test (in @BeforeAll), so they are no window's
    CountDownLatch ping = new CountDownLatch(1);
    CountDownLatch send = new CountDownLatch(1);
    Thread timer = new Thread(() -> awaitThen(ping, () -> {
      uncheckedEcho("\u008a\u0000"); // a WebSocket pong frame, answered by the same bytes
      uncheckedEcho("\u0089\u0004ping"); // a ping with a payload
      uncheckedEcho("+PONG\r\n");
      uncheckedEcho("\u0000\u0000\u0008\u0006\u0001\u0000\u0000\u0000\u0000pingpong"); // an HTTP/2 PING ACK
      uncheckedEcho("I\u0000\u0000\u0000\u0004Z\u0000\u0000\u0000\u0005I"); // PostgreSQL: JDBC isValid's answer
      uncheckedEcho("\u0008\u0000\u0000\u0000\u0000\u0000\u0000\u00ce"); // an AMQP heartbeat frame
      uncheckedEcho("\u00d0\u0000"); // an MQTT PINGRESP
    }), "connection-lost timer");
    // a pong and the echo of the test's message in one read: an answer
    Thread writer = new Thread(() -> awaitThen(send, () -> uncheckedEcho("\u008a\u0000\u0081\u0005hello")),
        "WebSocketWriteThread");
    timer.start();
    writer.start();

    Ledger.Window pinged = Ledger.open("pinged");
    ping.countDown();
    timer.join();
    pinged.close();
    Ledger.Window sent = Ledger.open("sent");
    send.countDown();
    writer.join();
    sent.close();

    assertThat(pinged.traffic()).as("the keep-alives").isEmpty();
    assertThat(sent.traffic()).singleElement().satisfies(traffic -> {
      assertThat(traffic.own()).isTrue();
      assertThat(traffic.bytesIn()).isEqualTo(9);
      assertThat(traffic.answers()).containsOnly(Map.entry(Ledger.OTHER, 1L));
    });
  }

  @Test
  void aRequestWrittenByAThreadOfNoWindowGoesWithItsAnswerToTheOnlyWindow() throws Exception {
    // a shared client's selector thread, started before the test, writes the test's request and reads the answer
    CountDownLatch send = new CountDownLatch(1);
    Thread selector = new Thread(() -> awaitThen(send, () -> uncheckedEcho("GET /api/1 HTTP/1.1\r\n\r\n")),
        "HttpClient-1-SelectorManager");
    selector.start();

    Ledger.Window alone = Ledger.open("alone");
    send.countDown();
    selector.join();
    alone.close();

    assertThat(alone.traffic()).singleElement().satisfies(traffic -> {
      assertThat(traffic.own()).isTrue();
      assertThat(traffic.bytesIn()).isEqualTo(23);
      assertThat(traffic.bytesOut()).as("the request's bytes, not 0 B out").isEqualTo(23);
      assertThat(traffic.exchanges()).isEqualTo(1);
    });
  }

  /**
   * Bytes in that a window on this thread was credited for what {@code task} did, while another window is open on
   * another thread (so that nothing is credited for being the only window open).
   */
  private static long carried(ThrowingRunnable task) throws Exception {
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread other = new Thread(() -> {
      Ledger.Window window = Ledger.open("other");
      opened.countDown();
      try {
        done.await();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      window.close();
    }, "other test");
    other.start();
    opened.await();
    Ledger.Window window = Ledger.open("carried");
    try {
      task.run();
    } finally {
      window.close();
      done.countDown();
      other.join();
    }
    return window.traffic().stream().filter(Ledger.Traffic::own).mapToLong(Ledger.Traffic::bytesIn).sum();
  }

  private static void awaitThen(CountDownLatch latch, Runnable then) {
    try {
      latch.await();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return;
    }
    then.run();
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  static String uncheckedEcho(String text) {
    try {
      return echo(text);
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** Sends {@code text} (one byte per char, ISO-8859-1) to the echo server on a new connection and reads it back; returns it. */
  static String echo(String text) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2_000);
      byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
      socket.getOutputStream().write(bytes);
      byte[] answer = new byte[bytes.length];
      int read = 0;
      while (read < bytes.length) {
        int n = socket.getInputStream().read(answer, read, bytes.length - read);
        if (n < 0) {
          throw new IOException("closed");
        }
        read += n;
      }
      return new String(answer, StandardCharsets.ISO_8859_1);
    }
  }
}
