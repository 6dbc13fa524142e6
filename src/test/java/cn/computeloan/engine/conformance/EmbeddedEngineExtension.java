package cn.computeloan.engine.conformance;

import cn.computeloan.ComputeLoanApplication;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Starts the application with its embedded engine once per test JVM, on the port that {@code
 * camunda-container-runtime.properties} gives Camunda Process Test's remote runtime, with the
 * testing API (clock, purge) switched on and a private in-memory database. Its users: the engine
 * client, {@code demo} (ADMIN: Camunda Process Test's credentials for the testing API) and one analyst.
 */
public final class EmbeddedEngineExtension implements BeforeAllCallback {

  /** The port of {@code remote.client.restAddress} in {@code camunda-container-runtime.properties}. */
  static final int PORT = configuredPort();
  /** What Camunda Process Test sends to the testing API in multi-tenancy mode, and nothing else can make it send. */
  static final String CPT_USER = "demo";
  static final String CPT_PASSWORD = "demo";
  /** A person (CREDIT_ANALYST) of the test application. */
  static final String PERSON = "analyst";
  static final String PERSON_PASSWORD = "analyst-" + java.util.UUID.randomUUID();
  private static ConfigurableApplicationContext application;

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  private static int configuredPort() {
    try (var in = EmbeddedEngineExtension.class.getResourceAsStream("/camunda-container-runtime.properties")) {
      var properties = new java.util.Properties();
      properties.load(in);
      return java.net.URI.create(properties.getProperty("remote.client.restAddress")).getPort();
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalStateException("camunda-container-runtime.properties must name remote.client.restAddress", e);
    }
  }

  public static synchronized ConfigurableApplicationContext start() {
    if (application == null) {
      PasswordEncoder bcrypt = new BCryptPasswordEncoder();
      // command-line arguments outrank application.yml
      application = new SpringApplicationBuilder(ComputeLoanApplication.class).run(
          "--server.port=" + PORT,
          "--compute-loan.engine.testing-api.enabled=true",
          // The only users: CPT's fixed management credentials (see camunda-container-runtime.properties) as
          // an admin, and one person to show that other roles may not use the testing API.
          "--compute-loan.security.users[0].username=" + CPT_USER,
          "--compute-loan.security.users[0].password-hash=" + bcrypt.encode(CPT_PASSWORD),
          "--compute-loan.security.users[0].roles=ADMIN",
          "--compute-loan.security.users[1].username=" + PERSON,
          "--compute-loan.security.users[1].password-hash=" + bcrypt.encode(PERSON_PASSWORD),
          "--compute-loan.security.users[1].roles=CREDIT_ANALYST",
          // process tests seed and inspect the in-memory case file; the application's API tests use the JDBC one
          "--compute-loan.process.case-file=in-memory",
          "--spring.datasource.url=jdbc:h2:mem:conformance;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
          "--spring.main.banner-mode=off",
          // a loaded CI machine can take longer than the client's 10 s default for the start-up deployment
          "--camunda.client.request-timeout=PT60S");
      Runtime.getRuntime().addShutdownHook(new Thread(application::close));
    }
    return application;
  }
}
