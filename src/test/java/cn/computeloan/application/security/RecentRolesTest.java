package cn.computeloan.application.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;

class RecentRolesTest {

  private static Authentication person(String name, String... roles) {
    TestingAuthenticationToken token = new TestingAuthenticationToken(name, null,
        java.util.Arrays.stream(roles).map(r -> "ROLE_" + r).toArray(String[]::new));
    token.setAuthenticated(true);
    return token;
  }

  @Test
  void shouldRememberAPersonsLatestRolesButNotTheEngineClients() {
    // given
    RecentRoles recent = new RecentRoles(100);
    // when
    recent.remember(person("li.na", "CREDIT_ANALYST"));
    recent.remember(person("li.na", "BRANCH_APPROVER"));
    recent.remember(person("compute-loan-engine", "ENGINE_CLIENT"));
    // then
    assertThat(recent.roles("li.na")).contains(List.of("BRANCH_APPROVER"));
    assertThat(recent.roles("compute-loan-engine")).isEmpty();
    assertThat(recent.roles("stranger")).isEmpty();
  }

  @Test
  void shouldStayWithinItsBound() {
    // given
    RecentRoles recent = new RecentRoles(100);
    // when
    for (int i = 0; i < 10_000; i++) {
      recent.remember(person("user-" + i, "AUDITOR"));
    }
    // then
    assertThat(recent.size()).isLessThanOrEqualTo(100);
    assertThat(recent.roles("user-9999")).contains(List.of("AUDITOR"));
  }
}
