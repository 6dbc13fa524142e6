package cn.computeloan.application.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With the embedded engine, the application is both the /v2 server and its only client, so the
 * client's secret need not exist outside this process: unless {@code
 * compute-loan.security.engine-client.password} is configured (tests, or external tools such as
 * Modeler that must deploy), a random one is generated at every start.
 */
public class EngineClientPasswordGenerator implements EnvironmentPostProcessor {

  static final String PROPERTY = "compute-loan.security.engine-client.password";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String configured = environment.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return;
    }
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    environment.getPropertySources().addFirst(new MapPropertySource("generatedEngineClientPassword",
        Map.of(PROPERTY, Base64.getUrlEncoder().withoutPadding().encodeToString(secret))));
  }
}
