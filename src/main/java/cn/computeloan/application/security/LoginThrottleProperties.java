package cn.computeloan.application.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on failed log-ins, under {@code compute-loan.security.login-throttle}.
 *
 * @param enabled whether failed log-ins are throttled at all (default true)
 * @param maxFailuresPerUser failures of one user name within {@code window} before further attempts
 *     for it are refused until the window ends (default 5)
 * @param maxFailuresPerAddress failures from one client address within {@code window} before further
 *     attempts from it are refused (default 20)
 * @param window how long failures are counted, from the first one (default 5 minutes)
 * @param maxTracked user names and addresses each remembered at most (default 10,000): a flood of
 *     random names cannot grow memory without bound
 */
@ConfigurationProperties("compute-loan.security.login-throttle")
public record LoginThrottleProperties(Boolean enabled, Integer maxFailuresPerUser, Integer maxFailuresPerAddress,
    Duration window, Integer maxTracked) {

  public LoginThrottleProperties {
    enabled = enabled == null || enabled;
    maxFailuresPerUser = positive(maxFailuresPerUser, 5, "max-failures-per-user");
    maxFailuresPerAddress = positive(maxFailuresPerAddress, 20, "max-failures-per-address");
    window = window == null ? Duration.ofMinutes(5) : window;
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("compute-loan.security.login-throttle.window must be positive");
    }
    maxTracked = positive(maxTracked, 10_000, "max-tracked");
  }

  /** The defaults. */
  public static LoginThrottleProperties defaults() {
    return new LoginThrottleProperties(null, null, null, null, null);
  }

  private static int positive(Integer value, int fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value < 1) {
      throw new IllegalArgumentException("compute-loan.security.login-throttle." + name + " must be at least 1");
    }
    return value;
  }
}
