package cn.computeloan.application.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The 413 answer to a body over its limit, for every controller (the application's and the engine's)
 * and for multipart failures that happen before any controller is chosen. First among the advices,
 * so that a {@link RequestTooLargeException} inside a "body not readable" failure is answered as
 * what it is; in the style of the API it hits (Camunda's on {@code /v2}, the application's on
 * {@code /api}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeProblems {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ExceptionHandler(RequestTooLargeException.class)
  ResponseEntity<byte[]> tooLarge(RequestTooLargeException e, HttpServletRequest request) throws IOException {
    return answer(e.limit(), request);
  }

  /** Spring's own multipart limits, or a size failure of the container's multipart parsing. */
  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<byte[]> uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request)
      throws IOException {
    RequestTooLargeException cause = cause(e);
    return answer(cause != null ? cause.limit() : e.getMaxUploadSize(), request);
  }

  /**
   * With its length: the container closes the connection after a 413 once the rest of an oversized
   * body is too large to skip, and a chunked answer would then lack its last chunk.
   */
  private static ResponseEntity<byte[]> answer(long limit, HttpServletRequest request) throws IOException {
    byte[] body = JSON.writeValueAsBytes(problem(limit, request));
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .contentLength(body.length).body(body);
  }

  static Map<String, Object> problem(long limit, HttpServletRequest request) {
    boolean engineApi = request.getRequestURI().startsWith("/v2/");
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", engineApi ? "about:blank" : "urn:compute-loan:problem:too-large");
    problem.put("title", engineApi ? "PAYLOAD_TOO_LARGE" : "Request too large");
    problem.put("status", 413);
    problem.put("detail", limit > 0
        ? "The request body is larger than the limit of " + limit + " bytes (" + mebibytes(limit) + ") for "
            + request.getMethod() + " " + request.getRequestURI()
        : "The request body is larger than the limit for " + request.getMethod() + " " + request.getRequestURI());
    problem.put("instance", request.getRequestURI());
    return problem;
  }

  private static String mebibytes(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : String.format("%.1f MiB", bytes / 1048576.0);
  }

  /** Writes the 413 from a filter, outside Spring MVC. */
  static void write(HttpServletResponse response, long limit, HttpServletRequest request) throws IOException {
    byte[] body = JSON.writeValueAsBytes(problem(limit, request));
    response.setStatus(413);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  /** The {@link RequestTooLargeException} behind a failure, if there is one. */
  static RequestTooLargeException cause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RequestTooLargeException tooLarge) {
        return tooLarge;
      }
    }
    return null;
  }

  /**
   * True when the container refused a multipart body for its size (Tomcat's file upload size and
   * part-count limits, from {@code spring.servlet.multipart.*} and {@code server.tomcat.max-part-count}).
   */
  static boolean isContainerSizeFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.apache.tomcat.util.http.fileupload.impl.SizeException
          || t instanceof org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException) {
        return true;
      }
    }
    return false;
  }
}
