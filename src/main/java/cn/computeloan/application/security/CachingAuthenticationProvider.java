package cn.computeloan.application.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Basic authentication sends the password with every request, and bcrypt is deliberately slow
 * (tens of milliseconds). This provider remembers a successful check for a short time, keyed by an
 * HMAC of user and password under a per-process random key (the password itself is never kept), so
 * that a busy client costs one bcrypt per {@code ttl}, not one per request. Failures are never cached.
 */
public final class CachingAuthenticationProvider implements AuthenticationProvider {

  private static final int MAX_ENTRIES = 10_000;

  private final AuthenticationProvider delegate;
  private final Duration ttl;
  private final Clock clock;
  /**
   * One keyed HMAC per thread: {@code Mac.getInstance} and {@code init} (provider lookup, key set-up)
   * cost about three times the hashing itself, on every request (docs/benchmarks.md, "HTTP request
   * cost"). A Mac is not thread-safe; {@code doFinal} resets it for the next use.
   */
  private final ThreadLocal<Mac> macs;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(Authentication authentication, Instant expires) {}

  public CachingAuthenticationProvider(AuthenticationProvider delegate, Duration ttl, Clock clock) {
    this.delegate = delegate;
    this.ttl = ttl;
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
    });
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    if (!(authentication.getCredentials() instanceof String password)) {
      return delegate.authenticate(authentication);
    }
    String id = fingerprint(authentication.getName(), password);
    Instant now = clock.instant();
    Entry hit = cache.get(id);
    if (hit != null && hit.expires().isAfter(now)) {
      return hit.authentication();
    }
    Authentication result = delegate.authenticate(authentication);
    if (result != null && result.isAuthenticated()) {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(id, new Entry(UsernamePasswordAuthenticationToken.authenticated(
          result.getPrincipal(), null, result.getAuthorities()), now.plus(ttl)));
    }
    return result;
  }

  private String fingerprint(String user, String password) {
    Mac mac = macs.get();
    mac.update(user.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return delegate.supports(authentication);
  }
}
