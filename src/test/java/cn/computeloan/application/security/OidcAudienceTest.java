package cn.computeloan.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class OidcAudienceTest {

  private static JwtDecoder decoding(List<String> audience) {
    return token -> Jwt.withTokenValue(token).header("alg", "RS256").subject("li.wei").audience(audience)
        .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
  }

  @Test
  void shouldRefuseToStartWithBearerTokensButNoAudience() {
    var provider = new StaticListableBeanFactory(Map.of("jwtDecoder", decoding(List.of("compute-loan"))))
        .getBeanProvider(JwtDecoder.class);
    assertThatThrownBy(() -> SecurityConfiguration.decoder(provider, new SecurityProperties.Oidc(null, null, " ")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("OIDC_AUDIENCE");
  }

  @Test
  void shouldAcceptOnlyTokensNamingTheConfiguredAudience() {
    var oidc = new SecurityProperties.Oidc(null, null, "compute-loan");
    JwtDecoder ours = SecurityConfiguration.decoder(new StaticListableBeanFactory(Map.of("d",
        decoding(List.of("core-banking", "compute-loan")))).getBeanProvider(JwtDecoder.class), oidc);
    JwtDecoder theirs = SecurityConfiguration.decoder(new StaticListableBeanFactory(Map.of("d",
        decoding(List.of("core-banking")))).getBeanProvider(JwtDecoder.class), oidc);
    assertThat(ours.decode("t").getSubject()).isEqualTo("li.wei");
    assertThatThrownBy(() -> theirs.decode("t")).isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("audience");
    assertThat(SecurityConfiguration.decoder(new StaticListableBeanFactory().getBeanProvider(JwtDecoder.class), oidc))
        .isNull();
  }
}
