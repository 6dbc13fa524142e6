package cn.computeloan.application.security;

import cn.computeloan.credit.InputLimits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users from configuration, with bcrypt password hashes. A configured user without a hash gets
 * the development password if one is set ({@code COMPUTE_LOAN_DEV_PASSWORD}); otherwise that user
 * cannot log in, and start-up says so once.
 */
public final class UserDirectory implements UserDetailsService {

  private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);

  private final Map<String, UserDetails> users = new LinkedHashMap<>();

  /**
   * @param engineClientEnabled whether the embedded engine's client account exists
   */
  public UserDirectory(SecurityProperties properties, PasswordEncoder encoder, boolean engineClientEnabled) {
    String devPassword = properties.devPassword();
    String devHash = devPassword == null || devPassword.isBlank() ? null : encoder.encode(devPassword);
    List<String> disabled = new ArrayList<>();
    List<String> dev = new ArrayList<>();
    for (SecurityProperties.User u : properties.users()) {
      checkName(u.username());
      if (u.roles().contains(Role.ENGINE_CLIENT)) {
        throw new IllegalStateException("user " + u.username() + ": ENGINE_CLIENT is not a role for people");
      }
      String hash = u.passwordHash();
      if (hash == null || hash.isBlank()) {
        if (devHash == null) {
          disabled.add(u.username());
          continue;
        }
        hash = devHash;
        dev.add(u.username());
      }
      add(u.username(), hash, u.roles());
    }
    if (engineClientEnabled) {
      add(properties.engineClient().username(), encoder.encode(properties.engineClient().password()),
          List.of(Role.ENGINE_CLIENT));
    }
    if (!dev.isEmpty()) {
      LOG.warn("Development log-in: users {} use the password from COMPUTE_LOAN_DEV_PASSWORD. "
          + "Give each user a bcrypt password-hash (or use the oidc profile) outside development.", dev);
    }
    if (!disabled.isEmpty()) {
      LOG.warn("Users {} have no password-hash and COMPUTE_LOAN_DEV_PASSWORD is not set: they cannot log in.",
          disabled);
    }
  }

  /** Every write is recorded under the user's name: one that does not fit would fail in the database. */
  private static void checkName(String username) {
    if (username == null || username.isBlank() || username.length() > InputLimits.USERNAME
        || !InputLimits.printable(username)) {
      throw new IllegalStateException("user name '" + username + "' must be 1 to " + InputLimits.USERNAME
          + " characters without control characters");
    }
  }

  private void add(String username, String hash, Collection<Role> roles) {
    checkName(username);
    List<GrantedAuthority> authorities = roles.stream()
        .map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList();
    if (users.putIfAbsent(username, User.withUsername(username).password(hash).authorities(authorities).build()) != null) {
      throw new IllegalStateException("user " + username + " is configured twice");
    }
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    UserDetails user = users.get(username);
    if (user == null) {
      throw new UsernameNotFoundException("unknown user");
    }
    return User.withUserDetails(user).build();
  }

  /** Whether {@code username} can log in (a configured user with a password, or the engine client). */
  public boolean knows(String username) {
    return users.containsKey(username);
  }

  /** The roles of a known user, for attributing writes that name only the user. */
  public Optional<List<String>> roles(String username) {
    return Optional.ofNullable(users.get(username)).map(u -> u.getAuthorities().stream()
        .map(a -> a.getAuthority().substring("ROLE_".length())).toList());
  }
}
