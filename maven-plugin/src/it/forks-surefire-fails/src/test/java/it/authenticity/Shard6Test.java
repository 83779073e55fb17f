package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

/** Five guarded tests that talk to the real Redis. */
@RequiresRealService("redis")
class Shard6Test {

  @Test
  void ping1() throws Exception {
    assertEquals("+PONG", Services.redisPing());
  }

  @Test
  void ping2() throws Exception {
    assertEquals("+PONG", Services.redisPing());
  }

  @Test
  void ping3() throws Exception {
    assertEquals("+PONG", Services.redisPing());
  }

  @Test
  void ping4() throws Exception {
    assertEquals("+PONG", Services.redisPing());
  }

  @Test
  void ping5() throws Exception {
    assertEquals("+PONG", Services.redisPing());
  }
}
