package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import io.github.authenticity.junit.RequiresRealService;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import org.junit.jupiter.api.RepeatedTest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** R2DBC PostgreSQL (Reactor Netty, so epoll): a connection opened, queried and closed in each test body. */
@RequiresRealService("postgres")
class R2dbcInTheBodyTest {

  @RepeatedTest(4)
  void selectsOne() {
    PostgresqlConnectionFactory factory = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
        .host("127.0.0.1").port(5432).username("postgres").database("test").build());
    Connection connection = Mono.from(factory.create()).block(Duration.ofSeconds(10));
    try {
      Integer one = Flux.from(connection.createStatement("select 1").execute())
          .flatMap(result -> result.map((row, meta) -> row.get(0, Integer.class))).blockFirst(Duration.ofSeconds(10));
      assertEquals(1, one);
    } finally {
      Mono.from(connection.close()).block(Duration.ofSeconds(10));
    }
  }
}
