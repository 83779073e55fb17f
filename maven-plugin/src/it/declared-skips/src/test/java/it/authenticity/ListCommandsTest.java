package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@RequiresRealService("redis")
class ListCommandsTest {

  @Test
  void pings() throws Exception {
    assertEquals("+PONG", Services.redisPing());
  }

  @Test
  void aggregateCount() {
    Assumptions.assumeTrue(false, "AGGREGATE COUNT requires Redis 99.0");
  }

  @Test
  @EnabledOnCommand("LMOVEM")
  void lmovem() {
  }
}
