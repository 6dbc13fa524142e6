package cn.computeloan.application.security;

import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Accepts only tokens issued for this application: after the decoder's own checks (signature,
 * issuer, expiry: Spring Boot's decoder for {@code issuer-uri} applies the default issuer
 * validators), the {@code aud} claim must contain the configured audience. Without it a token the
 * bank's identity provider issued for any other application would be accepted here.
 */
final class AudienceJwtDecoder implements JwtDecoder {

  private final JwtDecoder delegate;
  private final String audience;

  AudienceJwtDecoder(JwtDecoder delegate, String audience) {
    this.delegate = delegate;
    this.audience = audience;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Jwt jwt = delegate.decode(token);
    List<String> audiences = jwt.getAudience();
    if (audiences == null || !audiences.contains(audience)) {
      OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
          "the token's audience (aud) does not name this application", null);
      throw new JwtValidationException(error.getDescription(), List.of(error));
    }
    return jwt;
  }
}
