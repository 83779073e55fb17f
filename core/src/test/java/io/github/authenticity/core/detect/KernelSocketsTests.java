package io.github.authenticity.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel's counters of this process's connections, read from the real kernel against the local Redis. */
class KernelSocketsTests {

  private static Socket redis() {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress("127.0.0.1", 6379), 2_000);
    } catch (IOException ex) {
      throw new IllegalStateException("needs the local Redis on 127.0.0.1:6379 (start it: redis-server --daemonize yes)",
          ex);
    }
    return socket;
  }

  private static void ping(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    byte[] answer = new byte[7];
    int read = 0;
    while (read < answer.length) {
      read += in.read(answer, read, answer.length - read);
    }
    assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
  }

  @Test
  void anExchangeGrowsTheBytesReceivedOfThisProcesssConnection() throws Exception {
    Object opened = KernelSockets.open();
    assertThat(opened).as(String.valueOf(opened)).isInstanceOf(KernelSockets.class);
    KernelSockets kernel = (KernelSockets) opened;
    try (Socket socket = redis()) {
      ping(socket);
      long before = received(kernel.connections(Set.of(6379)), socket.getLocalPort());
      ping(socket);
      ping(socket);
      long after = received(kernel.connections(Set.of(6379)), socket.getLocalPort());

      assertThat(before).isEqualTo(7);
      assertThat(after - before).isEqualTo(14);
      assertThat(kernel.connections(Set.of(1))).isEmpty();
    }
  }

  @Test
  void aDescriptorReusedByANewConnectionIsSeenAsThatConnection() throws Exception {
    KernelSockets kernel = (KernelSockets) KernelSockets.open();
    long firstInode;
    try (Socket first = redis()) {
      ping(first);
      ping(first);
      ping(first);
      List<KernelSockets.Connection> connections = kernel.connections(Set.of(6379));
      firstInode = connections.stream().filter(connection -> connection.bytesReceived() == 21)
          .mapToLong(KernelSockets.Connection::inode).findFirst().orElseThrow(() -> new AssertionError(connections));
    }
    // the closed socket's descriptor number is the lowest free one: the next socket gets it
    try (Socket second = redis()) {
      ping(second);
      List<KernelSockets.Connection> connections = kernel.connections(Set.of(6379));

      assertThat(connections).extracting(KernelSockets.Connection::inode).doesNotContain(firstInode);
      assertThat(connections).filteredOn(connection -> connection.bytesReceived() == 7).hasSize(1);
    }
  }

  @Test
  void aConnectionOpenedAfterManyNewDescriptorsIsSeen(@TempDir Path directory) throws Exception {
    KernelSockets kernel = (KernelSockets) KernelSockets.open();
    kernel.connections(Set.of(6379));
    Path file = Files.writeString(directory.resolve("open-me"), "x");
    List<InputStream> files = new ArrayList<>();
    try {
      // more new descriptors than a snapshot probes above the last one's: the socket's number is beyond
      for (int i = 0; i < 40; i++) {
        files.add(Files.newInputStream(file));
      }
      try (Socket socket = redis()) {
        ping(socket);

        assertThat(kernel.connections(Set.of(6379))).filteredOn(connection -> connection.bytesReceived() == 7)
            .hasSize(1);
      }
    } finally {
      for (InputStream in : files) {
        in.close();
      }
    }
  }

  @Test
  void oneQueryIsCheapEnoughForEveryTest() throws Exception {
    KernelSockets kernel = (KernelSockets) KernelSockets.open();
    try (Socket socket = redis()) {
      ping(socket);
      for (int i = 0; i < 20; i++) {
        kernel.connections(Set.of(6379));
      }
      int runs = 200;
      long start = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        kernel.connections(Set.of(6379, 5432));
      }
      long micros = (System.nanoTime() - start) / runs / 1_000;
      System.out.println("[measure] one kernel counters query (" + kernel.how() + ", Java " + Runtime.version()
          .feature() + "): " + micros + " us");
    }
  }

  @Test
  void onLinuxTheCountersAreAskedInProcessNotThroughSs() {
    Object opened = KernelSockets.open();

    assertThat(opened).as(String.valueOf(opened)).isInstanceOf(KernelSockets.class);
    // JDK 17-21 through the shipped JNI library, 22+ through FFM: never the 4-6 ms ss start per snapshot
    assertThat(((KernelSockets) opened).how()).isEqualTo("getsockopt(TCP_INFO) on this process's descriptors through "
        + (Runtime.version().feature() >= 22 ? "the FFM API" : "JNI"));
  }

  @Test
  void withoutTheInProcessCallsSsCountsTheSame() throws Exception {
    Object opened = KernelSockets.open(false);
    assertThat(opened).as(String.valueOf(opened)).isInstanceOf(KernelSockets.class);
    KernelSockets kernel = (KernelSockets) opened;
    assertThat(kernel.how()).endsWith("/ss (in-process: not asked)");
    try (Socket socket = redis()) {
      ping(socket);
      long before = received(kernel.connections(Set.of(6379)), socket.getLocalPort());
      ping(socket);
      long after = received(kernel.connections(Set.of(6379)), socket.getLocalPort());

      assertThat(before).isEqualTo(7);
      assertThat(after - before).isEqualTo(7);
    }
  }

  @Test
  void whereTheInProcessCallsCannotBeHadTheCountersComeFromSsAndSayWhy() throws Exception {
    int feature = Runtime.version().feature();
    org.junit.jupiter.api.Assumptions.assumeFalse(feature == 22 || feature == 23,
        "JDK 22 and 23 can neither deny the FFM API nor skip it for the JNI library");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // JDK 17-21: a temporary directory that does not exist, so the JNI library cannot be copied out of the jar;
    // JDK 24+: native access denied, so the FFM API refuses the calls
    String refuse = feature < 22 ? "-Djava.io.tmpdir=/nonexistent/authenticity" : "--illegal-native-access=deny";
    Process process = new ProcessBuilder(javaBin, refuse, "-cp", System.getProperty("java.class.path"),
        HowChild.class.getName()).redirectErrorStream(true).start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).contains(feature < 22
        ? "/ss (in-process: the JNI library native/linux-" + System.getProperty("os.arch")
            + "/libauthenticity-libc.so could not be loaded from null: java.nio.file.NoSuchFileException: "
            + "/nonexistent/authenticity"
        : "/ss (in-process: the FFM API refused the calls: ");
    assertThat(output).contains("counted 7");
  }

  /** Opens the counters in a JVM whose temporary directory is unusable, and counts one Redis PING. */
  static final class HowChild {
    public static void main(String[] args) throws Exception {
      KernelSockets kernel = (KernelSockets) KernelSockets.open();
      System.out.println(kernel.how());
      try (Socket socket = redis()) {
        ping(socket);
        System.out.println("counted " + kernel.connections(Set.of(6379)).stream()
            .mapToLong(KernelSockets.Connection::bytesReceived).sum());
      }
    }
  }

  @Test
  void ssOutputIsParsedWithItsCounters() {
    String output = "0      0      127.0.0.1:58396 127.0.0.1:6379 ino:41383 sk:1 cgroup:/ <->\n"
        + "\t ts sack bbr wscale:10,10 rto:204 cwnd:11 bytes_sent:6 bytes_acked:7 bytes_received:7 segs_out:4 "
        + "segs_in:3 data_segs_out:1 data_segs_in:1 lastsnd:612\n"
        + "0      0      [::ffff:127.0.0.1]:40000 [::ffff:127.0.0.1]:5432 ino:41390 sk:2 <->\n"
        + "\t ts sack cubic bytes_acked:1 segs_in:1\n";

    List<KernelSockets.Connection> connections = KernelSockets.parse(output);

    assertThat(connections).containsExactly(new KernelSockets.Connection(41383, "127.0.0.1", 6379, 7, 7, 1),
        new KernelSockets.Connection(41390, "127.0.0.1", 5432, 0, 1, 0));
  }

  private static long received(List<KernelSockets.Connection> connections, int localPort) {
    assertThat(connections).isNotEmpty();
    // the local port is not in the record: this test's socket is the only one with the local Redis it made
    return connections.stream().mapToLong(KernelSockets.Connection::bytesReceived).max().orElseThrow();
  }
}
