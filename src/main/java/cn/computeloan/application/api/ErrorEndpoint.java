package cn.computeloan.application.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The servlet container's error page ({@code /error}), in place of Spring Boot's: what no controller
 * advice answered (a failure in a filter, or outside both APIs) still gets {@code
 * application/problem+json}, and a 500 the generic answer with a correlation id ({@link UnexpectedErrors}).
 */
@RestController
public class ErrorEndpoint implements ErrorController {

  private final ErrorAttributes errors;

  public ErrorEndpoint(ErrorAttributes errors) {
    this.errors = errors;
  }

  @RequestMapping("/error")
  public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Throwable failure = errors.getError(new ServletWebRequest(request));
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.valueOf(c)
        : failure != null ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.NOT_FOUND;
    ProblemDetail problem;
    if (status.is5xxServerError()) {
      Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
      problem = UnexpectedErrors.logged(failure, request.getMethod(), uri == null ? request.getRequestURI() : uri.toString());
      problem.setStatus(status.value());
    } else {
      // the reason phrase only: a container's message may quote the request
      problem = ProblemDetail.forStatusAndDetail(status, status.getReasonPhrase());
      problem.setTitle(status.getReasonPhrase());
      problem.setType(URI.create("about:blank"));
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
