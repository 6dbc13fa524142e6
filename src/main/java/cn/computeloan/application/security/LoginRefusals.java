package cn.computeloan.application.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The answer to a failed or missing log-in, as problem+json: 429 with {@code Retry-After} for an
 * attempt the {@link LoginThrottle} refused, otherwise 401 with a basic-auth challenge. The entry
 * point of HTTP basic; a form log-in takes it as its failure handler.
 */
public final class LoginRefusals implements AuthenticationEntryPoint, AuthenticationFailureHandler {

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (e instanceof LoginThrottledException throttled) {
      response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
      ProblemResponses.write(response, 429, "TOO_MANY_REQUESTS", "too many failed log-ins for this user or from "
          + "this address; retry after " + throttled.retryAfterSeconds() + " s");
      return;
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"compute-loan\"");
    ProblemResponses.write(response, 401, "UNAUTHORIZED", "log in first");
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException e) throws IOException {
    commence(request, response, e);
  }
}
