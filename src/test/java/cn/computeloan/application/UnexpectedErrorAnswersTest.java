package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An unexpected failure is a 500 problem+json with a generic detail and a correlation id, which the
 * ERROR log line with the stack trace names too; the caller learns nothing of the cause.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnexpectedErrorAnswersTest extends ApplicationIntegrationTest {

  private static final String SECRET = "SELECT card_number FROM secret_accounts";

  @Test
  void shouldAnswerAnUnexpectedFailureOfTheApplicationApiWithACorrelationIdAndNoDetails(CapturedOutput log) {
    // given: a stored application whose payload cannot be read any more
    String id = submitted();
    jdbc.sql("UPDATE loan_application SET payload = ? WHERE id = ?").params(SECRET, id).update();
    // when
    Response r = api.send(ANALYST, "GET", "/api/applications/" + id, null);
    // then
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    String correlationId = r.json().path("correlationId").asText();
    assertThat(correlationId).matches("[0-9a-f]{16}");
    assertThat(r.json().path("detail").asText()).contains("correlation id");
    assertThat(r.body()).doesNotContain("card_number", "SELECT", "Exception", "Unrecognized", "unreadable",
        "cn.computeloan", "com.fasterxml");
    assertThat(log.getOut()).containsPattern("ERROR .*correlationId=" + correlationId);
    assertThat(log.getOut().substring(log.getOut().indexOf("correlationId=" + correlationId)))
        .contains("stored JSON unreadable");
  }

  @Test
  void shouldGiveEachUnexpectedFailureItsOwnCorrelationId() {
    // given
    String id = submitted();
    jdbc.sql("UPDATE loan_application SET payload = ? WHERE id = ?").params(SECRET, id).update();
    // when
    Response first = api.send(ANALYST, "GET", "/api/applications/" + id, null);
    Response second = api.send(ANALYST, "GET", "/api/applications/" + id, null);
    // then
    assertThat(first.json().path("correlationId").asText()).isNotEqualTo(second.json().path("correlationId").asText());
  }

  @Test
  void shouldKeepTheStatusOfSpringMvcRefusalsAsProblems() {
    // when
    Response wrongMethod = api.send(ANALYST, "PUT", "/api/applications", "{}");
    Response wrongType = api.sendWithAuthorization(ApiClient.basic(INTAKE, ApiClient.DEV_PASSWORD), "POST",
        "/api/applications", null, "Content-Type", "text/plain");
    // then
    assertThat(wrongMethod.status()).isIn(403, 405);
    assertThat(wrongType.status()).isEqualTo(415);
    assertThat(wrongType.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void shouldAnswerRequestsTheFirewallRejectsWithAProblemFromTheErrorPage() {
    // when
    Response r = api.send(ANALYST, "GET", "/api/applications;jsessionid=1", null);
    Response anonymous = api.send(null, "GET", "/api/applications;jsessionid=1", null);
    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(anonymous.status()).isEqualTo(400);
    assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v2/user-tasks/%00/completion", "/v2/user-tasks/%2F/completion",
      "/v2/user-tasks/%5C/completion", "/api/applications/%ED%A0%80"})
  void shouldAnswerWhatTomcatRefusesItselfAsAProblem(String path) {
    // when: a path Tomcat will not decode or map, so no servlet ever sees the request
    Response r = api.send(BRANCH, "POST", path, "{}");
    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().path("status").asInt()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("Tomcat", "<html");
  }
}
