package cn.computeloan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The engine's tables under the engine's own Flyway history, on a fresh database and on one created
 * when the application's history held the engine's migrations too ({@link EngineSchemaH2Test},
 * {@link EngineSchemaPostgresTest}).
 */
abstract class EngineSchemaContract {

  private static final List<String> ENGINE_VERSIONS = List.of("100", "110", "111", "112");

  abstract DataSource database();

  /** The application's Flyway as application.yml configures it. */
  Flyway applicationFlyway() {
    return Flyway.configure().dataSource(database()).locations("classpath:db/migration").outOfOrder(true)
        .ignoreMigrationPatterns("*:future", "*:missing").load();
  }

  /** The single history of earlier releases: the application's and the engine's migrations together. */
  FluentConfiguration oldSingleHistory() {
    return Flyway.configure().dataSource(database()).locations("classpath:db/migration", EngineSchema.LOCATION)
        .outOfOrder(true);
  }

  @Test
  void shouldKeepEngineMigrationsInTheirOwnHistoryOnAFreshDatabase() {
    // given a fresh database the application migrated
    applicationFlyway().migrate();

    // when the engine migrates
    EngineSchema.migrate(database(), null);

    // then its tables exist, its migrations are in its own history and none in the application's
    assertThat(count("SELECT COUNT(*) FROM engine_journal")).isZero();
    assertThat(count("SELECT COUNT(*) FROM engine_history_document")).isZero();
    assertThat(versions("engine_schema_history")).containsAll(ENGINE_VERSIONS);
    assertThat(versions("flyway_schema_history")).noneMatch(v -> Integer.parseInt(v) >= 100);
  }

  @Test
  void shouldTakeOverAnOldSingleHistoryWithoutRunningEngineMigrationsAgain() {
    // given a database from before the split, with a journal entry
    oldSingleHistory().load().migrate();
    execute("INSERT INTO engine_journal (position, recorded_at, command_type, payload) "
        + "VALUES (1, 0, 'purge', '{\"type\":\"purge\"}')");

    // when the application and then the engine migrate with this release
    applicationFlyway().migrate();
    EngineSchema.migrate(database(), null);

    // then the application does not miss the engine's versions, the engine history starts at the
    // newest of them, and nothing was created again
    assertThat(applicationFlyway().validateWithResult().validationSuccessful).isTrue();
    assertThat(versions("engine_schema_history")).containsExactly("112");
    assertThat(count("SELECT COUNT(*) FROM engine_journal")).isEqualTo(1);
    EngineSchema.migrate(database(), null);
    assertThat(versions("engine_schema_history")).containsExactly("112");
  }

  @Test
  void shouldRunOnlyTheEngineMigrationsAnOldDatabaseDidNotHaveYet() {
    // given a database from before the split that has the engine's migrations up to V110 only
    oldSingleHistory().target("110").load().migrate();

    // when the engine migrates
    applicationFlyway().migrate();
    EngineSchema.migrate(database(), null);

    // then it continues after V110
    assertThat(versions("engine_schema_history")).containsExactly("110", "111", "112");
    assertThat(count("SELECT COUNT(*) FROM engine_snapshot")).isZero();
  }

  /** Versions a history table records as applied (baseline included), in order of installation. */
  List<String> versions(String table) {
    List<String> versions = new ArrayList<>();
    try (Connection c = database().getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT version FROM " + table
            + " WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return versions;
  }

  long count(String sql) {
    try (Connection c = database().getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  void execute(String sql) {
    try (Connection c = database().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
