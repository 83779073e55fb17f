package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The RabbitMQ functional tests' shape: a connection per test, opened in @BeforeEach and closed in @AfterEach. */
@RequiresRealService("rabbitmq")
class RabbitBeforeEachTest {

  Connection connection;
  Channel channel;

  @BeforeEach
  void open() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(5672);
    connection = factory.newConnection();
    channel = connection.createChannel();
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  @RepeatedTest(4)
  void publishesAndGets() throws Exception {
    String queue = channel.queueDeclare().getQueue();
    channel.basicPublish("", queue, null, "hello".getBytes(StandardCharsets.UTF_8));
    GetResponse response = null;
    for (int i = 0; i < 50 && response == null; i++) {
      response = channel.basicGet(queue, true);
    }
    assertNotNull(response);
    assertEquals("hello", new String(response.getBody(), StandardCharsets.UTF_8));
  }

  @Test
  void standInNeverUsesItsChannel() {
    // connected in @BeforeEach like the others: the set-up exchange is the test's, so this one is proven too; the
    // check is that the set-up counts and that nothing waits
    assertNotNull(channel);
  }
}
