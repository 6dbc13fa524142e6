package cn.computeloan.application.security;

import cn.computeloan.credit.InputLimits;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what. People log in with HTTP basic against the configured users, or (profile {@code
 * oidc}) with a bearer token from the bank's identity provider whose roles claim carries {@link
 * Role} names. The embedded engine's /v2 API is protected like the rest: the application's own
 * Camunda client logs in as {@link Role#ENGINE_CLIENT}; people may only work on user tasks, as
 * themselves ({@link UserTaskActorGuard}); process owners may only deploy.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, LoginThrottleProperties.class})
public class SecurityConfiguration {

  /** Requests the engine API chain handles (and for which the introspector's cache is skipped). */
  static final RequestMatcher ENGINE_API = PathPatternRequestMatcher.withDefaults().matcher("/v2/**");

  /**
   * No Micrometer observation around every security filter of every request. Spring Security
   * otherwise wraps each of the chain's filters in an observation (a dozen per request), which cost
   * more CPU than the embedded engine's own processing of a job completion in the engine benchmark
   * (docs/benchmarks.md); request metrics ({@code http.server.requests}) are unaffected.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * A path the firewall refuses (encoded dots or slashes, {@code //}, {@code ;} parameters, ...) is a
   * 400 problem+json naming the path, not a container error page answered as 401.
   */
  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return (request, response, e) -> ProblemResponses.write(response, 400, "BAD_REQUEST",
        "the request path is not accepted: write it plainly, without encoded characters, '//', '.' or ';'");
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  UserDirectory userDirectory(SecurityProperties properties, PasswordEncoder encoder,
      @Value("${compute-loan.engine.embedded.enabled:true}") boolean embeddedEngine) {
    return new UserDirectory(properties, encoder, embeddedEngine);
  }

  /** Roles of people from their latest request, for audit events written later in their name. */
  @Bean
  RecentRoles recentRoles() {
    return new RecentRoles(10_000);
  }

  @Bean
  LoginThrottle loginThrottle(LoginThrottleProperties properties) {
    return new LoginThrottle(properties, Clock.systemUTC());
  }

  /**
   * Basic auth against the configured users (checks cached; failed log-ins throttled before any
   * check) and, with a JwtDecoder, bearer tokens.
   */
  @Bean
  AuthenticationManager authenticationManager(UserDirectory users, PasswordEncoder encoder,
      ObjectProvider<JwtDecoder> jwtDecoder, SecurityProperties properties, LoginThrottle throttle,
      LoginThrottleProperties throttling) {
    DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
    dao.setPasswordEncoder(encoder);
    List<AuthenticationProvider> providers = new ArrayList<>();
    AuthenticationProvider passwords = new CachingAuthenticationProvider(dao, Duration.ofMinutes(5), Clock.systemUTC());
    providers.add(throttling.enabled() ? new ThrottlingAuthenticationProvider(passwords, throttle, users::knows,
        properties.engineClient().username(), typicalPasswordCheck(encoder), ThrottlingAuthenticationProvider::sleep)
        : passwords);
    JwtDecoder decoder = decoder(jwtDecoder, properties.oidc());
    if (decoder != null) {
      JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(decoder);
      jwt.setJwtAuthenticationConverter(roleConverter(properties.oidc()));
      providers.add(jwt);
    }
    return new ProviderManager(providers);
  }

  /** How long checking a wrong password takes here: what an unknown user name waits at first. */
  private static Duration typicalPasswordCheck(PasswordEncoder encoder) {
    String hash = encoder.encode("timing-probe");
    long start = System.nanoTime();
    encoder.matches("not-the-timing-probe", hash);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * The embedded engine's /v2 API, every job activation and completion of the process workers, gets
   * a chain of its own, tried first. Its rules are those the application chain has for /v2 (kept
   * there too), written with {@link PathPatternRequestMatcher}s, which match the path directly
   * instead of asking Spring MVC which handler would serve the request; together with
   * {@link IntrospectorCacheBypass} that saves a second handler lookup per request. The chain has
   * no logout endpoint and no saved-request cache (a stateless API has no use for either);
   * authentication (basic or bearer) is checked on every request as before.
   */
  @Bean
  @Order(1)
  SecurityFilterChain engineApiFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
      ObjectProvider<JwtDecoder> jwtDecoder, ObjectProvider<CamundaClient> camundaClient, ObjectMapper mapper,
      SecurityProperties properties, RecentRoles recentRoles) throws Exception {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    http.securityMatcher(ENGINE_API)
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(paths.matcher(HttpMethod.GET, "/v2/topology"), paths.matcher(HttpMethod.GET, "/v2/status"))
            .permitAll()
            .requestMatchers(paths.matcher(HttpMethod.PATCH, "/v2/user-tasks/*"))
            .hasAnyRole(Role.ENGINE_CLIENT.name(), Role.ADMIN.name())
            // process owners deploy with Camunda Modeler (it probes the topology first), nothing else on /v2
            .requestMatchers(paths.matcher(HttpMethod.POST, "/v2/deployments"))
            .hasAnyRole(Role.ENGINE_CLIENT.name(), Role.ADMIN.name(), Role.PROCESS_OWNER.name())
            .requestMatchers(paths.matcher("/v2/user-tasks"), paths.matcher("/v2/user-tasks/**"))
            .hasAnyRole(withEngineClient(Role.caseStaffNames()))
            .anyRequest().hasAnyRole(Role.ENGINE_CLIENT.name(), Role.ADMIN.name()));
    return common(http, authenticationManager, jwtDecoder, camundaClient, mapper, properties, recentRoles).build();
  }

  /** See {@link IntrospectorCacheBypass}. */
  @Bean
  static IntrospectorCacheBypass introspectorCacheBypass() {
    return new IntrospectorCacheBypass(ENGINE_API);
  }

  @Bean
  @Order(2)
  SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
      ObjectProvider<JwtDecoder> jwtDecoder, ObjectProvider<CamundaClient> camundaClient, ObjectMapper mapper,
      SecurityProperties properties, RecentRoles recentRoles) throws Exception {
    // process owners are staff but read no case data
    String[] staff = Role.caseStaffNames();
    http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
            .requestMatchers("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html").permitAll()
            // The error page answers whatever failed before; it must not ask an anonymous caller to log in instead.
            .requestMatchers("/error").permitAll()
            // The engine's testing API (clock, purge): only for the engine client and admins, and it still
            // answers 403 by itself unless compute-loan.engine.testing-api.enabled.
            .requestMatchers("/actuator/clock/**", "/actuator/clock", "/actuator/cluster/**")
            .hasAnyRole(Role.ENGINE_CLIENT.name(), Role.ADMIN.name())
            .requestMatchers("/actuator/metrics/**", "/actuator/metrics").hasRole(Role.ADMIN.name())
            // Liveness and topology carry no business data; Camunda Process Test polls the topology
            // anonymously while it purges the engine between tests.
            .requestMatchers(HttpMethod.GET, "/v2/topology", "/v2/status").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/applications").hasRole(Role.INTAKE_OFFICER.name())
            .requestMatchers("/api/applications/*/audit", "/api/applications/*/audit/**").hasRole(Role.AUDITOR.name())
            .requestMatchers(HttpMethod.POST, "/api/applications/*/documents")
            .hasAnyRole(Role.INTAKE_OFFICER.name(), Role.CREDIT_ANALYST.name(), Role.ACCOUNT_MANAGER.name())
            // repayments: reported by the core banking system only; read by staff and by it
            .requestMatchers(HttpMethod.POST, "/api/applications/*/payments").hasRole(Role.CORE_BANKING.name())
            .requestMatchers(HttpMethod.GET, "/api/applications/*/payments")
            .hasAnyRole(with(staff, Role.CORE_BANKING))
            .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(staff)
            // The /v2 rules again: the engine API chain above serves /v2, these stay as a fallback.
            .requestMatchers(HttpMethod.PATCH, "/v2/user-tasks/*").hasAnyRole(Role.ENGINE_CLIENT.name(), Role.ADMIN.name())
            .requestMatchers(HttpMethod.POST, "/v2/deployments")
            .hasAnyRole(Role.ENGINE_CLIENT.name(), Role.ADMIN.name(), Role.PROCESS_OWNER.name())
            .requestMatchers("/v2/user-tasks", "/v2/user-tasks/**").hasAnyRole(withEngineClient(staff))
            .requestMatchers("/v2/**").hasAnyRole(Role.ENGINE_CLIENT.name(), Role.ADMIN.name())
            .anyRequest().authenticated());
    return common(http, authenticationManager, jwtDecoder, camundaClient, mapper, properties, recentRoles).build();
  }

  /** What both chains share: how people and clients log in, the answers to refusals, the user-task guard. */
  private static HttpSecurity common(HttpSecurity http, AuthenticationManager authenticationManager,
      ObjectProvider<JwtDecoder> jwtDecoder, ObjectProvider<CamundaClient> camundaClient, ObjectMapper mapper,
      SecurityProperties properties, RecentRoles recentRoles) throws Exception {
    http
        .authenticationManager(authenticationManager)
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(basic -> basic.authenticationEntryPoint(new LoginRefusals()))
        .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
            ProblemResponses.write(response, 403, "FORBIDDEN", "your role does not allow this")))
        .addFilterAfter(new UserTaskActorGuard(camundaClient::getIfAvailable, mapper), AuthorizationFilter.class)
        .addFilterBefore(recentRoles.filter(), AuthorizationFilter.class);
    JwtDecoder decoder = decoder(jwtDecoder, properties.oidc());
    if (decoder != null) {
      http.oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.decoder(decoder)
          .jwtAuthenticationConverter(roleConverter(properties.oidc()))));
    }
    return http;
  }

  /**
   * The identity provider's decoder, accepting only tokens for this application's audience; null
   * without OIDC. An OIDC set-up without an audience does not start.
   */
  static JwtDecoder decoder(ObjectProvider<JwtDecoder> jwtDecoder, SecurityProperties.Oidc oidc) {
    JwtDecoder decoder = jwtDecoder.getIfAvailable();
    if (decoder == null) {
      return null;
    }
    if (oidc.audience() == null || oidc.audience().isBlank()) {
      throw new IllegalStateException("Bearer tokens are accepted, but compute-loan.security.oidc.audience "
          + "(OIDC_AUDIENCE) is not set: tokens the identity provider issued for other applications would be accepted");
    }
    return new AudienceJwtDecoder(decoder, oidc.audience().trim());
  }

  private static String[] withEngineClient(String[] staff) {
    return with(staff, Role.ENGINE_CLIENT);
  }

  private static String[] with(String[] roles, Role role) {
    String[] all = java.util.Arrays.copyOf(roles, roles.length + 1);
    all[roles.length] = role.name();
    return all;
  }

  /**
   * Maps the identity provider's roles claim to {@link Role}s (people's, and the core banking
   * system's for its client); unknown names and {@code ENGINE_CLIENT} are ignored.
   */
  static Converter<Jwt, AbstractAuthenticationToken> roleConverter(SecurityProperties.Oidc oidc) {
    return jwt -> {
      Object claim = jwt.getClaims().get(oidc.rolesClaim());
      List<GrantedAuthority> authorities = claim instanceof Collection<?> names
          ? names.stream().map(String::valueOf)
              .filter(n -> Role.grantable().stream().anyMatch(r -> r.name().equals(n)))
              .map(n -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + n)).toList()
          : List.of();
      String name = jwt.getClaimAsString(oidc.usernameClaim());
      String user = name == null ? jwt.getSubject() : name;
      if (user == null || user.isBlank() || user.length() > InputLimits.USERNAME || !InputLimits.printable(user)) {
        // every write is recorded under this name: one that does not fit the audit trail is no identity here
        throw new InvalidBearerTokenException("the token's user name must be 1 to " + InputLimits.USERNAME
            + " characters without control characters");
      }
      return new JwtAuthenticationToken(jwt, authorities, user);
    };
  }
}
