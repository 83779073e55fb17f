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
}
