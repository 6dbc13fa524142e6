package cn.computeloan.engine.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The /v2 API needs basic auth; tests log in as the application's engine client, whose test-only
 * credentials surefire puts in the environment (pom.xml), where the Camunda client finds them too.
 */
public final class EngineClientCredentials {

  private EngineClientCredentials() {}

  /** The value of an {@code Authorization} header for the engine client. */
  public static String authorization() {
    String user = System.getenv().getOrDefault("CAMUNDA_BASIC_AUTH_USERNAME", "compute-loan-engine");
    String password = System.getenv().getOrDefault("CAMUNDA_BASIC_AUTH_PASSWORD", "");
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
