package cn.computeloan.application.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The container's error page: what escaped every controller advice (a filter's failure) is still a
 * problem, and a 500 says nothing but a correlation id that the log line names with the stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorEndpointTest {

  private final ErrorEndpoint endpoint = new ErrorEndpoint(new DefaultErrorAttributes());

  @Test
  void shouldAnswerAFailureInAFilterWithAGenericProblemAndLogItUnderItsCorrelationId(CapturedOutput log) {
    // given: the container forwards a filter's exception to /error
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/error");
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
    request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/v2/user-tasks/1/completion");
    request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
        new IllegalStateException("jdbc:postgresql://10.0.0.5/bank password=hunter2"));
    // when
    ResponseEntity<ProblemDetail> answer = endpoint.error(request);
    // then
    assertThat(answer.getStatusCode().value()).isEqualTo(500);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    ProblemDetail problem = answer.getBody();
    String correlationId = (String) problem.getProperties().get("correlationId");
    assertThat(correlationId).matches("[0-9a-f]{16}");
    assertThat(problem.getDetail()).isEqualTo(UnexpectedErrors.DETAIL);
    assertThat(problem.toString()).doesNotContain("hunter2", "postgresql", "IllegalStateException");
    assertThat(log.getOut()).containsPattern(
        "ERROR .*Unexpected failure of POST /v2/user-tasks/1/completion \\(correlationId=" + correlationId + "\\)");
    assertThat(log.getOut()).contains("java.lang.IllegalStateException: jdbc:postgresql://10.0.0.5/bank");
  }

  @Test
  void shouldAnswerAClientErrorWithItsReasonPhraseOnly() {
    // given
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 400);
    request.setAttribute(RequestDispatcher.ERROR_MESSAGE, "Invalid character found in the request target [/<script>]");
    // when
    ResponseEntity<ProblemDetail> answer = endpoint.error(request);
    // then
    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getBody().getDetail()).isEqualTo("Bad Request");
    assertThat(answer.getBody().getProperties()).isNull();
  }

  @Test
  void shouldAnswerNotFoundWhenNothingFailed() {
    assertThat(endpoint.error(new MockHttpServletRequest("GET", "/error")).getStatusCode().value()).isEqualTo(404);
  }
}
