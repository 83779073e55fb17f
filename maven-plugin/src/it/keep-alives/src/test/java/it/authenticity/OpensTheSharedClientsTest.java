package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;

import com.rabbitmq.client.Channel;
import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The first class: opens the shared clients, and its tests use them. */
@Order(1)
class OpensTheSharedClientsTest {

  @BeforeAll
  static void openTheClients() throws Exception {
    SharedClients.open();
  }

  @Test
  @RequiresRealService("postgres")
  void queriesTheDatabase() throws Exception {
    try (Statement statement = SharedClients.jdbc.createStatement();
        ResultSet result = statement.executeQuery("select 40 + 2")) {
      assertTrue(result.next());
      assertEquals(42, result.getInt(1));
    }
  }

  @Test
  @RequiresRealService("rabbitmq")
  void declaresAQueue() throws Exception {
    try (Channel channel = SharedClients.rabbit.createChannel()) {
      assertTrue(channel.queueDeclare().getQueue().startsWith("amq.gen-"));
    }
  }
}
