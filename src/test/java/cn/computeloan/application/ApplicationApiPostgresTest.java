package cn.computeloan.application;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application API on PostgreSQL (127.0.0.1:5432, database test, as CI starts it), in a schema
 * of its own that is dropped afterwards, so that parallel runs never meet.
 */
class ApplicationApiPostgresTest extends ApplicationApiTestBase {

  static final String URL = System.getProperty("compute-loan.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String SCHEMA = "app_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("spring.flyway.schemas", () -> SCHEMA);
    registry.add("spring.flyway.create-schemas", () -> "true");
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
      c.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }
}
