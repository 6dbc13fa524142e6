package cn.computeloan.application.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Throttles password log-ins ({@link LoginThrottle}) in front of the password check, so that a
 * refused attempt costs no bcrypt. It sits in the authentication manager, so HTTP basic on /api and
 * /v2 and a form log-in that uses the same manager are throttled alike; the client address is the
 * request's remote address from the authentication details (which trusts X-Forwarded-For only if
 * {@code server.forward-headers-strategy} says so).
 *
 * <p>An unknown user name costs no bcrypt either, but the answer waits about as long as a real
 * check of a wrong password takes (a running average of those), so that timing does not tell
 * which names exist; unknown names count towards both limits like wrong passwords. The
 * application's own engine client is never locked by its name (that would stop every job worker);
 * its failures still count for their address.
 */
public final class ThrottlingAuthenticationProvider implements AuthenticationProvider {

  private final AuthenticationProvider delegate;
  private final LoginThrottle throttle;
  private final Predicate<String> knownUser;
  private final String unlockableUser;
  private final Consumer<Duration> sleeper;
  /** Running average of a failed password check, in nanoseconds. */
  private final AtomicLong failedCheckNanos;

  /**
   * @param knownUser whether a user name exists (a map look-up)
   * @param unlockableUser a user name never locked by its own failures (the engine client); may be null
   * @param typicalCheck how long a password check takes, until failed checks have been measured
   * @param sleeper waits (Thread.sleep; tests record instead)
   */
  public ThrottlingAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle,
      Predicate<String> knownUser, String unlockableUser, Duration typicalCheck, Consumer<Duration> sleeper) {
    this.delegate = delegate;
    this.throttle = throttle;
    this.knownUser = knownUser;
    this.unlockableUser = unlockableUser;
    this.sleeper = sleeper;
    this.failedCheckNanos = new AtomicLong(typicalCheck.toNanos());
  }

  /** Waits with {@link Thread#sleep}. */
  public static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String user = authentication.getName();
    String counted = user.equals(unlockableUser) ? null : user;
    String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    throttle.refusal(counted, address).ifPresent(wait -> {
      throw new LoginThrottledException(wait);
    });
    if (!knownUser.test(user)) {
      throttle.failed(counted, address);
      sleeper.accept(Duration.ofNanos(failedCheckNanos.get()));
      throw new BadCredentialsException("Bad credentials");
    }
    long start = System.nanoTime();
    try {
      Authentication result = delegate.authenticate(authentication);
      throttle.succeeded(counted);
      return result;
    } catch (BadCredentialsException e) {
      long took = System.nanoTime() - start;
      failedCheckNanos.updateAndGet(average -> average + (took - average) / 8);
      throttle.failed(counted, address);
      throw e;
    }
  }

  /** The typical wait for an unknown user name. */
  Duration typicalFailedCheck() {
    return Duration.ofNanos(failedCheckNanos.get());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication) && delegate.supports(authentication);
  }
}
