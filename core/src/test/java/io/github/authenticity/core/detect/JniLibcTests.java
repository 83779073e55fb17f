package io.github.authenticity.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The JNI library shipped for JDK 17-21: built from the committed C source, and asking the real kernel. */
class JniLibcTests {

  private static final Path SOURCE = Path.of("src/main/native/authenticity-libc.c");

  private static JniLibc load() {
    Object loaded = JniLibc.load();
    assertThat(loaded).as("on Linux x86_64 and aarch64 the library must load: %s", loaded).isInstanceOf(JniLibc.class);
    return (JniLibc) loaded;
  }

  @Test
  void theShippedLibraryWasBuiltFromTheCommittedSource() throws Exception {
    load();
    String committed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(SOURCE)));

    assertThat(JniLibc.source()).as("the library under src/main/resources was built from another version of %s: "
        + "run core/src/main/native/build.sh and commit what it writes", SOURCE).isEqualTo(committed);
  }

  @Test
  void bothArchitecturesAreShipped() {
    for (String arch : new String[] {"amd64", "aarch64"}) {
      assertThat(JniLibc.class.getResource("native/linux-" + arch + "/libauthenticity-libc.so")).as(arch).isNotNull();
    }
  }

  @Test
  void theCallsCountARealLoopbackExchange() throws Exception {
    JniLibc libc = load();
    DescriptorSockets sockets = DescriptorSockets.over(libc);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      accepted.getOutputStream().write(new byte[1234]);
      client.getInputStream().readNBytes(1234);

      assertThat(sockets.connections(Set.of(server.getLocalPort())))
          .singleElement()
          .satisfies(connection -> {
            assertThat(connection.remoteAddress()).isEqualTo("127.0.0.1");
            assertThat(connection.bytesReceived()).isEqualTo(1234);
          });
    }
  }
}
