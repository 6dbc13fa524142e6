package cn.computeloan.application.security;

import java.io.IOException;

/**
 * A request body passed its limit while it was read (an {@link IOException}, so that it stops
 * whatever is reading). Answered with 413 by {@link RequestSizeProblems} or, when it escapes the
 * controllers, by {@link RequestSizeLimitFilter}.
 */
public class RequestTooLargeException extends IOException {

  private final long limit;

  public RequestTooLargeException(long limit, Throwable cause) {
    // "exceeds ... size": Spring's multipart support recognises the message as a size failure
    super("The request body exceeds the size limit of " + limit + " bytes", cause);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
