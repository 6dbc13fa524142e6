package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.security.SecurityProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Roles and names from the identity provider's claims, for the code login and for bearer tokens. */
class OidcRolesTest {

  private final OidcRoles roles = new OidcRoles(new SecurityProperties(null, null, null, null));

  @Test
  void shouldTakeKnownRoleNamesFromTheIdTokenAndIgnoreOthers() {
    OidcIdToken token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(60),
        Map.of("sub", "s-1", "preferred_username", "wang.fang", "roles", List.of("CREDIT_ANALYST", "ENGINE_CLIENT", "x")));
    assertThat(roles.map(List.of(new OidcUserAuthority(token))))
        .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_CREDIT_ANALYST");
  }

  @Test
  void shouldTakeTheProcessOwnerRoleFromTheIdentityProvider() {
    OidcIdToken token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(60),
        Map.of("sub", "s-4", "roles", List.of("PROCESS_OWNER")));
    assertThat(roles.map(List.of(new OidcUserAuthority(token))))
        .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_PROCESS_OWNER");
    Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("s-4").claim("roles", List.of("PROCESS_OWNER"))
        .build();
    assertThat(roles.token(jwt).getAuthorities()).extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_PROCESS_OWNER");
  }

  @Test
  void shouldNameABearerTokensPersonByTheUsernameClaim() {
    Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("s-2")
        .claim("preferred_username", "li.lei").claim("roles", List.of("BRANCH_APPROVER")).build();
    var authentication = roles.token(jwt);
    assertThat(authentication.getName()).isEqualTo("li.lei");
    assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_BRANCH_APPROVER");
    assertThat(roles.token(Jwt.withTokenValue("t").header("alg", "RS256").subject("s-3").build()).getName())
        .isEqualTo("s-3");
  }
}
