package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

class StoresTest {

  @Test
  @RequiresRealService("redis")
  void keepsTheSession() throws Exception {
    assertEquals("in-memory-session", Clients.session());
  }

  @Test
  @RequiresRealService("postgres")
  void readsTheCatalogue() throws Exception {
    assertEquals("refused", Clients.login());
  }
}
