package cn.computeloan.engine;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own tables (journal, snapshots, history archive), migrated by the engine's own Flyway
 * from {@code classpath:db/engine} with its own history table {@value #HISTORY_TABLE}, so the engine
 * can live beside any application and its Flyway history.
 *
 * <p>Databases from before the split have the engine's migrations (V100..V112) in the application's
 * {@code flyway_schema_history}: when the engine's tables exist but its history does not, the engine
 * history is baselined at the newest engine version found there, and only newer engine migrations
 * run. The application's Flyway must then ignore those versions it no longer has
 * ({@code spring.flyway.ignore-migration-patterns: "*:future,*:missing"}).
 */
public final class EngineSchema {

  public static final String LOCATION = "classpath:db/engine";
  public static final String HISTORY_TABLE = "engine_schema_history";
  /** The first engine migration; the application's history recorded engine migrations from here. */
  static final int FIRST_ENGINE_VERSION = 100;
  private static final String OLD_HISTORY_TABLE = "flyway_schema_history";
  private static final Logger LOG = LoggerFactory.getLogger(EngineSchema.class);

  private final boolean migrated;

  private EngineSchema(boolean migrated) {
    this.migrated = migrated;
  }

  /** No database: the engine keeps everything in memory. */
  public static EngineSchema none() {
    return new EngineSchema(false);
  }

  /** Whether the engine's tables were migrated (false without a database). */
  public boolean migrated() {
    return migrated;
  }

  /**
   * Brings the engine's tables up to date.
   *
   * @param schema the schema to migrate (null or blank: the connection's default)
   */
  public static EngineSchema migrate(DataSource dataSource, String schema) {
    FluentConfiguration config = Flyway.configure().dataSource(dataSource).locations(LOCATION).table(HISTORY_TABLE)
        // the application's tables are there already: that alone is no reason to refuse
        .baselineOnMigrate(true).baselineVersion("0").failOnMissingLocations(true);
    if (schema != null && !schema.isBlank()) {
      config.schemas(schema);
    }
    String inherited = inheritedVersion(dataSource, schema);
    if (inherited != null) {
      LOG.info("Engine schema history starts at version {}, taken over from {}", inherited, OLD_HISTORY_TABLE);
      config.baselineVersion(inherited).baselineDescription("engine migrations taken over from " + OLD_HISTORY_TABLE);
    }
    config.load().migrate();
    return new EngineSchema(true);
  }

  /**
   * The newest engine version the application's history applied, when the engine has no history of
   * its own yet; null otherwise.
   */
  private static String inheritedVersion(DataSource dataSource, String schema) {
    try (Connection connection = dataSource.getConnection()) {
      String inSchema = schema == null || schema.isBlank() ? connection.getSchema() : schema;
      if (tableExists(connection, inSchema, HISTORY_TABLE) || !tableExists(connection, inSchema, OLD_HISTORY_TABLE)) {
        return null;
      }
      String table = inSchema == null ? OLD_HISTORY_TABLE : quoted(connection, inSchema) + "." + OLD_HISTORY_TABLE;
      // versions are text in Flyway's table; the engine's are whole numbers from 100 on
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT version FROM " + table + " WHERE success AND version IS NOT NULL")) {
        int newest = -1;
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            newest = Math.max(newest, engineVersion(rows.getString(1)));
          }
        }
        return newest < FIRST_ENGINE_VERSION ? null : Integer.toString(newest);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the application's Flyway history", e);
    }
  }

  private static int engineVersion(String version) {
    try {
      int major = Integer.parseInt(version.contains(".") ? version.substring(0, version.indexOf('.')) : version);
      return major >= FIRST_ENGINE_VERSION ? major : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean tableExists(Connection connection, String schema, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String name : new String[] {table, table.toUpperCase()}) {
      for (String inSchema : schema == null ? new String[] {null} : new String[] {schema, schema.toUpperCase()}) {
        try (ResultSet rows = meta.getTables(null, inSchema, name, new String[] {"TABLE"})) {
          if (rows.next()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String quoted(Connection connection, String identifier) throws SQLException {
    String quote = connection.getMetaData().getIdentifierQuoteString();
    return quote + identifier.replace(quote, quote + quote) + quote;
  }
}
