package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

@RequiresRealService("backend")
class OrdersTest {

  @Test
  void listsOrders() throws Exception {
    // the backend answers 503; the client serves two canned orders
    assertEquals(2, Clients.orders().size());
  }

  @Test
  void retriesUntilTheBackendAnswers() throws Exception {
    int status = Clients.status("/api/flaky");
    if (status != 200) {
      status = Clients.status("/api/flaky");
    }
    assertEquals(200, status);
  }

  @Test
  @RequiresRealService(value = "backend", expectErrors = true)
  void showsTheOutageBanner() throws Exception {
    assertEquals(503, Clients.status("/api/orders"));
  }
}
