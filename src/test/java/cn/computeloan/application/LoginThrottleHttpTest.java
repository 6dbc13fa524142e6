package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.application.security.LoginThrottle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Failed log-ins over HTTP, on the application API and the engine API. A context of its own: its
 * locks would otherwise stop other tests (every test, and the application's own engine client,
 * comes from 127.0.0.1), and a lower address limit keeps the test short. A database of its own too:
 * the engine's journal cannot be shared by two running contexts.
 */
@TestPropertySource(properties = {"compute-loan.security.login-throttle.max-failures-per-address=8",
    "spring.datasource.url=jdbc:h2:mem:login-throttle;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
class LoginThrottleHttpTest extends ApplicationIntegrationTest {

  @Autowired LoginThrottle throttle;

  @AfterEach
  void unlock() {
    throttle.reset();
  }

  private Response as(String user, String password, String method, String path, String body, String... headers) {
    return api.sendWithAuthorization(ApiClient.basic(user, password), method, path, body, headers);
  }

  @Test
  void shouldAnswerTheSixthWrongPasswordAndTheRightOneDuringTheLockWith429() {
    // given: five wrong passwords for one user
    for (int i = 0; i < 5; i++) {
      assertThat(as(ANALYST, "guess-" + i, "GET", "/api/applications", null).status()).isEqualTo(401);
    }
    // when
    Response sixth = as(ANALYST, "guess-5", "GET", "/api/applications", null);
    Response right = as(ANALYST, ApiClient.DEV_PASSWORD, "GET", "/api/applications", null);
    // then
    assertThat(sixth.status()).isEqualTo(429);
    assertThat(sixth.header("Content-Type")).startsWith("application/problem+json");
    assertThat(Long.parseLong(sixth.header("Retry-After"))).isBetween(1L, 300L);
    assertThat(sixth.json().path("status").asInt()).isEqualTo(429);
    assertThat(right.status()).isEqualTo(429);
    assertThat(right.header("Retry-After")).isNotBlank();
    // and other users are not affected
    assertThat(api.send(AUDITOR, "GET", "/api/applications", null).status()).isEqualTo(200);
  }

  @Test
  void shouldThrottleTheEngineApiToo() {
    for (int i = 0; i < 5; i++) {
      assertThat(as(BRANCH, "guess", "POST", "/v2/user-tasks/search", "{}").status()).isEqualTo(401);
    }
    Response refused = as(BRANCH, ApiClient.DEV_PASSWORD, "POST", "/v2/user-tasks/search", "{}");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotBlank();
  }

  @Test
  void shouldThrottleAnAddressWhateverNamesItTriesAndWhateverItClaimsInXForwardedFor() {
    // given: eight failures from this address for eight names, each claiming another client address
    for (int i = 0; i < 8; i++) {
      assertThat(as("nobody-" + i, "guess", "GET", "/api/applications", null, "X-Forwarded-For", "198.51.100." + i)
          .status()).isEqualTo(401);
    }
    // when
    Response r = as(AUDITOR, ApiClient.DEV_PASSWORD, "GET", "/api/applications", null, "X-Forwarded-For", "192.0.2.1");
    // then
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("Retry-After")).isNotBlank();
  }
}
