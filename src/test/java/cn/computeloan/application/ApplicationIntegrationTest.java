package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.credit.TestData;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseFile;
import cn.computeloan.process.CaseFile.ProcessRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.CamundaClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Shared set-up of the application service's integration tests: the whole application over HTTP
 * with its embedded engine and a stand-in approval process (src/test/resources/application-it/,
 * deployed here, never by the application). One Spring context serves every subclass that does not
 * change the configuration; H2 unless a subclass overrides the datasource.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"compute-loan.security.dev-password=" + ApiClient.DEV_PASSWORD, "spring.main.banner-mode=off",
        "compute-loan.security.oidc.audience=" + ApplicationIntegrationTest.IdentityProvider.AUDIENCE,
        "spring.datasource.url=jdbc:h2:mem:application-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@Import(ApplicationIntegrationTest.IdentityProvider.class)
abstract class ApplicationIntegrationTest {

  /**
   * Stands in for the bank's identity provider (profile oidc): tokens signed with a key made here.
   * With a JwtDecoder present the application accepts bearer tokens next to basic auth.
   */
  @TestConfiguration
  static class IdentityProvider {
    /** The audience the application is configured with. */
    static final String AUDIENCE = "compute-loan";
    static final java.security.KeyPair KEYS = keyPair();

    static java.security.KeyPair keyPair() {
      try {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Bean
    org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder() {
      return org.springframework.security.oauth2.jwt.NimbusJwtDecoder
          .withPublicKey((java.security.interfaces.RSAPublicKey) KEYS.getPublic()).build();
    }

    /** A signed token for {@code user} with the given role names, for this application, valid for five minutes. */
    static String token(String user, String... roles) {
      return token(java.util.List.of(AUDIENCE), user, roles);
    }

    /** As {@link #token(String, String...)}, for the given audiences (none: no aud claim). */
    static String token(java.util.List<String> audiences, String user, String... roles) {
      com.nimbusds.jose.jwk.RSAKey key = new com.nimbusds.jose.jwk.RSAKey.Builder(
          (java.security.interfaces.RSAPublicKey) KEYS.getPublic()).privateKey(KEYS.getPrivate()).build();
      var encoder = new org.springframework.security.oauth2.jwt.NimbusJwtEncoder(
          new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(new com.nimbusds.jose.jwk.JWKSet(key)));
      var claims = org.springframework.security.oauth2.jwt.JwtClaimsSet.builder()
          .subject("sub-" + user).claim("preferred_username", user).claim("roles", java.util.List.of(roles))
          .issuedAt(java.time.Instant.now()).expiresAt(java.time.Instant.now().plusSeconds(300));
      if (!audiences.isEmpty()) {
        claims.audience(audiences);
      }
      var header = org.springframework.security.oauth2.jwt.JwsHeader.with(
          org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256).build();
      return encoder.encode(org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(header, claims.build()))
          .getTokenValue();
    }
  }

  static final String INTAKE = "intake";
  static final String ANALYST = "analyst";
  static final String AUDITOR = "auditor";
  static final String BRANCH = "branch";
  static final String COMMITTEE = "committee";
  static final String ENGINE = "compute-loan-engine";

  @Autowired Environment environment;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired CaseFile caseFile;
  @Autowired SubmissionService submissions;
  @MockitoSpyBean CamundaProcessStarter starter;

  ApiClient api;

  @BeforeEach
  void connect() {
    api = new ApiClient(environment.getRequiredProperty("local.server.port", Integer.class));
    camunda.newDeployResourceCommand().addResourceFromClasspath("application-it/compute-loan-approval.bpmn")
        .send().join();
  }

  @AfterEach
  void resetSpy() {
    reset(starter);
  }

  static String sample(String name, Consumer<ObjectNode> change) {
    ObjectNode node = TestData.json(name);
    change.accept(node);
    return node.toString();
  }

  static String aigc() {
    return sample(TestData.AIGC, n -> {});
  }

  Response submit(String body, String... headers) {
    return api.send(INTAKE, "POST", "/api/applications", body, headers);
  }

  String submitted() {
    Response r = submit(aigc());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("applicationId").asText();
  }

  long countApplications() {
    return jdbc.sql("SELECT COUNT(*) FROM loan_application").query(Long.class).single();
  }

}
