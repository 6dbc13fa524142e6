package cn.computeloan.application.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The roles each person had on their latest authenticated request, for audit events written on
 * their behalf later by someone else: a listener worker records a task's decision under the name
 * of its assignee, who is not the worker's caller. A user from the identity provider (OIDC) is in
 * no configuration, so their roles are known only from their token; the filter ({@link #filter()})
 * remembers them before the request goes on, so a task completion's roles are known before the
 * completion's listener runs. Bounded: past {@code maxEntries} names the map is emptied (those
 * users are remembered again on their next request). Forgotten on restart.
 */
public final class RecentRoles {

  private static final String ENGINE_CLIENT = Role.ENGINE_CLIENT.authority();

  private final int maxEntries;
  private final ConcurrentHashMap<String, List<String>> roles = new ConcurrentHashMap<>();

  public RecentRoles(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /**
   * Remembers the roles of an authenticated person (not of the engine client). Runs on every
   * request, the engine client's job polls included: no allocation unless something changed.
   */
  public void remember(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
      return;
    }
    Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
    for (GrantedAuthority a : authorities) {
      if (ENGINE_CLIENT.equals(a.getAuthority())) {
        return;
      }
    }
    List<String> known = roles.get(authentication.getName());
    if (known != null && same(known, authorities)) {
      return;
    }
    List<String> names = authorities.stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).toList();
    if (names.isEmpty()) {
      return;
    }
    if (roles.size() >= maxEntries) {
      roles.clear();
    }
    roles.put(authentication.getName(), names);
  }

  private static boolean same(List<String> known, Collection<? extends GrantedAuthority> authorities) {
    if (known.size() != authorities.size()) {
      return false;
    }
    int i = 0;
    for (GrantedAuthority a : authorities) {
      String authority = a.getAuthority();
      String role = known.get(i);
      if (authority == null || authority.length() != "ROLE_".length() + role.length()
          || !authority.startsWith("ROLE_") || !authority.endsWith(role)) {
        return false;
      }
      i++;
    }
    return true;
  }

  /** The roles {@code username} had on their latest request since the start, if any. */
  public Optional<List<String>> roles(String username) {
    return Optional.ofNullable(roles.get(username));
  }

  int size() {
    return roles.size();
  }

  /** Remembers the authenticated caller's roles on every request that reaches it. */
  public OncePerRequestFilter filter() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        remember(SecurityContextHolder.getContext().getAuthentication());
        chain.doFilter(request, response);
      }
    };
  }
}
