package cn.computeloan.application.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users and credentials, under {@code compute-loan.security}. No password is ever in a file: a user
 * has a bcrypt {@code passwordHash}, or (development only) takes {@code devPassword}, which comes from
 * the environment variable {@code COMPUTE_LOAN_DEV_PASSWORD}.
 *
 * @param devPassword password of every configured user without a hash; blank disables those users
 * @param users the configured users
 * @param engineClient the application's own Camunda client towards the embedded engine's /v2 API
 * @param oidc claim names when tokens come from an identity provider (profile {@code oidc})
 */
@ConfigurationProperties("compute-loan.security")
public record SecurityProperties(String devPassword, List<User> users, EngineClient engineClient, Oidc oidc) {

  public SecurityProperties {
    users = users == null ? List.of() : List.copyOf(users);
    engineClient = engineClient == null ? new EngineClient(null, null) : engineClient;
    oidc = oidc == null ? new Oidc(null, null, null) : oidc;
  }

  /**
   * @param username login name
   * @param passwordHash bcrypt hash ({@code $2a$...}); null to use the dev password
   * @param roles role names ({@link Role})
   */
  public record User(String username, String passwordHash, List<Role> roles) {
    public User {
      roles = roles == null ? List.of() : List.copyOf(roles);
    }
  }

  /** @param username the client's user name on /v2; @param password its secret (generated if unset) */
  public record EngineClient(String username, String password) {
    public EngineClient {
      username = username == null || username.isBlank() ? "compute-loan-engine" : username;
    }
  }

  /**
   * @param rolesClaim claim listing role names
   * @param usernameClaim claim naming the user
   * @param audience what the token's {@code aud} claim must contain (required with OIDC)
   */
  public record Oidc(String rolesClaim, String usernameClaim, String audience) {
    public Oidc {
      rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
      usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
    }
  }
}
