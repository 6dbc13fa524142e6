package cn.computeloan.application.security;

import java.time.Duration;
import org.springframework.security.authentication.AccountStatusException;

/**
 * An attempt refused before any password check because its user name or its address failed too
 * often. An {@link AccountStatusException}, so that the provider manager tries no other provider.
 */
public final class LoginThrottledException extends AccountStatusException {

  private final Duration retryAfter;

  public LoginThrottledException(Duration retryAfter) {
    super("too many failed log-ins");
    this.retryAfter = retryAfter;
  }

  /** Whole seconds until the next attempt may be made (at least 1). */
  public long retryAfterSeconds() {
    long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }
}
