package cn.computeloan.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Failed log-ins throttled per user name and per address, before any password check. */
class LoginThrottleTest {

  private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);
  private static final String PASSWORD = "dev";
  private static final Duration TYPICAL = Duration.ofMillis(70);

  private final MutableClock clock = new MutableClock();
  private final AtomicInteger checks = new AtomicInteger();
  private final List<Duration> waits = new ArrayList<>();

  private ThrottlingAuthenticationProvider provider(LoginThrottleProperties properties) {
    UserDirectory users = new UserDirectory(new SecurityProperties(PASSWORD, List.of(
        new SecurityProperties.User("intake", null, List.of(Role.INTAKE_OFFICER)),
        new SecurityProperties.User("analyst", null, List.of(Role.CREDIT_ANALYST))),
        new SecurityProperties.EngineClient(null, "engine-secret"), null), BCRYPT, true);
    DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
    dao.setPasswordEncoder(BCRYPT);
    AuthenticationProvider counting = new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication a) {
        checks.incrementAndGet();
        return dao.authenticate(a);
      }

      @Override
      public boolean supports(Class<?> c) {
        return dao.supports(c);
      }
    };
    return new ThrottlingAuthenticationProvider(counting, new LoginThrottle(properties, clock), users::knows,
        "compute-loan-engine", TYPICAL, waits::add);
  }

  private ThrottlingAuthenticationProvider provider() {
    return provider(LoginThrottleProperties.defaults());
  }

  private static Authentication attempt(String user, String password, String address) {
    UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    token.setDetails(new WebAuthenticationDetails(address, null));
    return token;
  }

  @Test
  void shouldRefuseTheSixthAttemptForAUserWithoutCheckingThePasswordEvenIfItIsRight() {
    // given
    ThrottlingAuthenticationProvider provider = provider();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> provider.authenticate(attempt("intake", "guess", "10.0.0.1")))
          .isInstanceOf(BadCredentialsException.class);
    }
    // when / then
    assertThatThrownBy(() -> provider.authenticate(attempt("intake", "guess", "10.0.0.1")))
        .isInstanceOfSatisfying(LoginThrottledException.class,
            e -> assertThat(e.retryAfterSeconds()).isBetween(1L, 300L));
    assertThatThrownBy(() -> provider.authenticate(attempt("intake", PASSWORD, "10.0.0.9")))
        .isInstanceOf(LoginThrottledException.class);
    assertThat(checks).hasValue(5);
    assertThat(provider.authenticate(attempt("analyst", PASSWORD, "10.0.0.1")).isAuthenticated()).isTrue();
  }

  @Test
  void shouldAllowTheUserAgainOnceTheWindowHasPassed() {
    // given: a locked user
    ThrottlingAuthenticationProvider provider = provider();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> provider.authenticate(attempt("intake", "guess", "10.0.0.1")));
    }
    clock.now = clock.now.plus(Duration.ofMinutes(4));
    LoginThrottledException locked = (LoginThrottledException) org.assertj.core.api.Assertions.catchThrowable(
        () -> provider.authenticate(attempt("intake", PASSWORD, "10.0.0.1")));
    assertThat(locked.retryAfterSeconds()).isBetween(59L, 60L);
    // when
    clock.now = clock.now.plus(Duration.ofSeconds(61));
    // then
    assertThat(provider.authenticate(attempt("intake", PASSWORD, "10.0.0.1")).isAuthenticated()).isTrue();
  }

  @Test
  void shouldForgetAUsersFailuresWhenTheyLogIn() {
    // given
    ThrottlingAuthenticationProvider provider = provider();
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> provider.authenticate(attempt("intake", "typo", "10.0.0.1")));
    }
    // when
    provider.authenticate(attempt("intake", PASSWORD, "10.0.0.1"));
    // then: four more typos are still answered with a password check, not a lock
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> provider.authenticate(attempt("intake", "typo", "10.0.0.1")))
          .isInstanceOf(BadCredentialsException.class);
    }
  }

  @Test
  void shouldRefuseAnAddressAfterItsLimitWhateverNamesItTries() {
    // given: twenty failures from one address, each for a different name
    ThrottlingAuthenticationProvider provider = provider();
    for (int i = 0; i < 20; i++) {
      String name = "user-" + i;
      assertThatThrownBy(() -> provider.authenticate(attempt(name, "guess", "203.0.113.7")))
          .isInstanceOf(BadCredentialsException.class);
    }
    // when / then
    assertThatThrownBy(() -> provider.authenticate(attempt("analyst", PASSWORD, "203.0.113.7")))
        .isInstanceOf(LoginThrottledException.class);
    assertThat(provider.authenticate(attempt("analyst", PASSWORD, "203.0.113.8")).isAuthenticated()).isTrue();
  }

  @Test
  void shouldNotCheckAPasswordForAnUnknownNameButTakeAboutAsLong() {
    // given
    ThrottlingAuthenticationProvider provider = provider();
    // when
    assertThatThrownBy(() -> provider.authenticate(attempt("nobody", "guess", "10.0.0.1")))
        .isInstanceOf(BadCredentialsException.class).hasMessage("Bad credentials");
    // then
    assertThat(checks).hasValue(0);
    assertThat(waits).containsExactly(TYPICAL);
    // and the wait follows how long real failed checks take (bcrypt cost 4 here: far below 70 ms)
    for (int i = 0; i < 4; i++) {
      String address = "10.0.0." + i;
      assertThatThrownBy(() -> provider.authenticate(attempt("intake", "guess", address)));
    }
    assertThatThrownBy(() -> provider.authenticate(attempt("nobody", "guess", "10.0.0.1")));
    assertThat(waits.get(1)).isLessThan(TYPICAL);
  }

  @Test
  void shouldCountUnknownNamesLikeWrongPasswordsSoThatLocksDoNotRevealWhichNamesExist() {
    ThrottlingAuthenticationProvider provider = provider();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> provider.authenticate(attempt("nobody", "guess", "10.0.0.1")));
    }
    assertThatThrownBy(() -> provider.authenticate(attempt("nobody", "guess", "10.0.0.1")))
        .isInstanceOf(LoginThrottledException.class);
  }

  @Test
  void shouldNeverLockTheEngineClientByItsName() {
    // given: the engine client's name tried with wrong passwords from many addresses
    ThrottlingAuthenticationProvider provider = provider();
    for (int i = 0; i < 10; i++) {
      String address = "10.1.0." + i;
      assertThatThrownBy(() -> provider.authenticate(attempt("compute-loan-engine", "guess", address)))
          .isInstanceOf(BadCredentialsException.class);
    }
    // when / then
    assertThat(provider.authenticate(attempt("compute-loan-engine", "engine-secret", "127.0.0.1")).isAuthenticated())
        .isTrue();
  }

  @Test
  void shouldStayWithinItsMemoryCapUnderAFloodOfRandomNamesAndKeepTheLocks() {
    // given: a locked user
    LoginThrottleProperties small = new LoginThrottleProperties(true, 5, 20, Duration.ofMinutes(5), 1_000);
    LoginThrottle throttle = new LoginThrottle(small, clock);
    for (int i = 0; i < 5; i++) {
      throttle.failed("intake", "10.0.0.1");
    }
    // when: fifty thousand random names from ten thousand addresses
    for (int i = 0; i < 50_000; i++) {
      throttle.failed(UUID.randomUUID().toString(), "198.51." + (i % 10_000) / 100 + "." + i % 100);
    }
    // then
    assertThat(throttle.tracked()).isLessThanOrEqualTo(2 * 1_000);
    assertThat(throttle.refusal("intake", null)).isPresent();
  }

  @Test
  void shouldAnswerARefusedAttemptWith429AndRetryAfterAndOtherFailuresWith401() throws Exception {
    // given
    LoginRefusals refusals = new LoginRefusals();
    MockHttpServletResponse throttled = new MockHttpServletResponse();
    MockHttpServletResponse failed = new MockHttpServletResponse();
    // when: as a form log-in's failure handler and as basic auth's entry point
    refusals.onAuthenticationFailure(new MockHttpServletRequest("POST", "/login"), throttled,
        new LoginThrottledException(Duration.ofMillis(41_500)));
    refusals.commence(new MockHttpServletRequest("GET", "/api/applications"), failed,
        new BadCredentialsException("Bad credentials"));
    // then
    assertThat(throttled.getStatus()).isEqualTo(429);
    assertThat(throttled.getHeader("Retry-After")).isEqualTo("42");
    assertThat(throttled.getContentType()).startsWith("application/problem+json");
    assertThat(throttled.getContentAsString()).contains("\"status\":429");
    assertThat(failed.getStatus()).isEqualTo(401);
    assertThat(failed.getHeader("WWW-Authenticate")).startsWith("Basic");
  }

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
