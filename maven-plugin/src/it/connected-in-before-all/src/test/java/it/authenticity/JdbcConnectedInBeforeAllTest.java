package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One JDBC connection, connected in {@code @BeforeAll} (start-up and authentication are an exchange) and shared. */
@RequiresRealService("postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JdbcConnectedInBeforeAllTest {

  static Connection connection;

  @BeforeAll
  static void connect() throws Exception {
    connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
  }

  @AfterAll
  static void close() throws Exception {
    connection.close();
  }

  @Test
  @Order(1)
  void standInBefore() {
    Map<String, Integer> inMemory = new HashMap<>(Map.of("answer", 42)); // the client replaced by a stand-in
    assertEquals(42, inMemory.get("answer"));
  }

  @Test
  @Order(2)
  void queriesTheDatabase() throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select 40 + 2")) {
      assertTrue(result.next());
      assertEquals(42, result.getInt(1));
    }
  }

  @Test
  @Order(3)
  void standInAfter() {
    Map<String, Integer> inMemory = new HashMap<>(Map.of("answer", 42));
    assertEquals(42, inMemory.get("answer"));
  }
}
