package cn.computeloan.workspace;

import cn.computeloan.application.security.Role;
import cn.computeloan.application.security.SecurityProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Roles from the identity provider (profile {@code oidc}): the roles claim lists {@link Role} names,
 * unknown names are ignored; the username claim names the person. Used for the workspace's
 * authorization-code login and for bearer tokens on the task API.
 */
@Component
public class OidcRoles {

  private final SecurityProperties.Oidc oidc;

  public OidcRoles(SecurityProperties properties) {
    this.oidc = properties.oidc();
  }

  /** Authorities of a user who logged in with the authorization code (ID token and user info claims). */
  public Collection<? extends GrantedAuthority> map(Collection<? extends GrantedAuthority> granted) {
    Set<GrantedAuthority> roles = new LinkedHashSet<>();
    for (GrantedAuthority a : granted) {
      if (a instanceof OidcUserAuthority oidcUser) {
        roles.addAll(roles(oidcUser.getIdToken().getClaims()));
        if (oidcUser.getUserInfo() != null) {
          roles.addAll(roles(oidcUser.getUserInfo().getClaims()));
        }
      } else if (a instanceof OAuth2UserAuthority user) {
        roles.addAll(roles(user.getAttributes()));
      }
    }
    return roles;
  }

  /** A bearer token's authentication. */
  public AbstractAuthenticationToken token(Jwt jwt) {
    String name = jwt.getClaimAsString(oidc.usernameClaim());
    return new JwtAuthenticationToken(jwt, roles(jwt.getClaims()), name == null ? jwt.getSubject() : name);
  }

  List<GrantedAuthority> roles(Map<String, Object> claims) {
    List<GrantedAuthority> roles = new ArrayList<>();
    if (claims.get(oidc.rolesClaim()) instanceof Collection<?> names) {
      for (Object name : names) {
        Role.staff().stream().filter(r -> r.name().equals(String.valueOf(name)))
            .forEach(r -> roles.add(new SimpleGrantedAuthority(r.authority())));
      }
    }
    return roles;
  }
}
