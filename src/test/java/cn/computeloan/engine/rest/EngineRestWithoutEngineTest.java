package cn.computeloan.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.testing.EngineClientCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The application without an engine bean and with the testing API left at its default (off). */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.client.enabled=false", "compute-loan.engine.embedded.processing.enabled=false"})
class EngineRestWithoutEngineTest {

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .header("Authorization", EngineClientCredentials.authorization())
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldAnswerServiceUnavailableProblemForCommandsWithoutEngine() throws Exception {
    // when
    HttpResponse<String> response = send("POST", "/v2/incidents/1/resolution", "{}");
    // then
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("\"title\":\"UNAVAILABLE\"");
  }

  @Test
  void shouldReportDownStatusAndUnhealthyTopologyWithoutEngine() throws Exception {
    // when / then
    assertThat(send("GET", "/v2/status", null).statusCode()).isEqualTo(503);
    assertThat(send("GET", "/v2/topology", null).body()).contains("\"health\":\"unhealthy\"");
  }

  @Test
  void shouldStillAnswerSearchesWithoutEngine() throws Exception {
    // when
    HttpResponse<String> response = send("POST", "/v2/process-instances/search", "{}");
    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"totalItems\":0");
  }

  @Test
  void shouldAnswerForbiddenProblemForClockAndPurgeWhenTestingApiIsOff() throws Exception {
    // when / then
    assertThat(send("GET", "/actuator/clock", null).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/actuator/clock/add", "{\"offsetMilli\":1}").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/actuator/cluster/purge", null).statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/v2/clock", "{\"timestamp\":1}").statusCode()).isEqualTo(403);
  }

  @Test
  void shouldAnswerNotFoundProblemForUnknownProcessInstance() throws Exception {
    // when
    HttpResponse<String> response = send("GET", "/v2/process-instances/123", null);
    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"instance\":\"/v2/process-instances/123\"");
  }
}
