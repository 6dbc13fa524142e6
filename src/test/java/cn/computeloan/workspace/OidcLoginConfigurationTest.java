package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * The authorization-code login of profile {@code oidc}, with a client registration that names the
 * provider's endpoints (no identity provider is reached): the workspace offers it on /login and
 * sends the browser to the provider's authorization endpoint. Without a registration it is off
 * ({@link SignInTest#shouldOfferNoSingleSignOnWithoutTheOidcProfile}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.client.enabled=false", "compute-loan.engine.embedded.processing.enabled=false",
    "spring.main.banner-mode=off",
    "spring.security.oauth2.client.registration.bank.provider=bank",
    "spring.security.oauth2.client.registration.bank.client-id=compute-loan",
    "spring.security.oauth2.client.registration.bank.client-secret=test-only",
    "spring.security.oauth2.client.registration.bank.authorization-grant-type=authorization_code",
    "spring.security.oauth2.client.registration.bank.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
    "spring.security.oauth2.client.registration.bank.scope=openid,profile",
    "spring.security.oauth2.client.provider.bank.authorization-uri=http://idp.invalid/realms/bank/auth",
    "spring.security.oauth2.client.provider.bank.token-uri=http://idp.invalid/realms/bank/token",
    "spring.security.oauth2.client.provider.bank.jwk-set-uri=http://idp.invalid/realms/bank/certs",
    "spring.security.oauth2.client.provider.bank.user-name-attribute=preferred_username"})
class OidcLoginConfigurationTest {

  @LocalServerPort int port;
  @Autowired ClientRegistrationRepository registrations;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldSendTheBrowserToTheIdentityProviderForAnAuthorizationCode() throws Exception {
    // when
    HttpResponse<String> r = get("/oauth2/authorization/bank");

    // then
    assertThat(r.statusCode()).isEqualTo(302);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("http://idp.invalid/realms/bank/auth?")
        .contains("response_type=code").contains("client_id=compute-loan").contains("scope=openid%20profile")
        .contains("redirect_uri=http://localhost:" + port + "/login/oauth2/code/bank").contains("state=");
    assertThat(registrations.findByRegistrationId("bank")).isNotNull();
  }

  @Test
  void shouldOfferSingleSignOnOnTheLoginPageBesideTheForm() throws Exception {
    String page = get("/login").body();
    assertThat(page).contains("id=\"login-oidc\"").contains("/oauth2/authorization/bank").contains("name=\"password\"");
  }

  @Test
  void shouldRefuseACallbackWithoutItsAuthorizationRequest() throws Exception {
    HttpResponse<String> r = get("/login/oauth2/code/bank?code=forged&state=forged");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
  }

  @Test
  void shouldDeclareTheAuthorizationCodeClientInProfileOidc() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application-oidc.yml"));
    Properties oidc = yaml.getObject();
    assertThat(oidc.getProperty("spring.security.oauth2.client.registration.bank.authorization-grant-type"))
        .isEqualTo("authorization_code");
    assertThat(oidc.getProperty("spring.security.oauth2.client.provider.bank.issuer-uri")).isEqualTo("${OIDC_ISSUER_URI}");
    assertThat(oidc.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")).isEqualTo("${OIDC_ISSUER_URI}");
    YamlPropertiesFactoryBean defaults = new YamlPropertiesFactoryBean();
    defaults.setResources(new ClassPathResource("application.yml"));
    assertThat(defaults.getObject().stringPropertyNames()).noneMatch(k -> k.startsWith("spring.security.oauth2"));
  }
}
