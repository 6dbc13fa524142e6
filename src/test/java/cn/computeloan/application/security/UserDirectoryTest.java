package cn.computeloan.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class UserDirectoryTest {

  private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

  private static SecurityProperties properties(String devPassword, SecurityProperties.User... users) {
    return new SecurityProperties(devPassword, List.of(users), new SecurityProperties.EngineClient(null, "engine-secret"),
        null);
  }

  @Test
  void shouldDisableUsersWithoutHashWhenNoDevPasswordIsSet() {
    // given
    UserDirectory directory = new UserDirectory(properties("",
        new SecurityProperties.User("intake", null, List.of(Role.INTAKE_OFFICER))), BCRYPT, false);
    // when / then
    assertThatThrownBy(() -> directory.loadUserByUsername("intake")).isInstanceOf(UsernameNotFoundException.class);
  }

  @Test
  void shouldGiveTheDevPasswordToUsersWithoutHashAndKeepConfiguredHashes() {
    // given
    UserDirectory directory = new UserDirectory(properties("dev",
        new SecurityProperties.User("intake", null, List.of(Role.INTAKE_OFFICER)),
        new SecurityProperties.User("auditor", BCRYPT.encode("s3cret"), List.of(Role.AUDITOR))), BCRYPT, true);
    // then
    assertThat(BCRYPT.matches("dev", directory.loadUserByUsername("intake").getPassword())).isTrue();
    assertThat(BCRYPT.matches("s3cret", directory.loadUserByUsername("auditor").getPassword())).isTrue();
    assertThat(BCRYPT.matches("dev", directory.loadUserByUsername("auditor").getPassword())).isFalse();
    assertThat(directory.loadUserByUsername("compute-loan-engine").getAuthorities())
        .extracting(a -> a.getAuthority()).containsExactly("ROLE_ENGINE_CLIENT");
    assertThat(directory.roles("auditor")).contains(List.of("AUDITOR"));
    assertThat(directory.roles("stranger")).isEmpty();
  }

  @Test
  void shouldRefuseAUserNameThatCannotBeRecorded() {
    // given: the audit trail records at most 100 characters of a name
    String tooLong = "u".repeat(101);
    // when / then
    assertThatThrownBy(() -> new UserDirectory(properties("dev",
        new SecurityProperties.User(tooLong, null, List.of(Role.AUDITOR))), BCRYPT, false))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("100");
    assertThatThrownBy(() -> new UserDirectory(properties("",
        new SecurityProperties.User("tab\tname", null, List.of(Role.AUDITOR))), BCRYPT, false))
        .isInstanceOf(IllegalStateException.class);
    assertThat(new UserDirectory(properties("dev", new SecurityProperties.User("u".repeat(100), null,
        List.of(Role.AUDITOR))), BCRYPT, false).roles("u".repeat(100))).isPresent();
  }

  @Test
  void shouldRefuseEngineClientRoleForPeopleAndDuplicateUsers() {
    assertThatThrownBy(() -> new UserDirectory(properties("dev",
        new SecurityProperties.User("x", null, List.of(Role.ENGINE_CLIENT))), BCRYPT, false))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new UserDirectory(properties("dev",
        new SecurityProperties.User("x", null, List.of(Role.ADMIN)),
        new SecurityProperties.User("x", null, List.of(Role.AUDITOR))), BCRYPT, false))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldCacheSuccessfulChecksOnlyAndOnlyForTheirLifetime() {
    // given
    UserDirectory directory = new UserDirectory(properties("dev",
        new SecurityProperties.User("intake", null, List.of(Role.INTAKE_OFFICER))), BCRYPT, false);
    DaoAuthenticationProvider dao = new DaoAuthenticationProvider(directory);
    dao.setPasswordEncoder(BCRYPT);
    AtomicInteger checks = new AtomicInteger();
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
    MutableClock clock = new MutableClock();
    CachingAuthenticationProvider cache = new CachingAuthenticationProvider(counting, Duration.ofMinutes(5), clock);
    // when
    Authentication first = cache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("intake", "dev"));
    cache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("intake", "dev"));
    // then
    assertThat(first.getAuthorities()).extracting(a -> a.getAuthority()).containsExactly("ROLE_INTAKE_OFFICER");
    assertThat(checks).hasValue(1);
    assertThatThrownBy(() -> cache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("intake", "guess")))
        .isInstanceOf(BadCredentialsException.class);
    assertThatThrownBy(() -> cache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("intake", "guess")))
        .isInstanceOf(BadCredentialsException.class);
    assertThat(checks).hasValue(3);
    clock.now = clock.now.plus(Duration.ofMinutes(6));
    cache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("intake", "dev"));
    assertThat(checks).hasValue(4);
  }

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
