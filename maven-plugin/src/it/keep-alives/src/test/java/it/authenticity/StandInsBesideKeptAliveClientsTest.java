package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** A later class whose tests never call the clients, while their keep-alives go on. */
@Order(2)
class StandInsBesideKeptAliveClientsTest {

  @Test
  @RequiresRealService("postgres")
  void databaseStandIn() throws InterruptedException {
    int before = SharedClients.VALIDATED.get();
    Thread.sleep(800);
    assertTrue(SharedClients.VALIDATED.get() - before >= 3, "the housekeeper validated its connection meanwhile");
  }

  @Test
  @RequiresRealService("rabbitmq")
  void brokerStandIn() throws InterruptedException {
    assertTrue(SharedClients.rabbit.isOpen());
    Thread.sleep(2_500); // both sides' heartbeats meanwhile
  }
}
