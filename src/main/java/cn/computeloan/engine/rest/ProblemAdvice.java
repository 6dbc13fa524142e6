package cn.computeloan.engine.rest;

import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.query.search.InvalidQueryException;
import cn.computeloan.engine.query.search.SearchTimeoutException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Turns every failure of the REST API into Camunda's {@code application/problem+json}: {@code
 * type} about:blank, {@code title} the reason (NOT_FOUND, INVALID_ARGUMENT, INVALID_STATE, ...),
 * {@code status}, {@code detail}, {@code instance} the request path. Never a stack trace, and for
 * an unexpected failure never its message either: a correlation id instead (see {@link #unexpected}).
 */
@RestControllerAdvice(basePackageClasses = ProblemAdvice.class)
@ConditionalOnEmbeddedEngine
public class ProblemAdvice {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(EngineException.class)
  ResponseEntity<ProblemDetail> engineRefusal(EngineException e, HttpServletRequest request) {
    HttpStatus status = switch (e.reason()) {
      case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case INVALID_STATE, ALREADY_EXISTS -> HttpStatus.CONFLICT;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
      case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
    };
    return problem(status, e.reason().name(), e.getMessage(), request);
  }

  @ExceptionHandler({InvalidRequestException.class, InvalidQueryException.class})
  ResponseEntity<ProblemDetail> invalidRequest(RuntimeException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", e.getMessage(), request);
  }

  /** The search was stopped at its time budget: the engine is fine, the question was too expensive. */
  @ExceptionHandler(SearchTimeoutException.class)
  ResponseEntity<ProblemDetail> searchTimeout(SearchTimeoutException e, HttpServletRequest request) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "SEARCH_TIMEOUT", e.getMessage(), request);
  }

  @ExceptionHandler({
    HttpMessageNotReadableException.class,
    MissingServletRequestPartException.class,
    MissingServletRequestParameterException.class
  })
  ResponseEntity<ProblemDetail> unreadable(Exception e, HttpServletRequest request) {
    String detail = e instanceof HttpMessageNotReadableException
        ? "The request body is not valid JSON: " + rootMessage(e)
        : e.getMessage();
    return problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", detail, request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(Exception e, HttpServletRequest request) {
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", e.getMessage(), request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(Exception e, HttpServletRequest request) {
    return problem(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", e.getMessage(), request);
  }

  @ExceptionHandler(NotSupportedException.class)
  ResponseEntity<ProblemDetail> notSupported(NotSupportedException e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_IMPLEMENTED, "NOT_SUPPORTED", e.getMessage(), request);
  }

  @ExceptionHandler(AsyncRequestTimeoutException.class)
  ResponseEntity<ProblemDetail> asyncTimeout(Exception e, HttpServletRequest request) {
    return problem(HttpStatus.GATEWAY_TIMEOUT, "DEADLINE_EXCEEDED", "The engine did not answer in time", request);
  }

  @ExceptionHandler(CompletionException.class)
  ResponseEntity<ProblemDetail> completion(CompletionException e, HttpServletRequest request) throws Exception {
    Throwable cause = e.getCause();
    if (cause instanceof EngineException engine) {
      return engineRefusal(engine, request);
    }
    return unexpected(cause instanceof Exception exception ? exception : e, request);
  }

  /**
   * Everything else. Spring MVC's own refusals keep their 4xx status; any other failure is a 500
   * whose detail says nothing about the cause (no message, class or SQL) and whose {@code
   * correlationId} is in the ERROR log line with the stack trace. Spring Security's exceptions are
   * left to Spring Security.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) throws Exception {
    if (e.getClass().getName().startsWith("org.springframework.security.")) {
      throw e;
    }
    if (e instanceof ErrorResponse known && !known.getStatusCode().is5xxServerError()) {
      HttpStatus status = HttpStatus.resolve(known.getStatusCode().value());
      return problem(known.getStatusCode(), status == null ? "INVALID_ARGUMENT" : status.name(),
          known.getBody().getDetail(), request);
    }
    String correlationId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    LOG.error("Unexpected failure of {} {} (correlationId={})", request.getMethod(), request.getRequestURI(),
        correlationId, e);
    ResponseEntity<ProblemDetail> answer = problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
        "An unexpected error occurred. Quote the correlation id when you report it.", request);
    answer.getBody().setProperty("correlationId", correlationId);
    return answer;
  }

  static ResponseEntity<ProblemDetail> problem(
      HttpStatusCode status, String title, String detail, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setInstance(java.net.URI.create(request.getRequestURI()));
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
