package cn.computeloan.application.api;

import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The answer to a failure nobody foresaw: a 500 whose {@code detail} says nothing about the cause
 * (no exception message, class or SQL), with a random {@code correlationId} that the ERROR log line
 * carrying the stack trace names too, so support can find the details from what the caller quotes.
 */
final class UnexpectedErrors {

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrors.class);

  static final String DETAIL = "An unexpected error occurred. Quote the correlation id when you report it.";

  private UnexpectedErrors() {}

  /** Logs {@code failure} at ERROR under a new correlation id and returns the generic problem carrying it. */
  static ProblemDetail logged(Throwable failure, String method, String path) {
    String correlationId = newCorrelationId();
    LOG.error("Unexpected failure of {} {} (correlationId={})", method, path, correlationId, failure);
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, DETAIL);
    p.setTitle("Internal error");
    p.setType(URI.create("urn:compute-loan:problem:internal-error"));
    p.setProperty("correlationId", correlationId);
    return p;
  }

  /** 16 random hex digits: enough to find one log line, nothing to guess from. */
  static String newCorrelationId() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }
}
