package it.authenticity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.ConnectionFactory;

/**
 * Clients shared by the suite's classes, as a cached Spring test context shares them: a JDBC connection kept alive by
 * its pool's housekeeper thread (JDBC isValid every 100 ms, as HikariCP's keep-alive does less often) and a RabbitMQ
 * connection with a 1 s heartbeat. Opened by the first class that needs them, never closed (the JVM's end does).
 */
final class SharedClients {

  static Connection jdbc;
  static com.rabbitmq.client.Connection rabbit;
  static final AtomicInteger VALIDATED = new AtomicInteger();

  private SharedClients() {
  }

  static synchronized void open() throws Exception {
    if (jdbc != null) {
      return;
    }
    jdbc = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
    ScheduledExecutorService housekeeper = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "HikariPool-1 housekeeper");
      thread.setDaemon(true);
      return thread;
    });
    housekeeper.scheduleWithFixedDelay(() -> {
      try {
        if (jdbc.isValid(2)) {
          VALIDATED.incrementAndGet();
        }
      } catch (SQLException ex) {
        throw new IllegalStateException(ex);
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(5672);
    factory.setRequestedHeartbeat(1);
    rabbit = factory.newConnection();
  }
}
