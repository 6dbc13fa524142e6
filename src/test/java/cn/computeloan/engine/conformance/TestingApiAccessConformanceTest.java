package cn.computeloan.engine.conformance;

import static cn.computeloan.engine.conformance.Conformance.deploy;
import static cn.computeloan.engine.conformance.Conformance.start;
import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.testing.EngineClientCredentials;
import io.camunda.client.CamundaClient;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The testing API (clock, purge) is only for the engine client and admins, even with it switched on;
 * and Camunda Process Test, which must authenticate to use it, still moves the clock and purges the
 * engine between tests (it would silently do neither if its calls were refused).
 */
@EngineConformanceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestingApiAccessConformanceTest {

  private static final String LEFT_BEHIND = "left-behind-by-the-previous-test";

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @Order(1)
  void shouldRefuseTheTestingApiToAnonymousCallersAndPeopleWhenItIsOn() throws Exception {
    // given
    String analyst = basic(EmbeddedEngineExtension.PERSON, EmbeddedEngineExtension.PERSON_PASSWORD);
    Instant before = processTestContext.getCurrentTime();
    for (String[] call : new String[][] {{"GET", "/actuator/clock", null}, {"POST", "/actuator/clock/add",
        "{\"offsetMilli\":86400000}"}, {"POST", "/actuator/clock/pin", "{\"epochMilli\":0}"},
        {"DELETE", "/actuator/clock", null}, {"POST", "/actuator/cluster/purge", null}}) {
      // when
      HttpResponse<String> anonymous = send(call[0], call[1], call[2], null);
      HttpResponse<String> person = send(call[0], call[1], call[2], analyst);
      // then
      assertThat(anonymous.statusCode()).as("anonymous " + call[1]).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(person.statusCode()).as("analyst " + call[1]).isEqualTo(403);
    }
    assertThat(processTestContext.getCurrentTime()).isBetween(before, before.plusSeconds(60));
  }

  @Test
  @Order(2)
  void shouldAnswerTheTestingApiToTheEngineClientAndAdmins() throws Exception {
    // when
    HttpResponse<String> engineClient = send("GET", "/actuator/clock", null, EngineClientCredentials.authorization());
    HttpResponse<String> admin = send("GET", "/actuator/clock", null,
        basic(EmbeddedEngineExtension.CPT_USER, EmbeddedEngineExtension.CPT_PASSWORD));
    // then
    assertThat(engineClient.statusCode()).isEqualTo(200);
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).contains("epochMilli");
  }

  @Test
  @Order(3)
  void shouldLetProcessTestMoveTheClock() {
    // given
    Instant now = processTestContext.getCurrentTime();
    deploy(client, Bpmn.createExecutableProcess(LEFT_BEHIND).startEvent().userTask("wait").zeebeUserTask()
        .endEvent().done());
    start(client, LEFT_BEHIND);
    // when
    processTestContext.increaseTime(Duration.ofDays(1));
    // then
    assertThat(processTestContext.getCurrentTime()).isAfterOrEqualTo(now.plus(Duration.ofDays(1)));
  }

  @Test
  @Order(4)
  void shouldFindTheEnginePurgedAndItsClockResetAfterTheTestBefore() {
    // then: CPT purged the engine and reset the clock after the previous test
    assertThat(client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(LEFT_BEHIND))
        .send().join().items()).isEmpty();
    assertThat(processTestContext.getCurrentTime()).isBefore(Instant.now().plus(Duration.ofHours(1)));
  }

  private HttpResponse<String> send(String method, String path, String json, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + EmbeddedEngineExtension.PORT + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
