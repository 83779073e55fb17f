package io.github.authenticity.examples.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.authenticity.junit.RequiresRealService;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The HTTP API, through REST Assured. Every test needs the real backend; login tests also need auth. */
@RequiresRealService("backend")
class ApiE2ETests {

  static RequestSpecification api() {
    return given().baseUri(Platform.backendUrl().toString()).accept(ContentType.JSON);
  }

  static String login() {
    return api().contentType(ContentType.JSON)
        .body("{\"username\":\"" + Platform.USERNAME + "\",\"password\":\"" + Platform.PASSWORD + "\"}")
        .post("/auth/login")
        .then().statusCode(200)
        .extract().path("token");
  }

  @Test
  void healthIsUp() {
    api().get("/health").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void requestsWithoutATokenAreRejected() {
    api().get("/exports/runs").then().statusCode(401).header("WWW-Authenticate", "Bearer");
  }

  @Test
  @RequiresRealService("auth")
  void loginIssuesABearerToken() {
    assertThat(login()).hasSize(36);
  }

  @Test
  @RequiresRealService("auth")
  void loginRejectsAWrongPassword() {
    api().contentType(ContentType.JSON).body("{\"username\":\"demo\",\"password\":\"guess\"}")
        .post("/auth/login")
        .then().statusCode(401).body("error", equalTo("invalid credentials"));
  }

  @Nested
  @RequiresRealService("auth")
  class Exports {

    private String token;

    @BeforeEach
    void logIn() {
      token = login();
    }

    @Test
    void exportsRunsAsJson() {
      String runId = api().auth().oauth2(token).contentType(ContentType.JSON).body("{\"task\":\"export me\"}")
          .post("/agents/exporter/runs")
          .then().statusCode(202).extract().path("runId");
      api().auth().oauth2(token).get("/exports/runs?format=json")
          .then().statusCode(200).body("find { it.runId == '" + runId + "' }.agentId", equalTo("exporter"));
    }

    @Test
    void exportsRunsAsCsv() {
      String csv = api().auth().oauth2(token).get("/exports/runs?format=csv")
          .then().statusCode(200).header("Content-Type", startsWith("text/csv"))
          .extract().asString();
      assertThat(csv.lines().findFirst())
          .hasValue("runId,agentId,task,status,steps,iterations,digest,durationMillis");
    }

    @Test
    void rejectsAnUnknownExportFormat() {
      api().auth().oauth2(token).get("/exports/runs?format=xml")
          .then().statusCode(400).body("error", equalTo("unknown format [xml]; use json or csv"));
    }

    @Test
    void anUnknownRunIsNotFound() {
      api().auth().oauth2(token).get("/runs/run-does-not-exist")
          .then().statusCode(404).body("error", equalTo("no run [run-does-not-exist]"));
    }
  }
}
