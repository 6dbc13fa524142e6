package cn.computeloan.engine.journal;

import cn.computeloan.engine.EngineSchema;
import cn.computeloan.testsupport.TestPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database for journal tests, migrated by the application's and the engine's Flyway scripts: an H2 file in a
 * temporary folder, or a private schema on the test PostgreSQL ({@link TestPostgres}: embedded, or
 * the server {@code COMPUTE_LOAN_TEST_POSTGRES_URL} names) that is dropped afterwards, so tests
 * running at the same time never share tables.
 */
final class JournalDatabase implements AutoCloseable {

  private final String url;
  private final String user;
  private final String password;
  private final TestPostgres.Schema schema;
  private HikariDataSource dataSource;

  private JournalDatabase(String url, String user, String password, TestPostgres.Schema schema) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.schema = schema;
  }

  static JournalDatabase h2(Path folder) {
    return new JournalDatabase(h2Url(folder), "sa", "", null).migrate();
  }

  static String h2Url(Path folder) {
    return "jdbc:h2:file:" + folder.resolve("engine").toAbsolutePath()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE";
  }

  static JournalDatabase postgres() {
    TestPostgres.Schema schema = TestPostgres.newSchema("engine_journal_test");
    return new JournalDatabase(schema.url(), schema.user(), schema.password(), schema).migrate();
  }

  private JournalDatabase migrate() {
    var flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration");
    if (schema != null) {
      flyway.schemas(schema.name());
    }
    flyway.load().migrate();
    EngineSchema.migrate(new DriverManagerDataSource(url, user, password), schema == null ? null : schema.name());
    return this;
  }

  String url() {
    return url;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** A fresh pool, as a restarted application would open. */
  DataSource open() {
    closePool();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(6);
    dataSource = new HikariDataSource(config);
    return dataSource;
  }

  /** Runs one statement on a connection of its own (e.g. to inspect or damage tables); returns the update count. */
  int execute(String sql) {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Runs one statement with parameters on a connection of its own; returns the update count. */
  int update(String sql, Object... parameters) {
    try (Connection c = DriverManager.getConnection(url, user, password); var s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** A data source of its own (not the engine's pool), for inspecting tables while the engine runs. */
  DataSource separateDataSource() {
    return new org.springframework.jdbc.datasource.DriverManagerDataSource(url, user, password);
  }

  /** The single number a query answers (null as -1). */
  long queryLong(String sql) {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
        var rows = s.executeQuery(sql)) {
      rows.next();
      long value = rows.getLong(1);
      return rows.wasNull() ? -1 : value;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  void closePool() {
    if (dataSource != null) {
      dataSource.close();
      dataSource = null;
    }
  }

  @Override
  public void close() {
    closePool();
    if (schema != null) {
      schema.close();
    }
  }
}
