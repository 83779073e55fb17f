package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authenticity.junit.RequiresRealService;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One real exchange under Surefire (this) and one under Failsafe ({@code RedisIT}), on JUnit 5 and on JUnit 6. */
@RequiresRealService("redis")
class RedisTest {

  @Test
  void pingsRedis() throws Exception {
    assertEquals("+PONG", ping());
  }

  static String ping() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      socket.setSoTimeout(2000);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] buffer = new byte[64];
      int read = socket.getInputStream().read(buffer);
      return new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII).strip();
    }
  }
}
