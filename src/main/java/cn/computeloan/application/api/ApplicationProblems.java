package cn.computeloan.application.api;

import cn.computeloan.application.PaymentService;
import cn.computeloan.application.SubmissionService;
import cn.computeloan.credit.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** application/problem+json answers of the application API (not the engine's /v2 API). */
@RestControllerAdvice(basePackageClasses = ApplicationProblems.class)
public class ApplicationProblems {

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationProblems.class);
  /** At most this many entries in {@code errors}: a body of a thousand unknown fields gets a bounded answer. */
  static final int MAX_REPORTED_ERRORS = 100;

  /** A request that names bad fields; {@code errors} lists each with a code and a reason. */
  public static final class InvalidRequestException extends RuntimeException {
    private final transient List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
      super(violations.size() + " invalid field(s)");
      this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
      return violations;
    }
  }

  /** A document whose content type is not on the allowlist (415); {@code errors} names it and any other bad field. */
  public static final class UnsupportedContentTypeException extends RuntimeException {
    private final transient List<Violation> violations;

    public UnsupportedContentTypeException(List<Violation> violations) {
      super("the document's content type is not accepted");
      this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
      return violations;
    }
  }

  /** No such application (or document). */
  public static final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
      super(message);
    }
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), "invalid-request");
    errors(p, e.violations());
    return answer(p);
  }

  @ExceptionHandler(UnsupportedContentTypeException.class)
  ResponseEntity<ProblemDetail> unsupportedContentType(UnsupportedContentTypeException e) {
    ProblemDetail p = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported document type", e.getMessage(),
        "unsupported-content-type");
    errors(p, e.violations());
    return answer(p);
  }

  private static void errors(ProblemDetail p, List<Violation> violations) {
    p.setProperty("errors", violations.size() > MAX_REPORTED_ERRORS ? violations.subList(0, MAX_REPORTED_ERRORS)
        : violations);
    if (violations.size() > MAX_REPORTED_ERRORS) {
      p.setProperty("errorsOmitted", violations.size() - MAX_REPORTED_ERRORS);
    }
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return invalid(new InvalidRequestException(List.of(new Violation("", "UNREADABLE", "the body is not valid JSON"))));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
    return invalid(new InvalidRequestException(List.of(new Violation(e.getName(), "INVALID_VALUE",
        "cannot be read as " + (e.getRequiredType() == null ? "the expected type" : e.getRequiredType().getSimpleName())))));
  }

  @ExceptionHandler({MissingServletRequestParameterException.class, MissingServletRequestPartException.class})
  ResponseEntity<ProblemDetail> missingParameter(Exception e) {
    String name = e instanceof MissingServletRequestParameterException m ? m.getParameterName()
        : ((MissingServletRequestPartException) e).getRequestPartName();
    return invalid(new InvalidRequestException(List.of(new Violation(name, "REQUIRED", "is required"))));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
    return answer(problem(HttpStatus.PAYLOAD_TOO_LARGE, "Document too large", e.getMessage(), "too-large"));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    return answer(problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), "not-found"));
  }

  @ExceptionHandler(SubmissionService.IdempotencyConflictException.class)
  ResponseEntity<ProblemDetail> idempotencyConflict(SubmissionService.IdempotencyConflictException e) {
    return answer(problem(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused", e.getMessage(),
        "idempotency-key-reused"));
  }

  @ExceptionHandler(SubmissionService.SubmissionInProgressException.class)
  ResponseEntity<ProblemDetail> inProgress(SubmissionService.SubmissionInProgressException e) {
    ProblemDetail p = problem(HttpStatus.CONFLICT, "Submission in progress", e.getMessage(), "submission-in-progress");
    return ResponseEntity.status(409).header("Retry-After", "1").contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  @ExceptionHandler(PaymentService.PaymentIdConflictException.class)
  ResponseEntity<ProblemDetail> paymentIdConflict(PaymentService.PaymentIdConflictException e) {
    ProblemDetail p = problem(HttpStatus.CONFLICT, "Payment id reused", e.getMessage(), "payment-id-reused");
    p.setProperty("errors", List.of(new Violation("paymentId", "CONFLICT", e.getMessage())));
    return answer(p);
  }

  @ExceptionHandler(PaymentService.NotDisbursedException.class)
  ResponseEntity<ProblemDetail> notDisbursed(PaymentService.NotDisbursedException e) {
    return answer(problem(HttpStatus.CONFLICT, "Loan not disbursed", e.getMessage(), "not-disbursed"));
  }

  @ExceptionHandler(SubmissionService.BusyException.class)
  ResponseEntity<ProblemDetail> busy(SubmissionService.BusyException e) {
    ProblemDetail p = problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", e.getMessage(), "busy");
    return ResponseEntity.status(503).header("Retry-After", "1").contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  @ExceptionHandler(SubmissionService.ProcessStartException.class)
  ResponseEntity<ProblemDetail> processStart(SubmissionService.ProcessStartException e) {
    LOG.warn("Submission refused: {}", e.getMessage(), e.getCause());
    return answer(problem(HttpStatus.SERVICE_UNAVAILABLE, "Process not started", e.getMessage(), "process-start-failed"));
  }

  /**
   * Everything else. Spring MVC's own refusals (wrong method, media type, missing header...) keep
   * their 4xx status; anything else is an unexpected error: a 500 with a correlation id and no details.
   */
  @ExceptionHandler(Exception.class)
  protected ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) throws Exception {
    if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
      throw e; // Spring Security answers these (401/403)
    }
    if (e instanceof ErrorResponse known && !known.getStatusCode().is5xxServerError()) {
      ProblemDetail p = known.getBody();
      return ResponseEntity.status(known.getStatusCode()).headers(known.getHeaders())
          .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
    return answer(UnexpectedErrors.logged(e, request.getMethod(), request.getRequestURI()));
  }

  protected static ProblemDetail problem(HttpStatus status, String title, String detail, String type) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    p.setType(URI.create("urn:compute-loan:problem:" + type));
    return p;
  }

  protected static ResponseEntity<ProblemDetail> answer(ProblemDetail p) {
    return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}
