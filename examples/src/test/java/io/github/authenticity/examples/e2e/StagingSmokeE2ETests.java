package io.github.authenticity.examples.e2e;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.github.authenticity.junit.RequiresRealService;
import io.github.authenticity.junit.StagingOnly;

/**
 * A smoke test that only means something against staging. Locally it does not run and the report
 * lists it as {@code NOT_RUN} (reason {@code ENVIRONMENT}); run it with
 * {@code -Dauthenticity.environment=staging -Dexamples.backend.url=https://api.staging.example.com ...}.
 */
@StagingOnly
@RequiresRealService("backend")
class StagingSmokeE2ETests {

  @Test
  void stagingBackendIsHealthy() {
    given().baseUri(Platform.backendUrl().toString())
        .get("/health")
        .then().statusCode(200);
  }
}
