package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

/** Connections opened, used and closed inside the test body, the commonest shape. */
@RequiresRealService("redis")
class BodyConnectionTest {

  @Test
  void pingsInTheBody() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] answer = new byte[7];
      int read = 0;
      while (read < 7) {
        read += in.read(answer, read, 7 - read);
      }
      assertEquals("+PONG\r\n", new String(answer, StandardCharsets.US_ASCII));
    }
  }

  @Test
  void theOtherAgentsAndTheUsersOptionsAreThere() {
    assertEquals("kept", System.getProperty("it.custom"));
    // Mockito's inline mock maker mocks a final class through its agent
    org.junit.jupiter.api.Assertions.assertTrue(org.mockito.Mockito.mockingDetails(
        org.mockito.Mockito.mock(Final.class)).isMock());
  }

  static final class Final {
  }
}
