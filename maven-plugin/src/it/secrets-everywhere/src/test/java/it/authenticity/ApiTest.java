package it.authenticity;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

@RequiresRealService({"api", "postgres"})
class ApiTest {

  @Test
  void callsTheApi() {
    // never runs: the API is DOWN, and PostgreSQL needs a login that no driver can make
  }
}
