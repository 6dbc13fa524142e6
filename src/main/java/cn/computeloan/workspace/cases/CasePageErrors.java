package cn.computeloan.workspace.cases;

import cn.computeloan.application.api.ApplicationProblems.InvalidRequestException;
import cn.computeloan.workspace.web.PageErrors;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of the applications pages: the workspace's error page (404, 400 naming the fields, 500 with
 * a correlation id); the trace's JSON answers problem+json instead.
 */
@ControllerAdvice(assignableTypes = CaseController.class)
public class CasePageErrors {

  private static final Logger LOG = LoggerFactory.getLogger(CasePageErrors.class);

  @ExceptionHandler(CaseController.CaseNotFoundException.class)
  Object notFound(CaseController.CaseNotFoundException e, HttpServletRequest request) {
    return answer(request, HttpStatus.NOT_FOUND, e.getMessage(), null);
  }

  @ExceptionHandler(InvalidRequestException.class)
  Object invalid(InvalidRequestException e, HttpServletRequest request) {
    return answer(request, HttpStatus.BAD_REQUEST, e.violations().stream().map(v -> v.field() + ": " + v.message())
        .reduce((a, b) -> a + "; " + b).orElse(""), null);
  }

  /** A handler's own role check; the security chain's refusals never reach here. */
  @ExceptionHandler(AccessDeniedException.class)
  Object denied(AccessDeniedException e, HttpServletRequest request) {
    return answer(request, HttpStatus.FORBIDDEN, null, null);
  }

  @ExceptionHandler(Exception.class)
  Object unexpected(Exception e, HttpServletRequest request) {
    String correlationId = UUID.randomUUID().toString();
    LOG.error("Applications page failed [correlationId={}]", correlationId, e);
    return answer(request, HttpStatus.INTERNAL_SERVER_ERROR, null, correlationId);
  }

  private static Object answer(HttpServletRequest request, HttpStatus status, String reason, String correlationId) {
    if (request.getRequestURI().endsWith("/trace")) {
      ProblemDetail p = ProblemDetail.forStatusAndDetail(status, correlationId != null
          ? "unexpected error, correlation id " + correlationId : reason != null ? reason : status.getReasonPhrase());
      p.setType(URI.create("about:blank"));
      return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
    return PageErrors.page(status, status == HttpStatus.NOT_FOUND ? null : reason, correlationId)
        .addObject("notFoundKey", "cases.notFound");
  }
}
