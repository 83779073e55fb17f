package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Tag;
import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

@RequiresRealService("redis")
@Tag("slow")
class SearchTest {

  @Test
  void findsProducts() throws Exception {
    assertEquals("+PONG", Services.redisPing());
  }
}

