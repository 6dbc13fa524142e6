package cn.computeloan.application;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The database an application under {@link ApplicationKillTest} keeps, and outlives it: an H2 file in
 * a temporary folder, or a schema of its own in the machine's PostgreSQL (127.0.0.1:5432, database
 * {@code test}), dropped at the end.
 */
record KillTestDatabase(String url, String user, String schema) implements AutoCloseable {

  static final String POSTGRES_URL =
      System.getProperty("compute-loan.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");

  static KillTestDatabase h2(Path folder) {
    return new KillTestDatabase("jdbc:h2:file:" + folder.resolve("compute-loan").toAbsolutePath()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE", "sa", null);
  }

  static KillTestDatabase postgres() {
    String schema = "app_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new KillTestDatabase(POSTGRES_URL + "?currentSchema=" + schema, "postgres", schema);
  }

  /** The application's datasource (and Flyway schema) properties. */
  Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("spring.datasource.url", url);
    p.put("spring.datasource.username", user);
    p.put("spring.datasource.password", "");
    if (schema != null) {
      p.put("spring.flyway.schemas", schema);
      p.put("spring.flyway.create-schemas", "true");
    }
    return p;
  }

  /** A connection of the test's own (for H2 only once no application holds the file). */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  @Override
  public void close() throws SQLException {
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(POSTGRES_URL, user, ""); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
