package cn.computeloan.workspace;

import cn.computeloan.application.security.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;

/**
 * Sign-in for the staff workspace: form login ({@code /login}, fields {@code username} and
 * {@code password}) with a server-side session, CSRF protection and logout; with profile {@code oidc}
 * also the bank's identity provider by authorization code. The task API {@code /api/tasks} takes
 * the session (browser, with CSRF token) or, for scripts, basic auth or a bearer token as the rest of
 * the API does (no session, no CSRF: such a request carries its own credentials).
 *
 * <p>A chain of its own, tried before the API chains of {@code SecurityConfiguration}, on the same
 * {@link AuthenticationManager} (so the same users, bcrypt hashes and login throttling apply).
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurityConfiguration {

  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
  /** The workspace's paths; everything else stays with the API chains. */
  static final RequestMatcher WORKSPACE = new OrRequestMatcher(PATHS.matcher("/"), PATHS.matcher("/login"),
      PATHS.matcher("/logout"), PATHS.matcher("/tasks"), PATHS.matcher("/tasks/**"), PATHS.matcher("/api/tasks"),
      PATHS.matcher("/api/tasks/**"), PATHS.matcher("/assets/**"), PATHS.matcher("/vendor/**"),
      PATHS.matcher("/applications"), PATHS.matcher("/applications/**"), PATHS.matcher("/processes"),
      PATHS.matcher("/processes/**"), PATHS.matcher("/oauth2/**"), PATHS.matcher("/login/oauth2/**"));
  /** The applications pages: a refusal there is a page, not JSON. */
  static final RequestMatcher APPLICATION_PAGES = new OrRequestMatcher(PATHS.matcher("/applications"),
      PATHS.matcher("/applications/**"));
  static final RequestMatcher TASK_API = new OrRequestMatcher(PATHS.matcher("/api/tasks"),
      PATHS.matcher("/api/tasks/**"));

  @Bean
  @Order(0)
  SecurityFilterChain workspaceFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
      ObjectProvider<ClientRegistrationRepository> oidcClients, ObjectProvider<JwtDecoder> jwtDecoder,
      OidcRoles oidcRoles, ITemplateEngine templates, LocaleResolver locales) throws Exception {
    http.securityMatcher(WORKSPACE)
        .authenticationManager(authenticationManager)
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(PATHS.matcher("/login"), PATHS.matcher("/assets/**"), PATHS.matcher("/vendor/**"))
            .permitAll()
            // intake: new applications and their first documents
            .requestMatchers(PATHS.matcher("/applications/new"), PATHS.matcher("/applications/new/**"))
            .hasRole(Role.INTAKE_OFFICER.name())
            .requestMatchers(PATHS.matcher(HttpMethod.GET, "/applications"))
            .hasAnyRole(WorkspaceRoles.names(WorkspaceRoles.APPLICATION_SEARCH))
            // a case, its memo and its documents: read-only pages for the people who decide or check it
            .requestMatchers(PATHS.matcher(HttpMethod.GET, "/applications/**"))
            .hasAnyRole(WorkspaceRoles.names(WorkspaceRoles.CASE_READERS))
            .requestMatchers(PATHS.matcher("/applications/**")).denyAll()
            // process owners deploy; auditors and administrators read what is deployed
            .requestMatchers(PATHS.matcher(HttpMethod.POST, "/processes/deployments"))
            .hasRole(Role.PROCESS_OWNER.name())
            .requestMatchers(PATHS.matcher(HttpMethod.GET, "/processes"), PATHS.matcher(HttpMethod.GET, "/processes/**"))
            .hasAnyRole(WorkspaceRoles.names(WorkspaceRoles.PROCESS_READERS))
            .requestMatchers(PATHS.matcher("/processes"), PATHS.matcher("/processes/**")).denyAll()
            .anyRequest().hasAnyRole(Role.staffNames()))
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/tasks", false)
            .failureUrl("/login?error").permitAll())
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
            .deleteCookies("JSESSIONID"))
        .httpBasic(basic -> basic.authenticationEntryPoint(API_UNAUTHORIZED))
        // A request with its own credentials (basic, bearer) is not riding on a browser's session.
        .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
        .exceptionHandling(ex -> ex
            .defaultAuthenticationEntryPointFor(API_UNAUTHORIZED, TASK_API)
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
            .defaultAccessDeniedHandlerFor(API_FORBIDDEN, TASK_API)
            .defaultAccessDeniedHandlerFor(new DeniedPage(templates, locales), APPLICATION_PAGES));
    if (oidcClients.getIfAvailable() != null) {
      http.oauth2Login(oauth -> oauth.loginPage("/login").defaultSuccessUrl("/tasks", false)
          .userInfoEndpoint(user -> user.userAuthoritiesMapper(oidcRoles::map)));
    }
    if (jwtDecoder.getIfAvailable() != null) {
      http.oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.decoder(jwtDecoder.getIfAvailable())
          .jwtAuthenticationConverter(oidcRoles::token)));
    }
    return http.build();
  }

  private static final AuthenticationEntryPoint API_UNAUTHORIZED = (request, response, e) -> {
    // No basic challenge for the pages' own calls: a browser would cache typed-in credentials.
    if (request.getHeader("X-Requested-With") == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"compute-loan\"");
    }
    problem(response, 401, "Unauthorized", "请先登录 / log in first");
  };

  private static final AccessDeniedHandler API_FORBIDDEN = (request, response, e) ->
      problem(response, 403, "Forbidden", "您的岗位不能执行此操作，或页面已过期请刷新 / your role does not allow this, "
          + "or the page is stale (CSRF token): reload it");

  private static void problem(HttpServletResponse response, int status, String title, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\"}");
  }
}
