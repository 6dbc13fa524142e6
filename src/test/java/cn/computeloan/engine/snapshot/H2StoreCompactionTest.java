package cn.computeloan.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2StoreCompactionTest {

  private static final int COMMITS = 5_000;

  @TempDir
  Path directory;

  @Test
  void shouldKeepTheFileOfAnAppendAndDeleteWorkloadSmall() throws Exception {
    // given two H2 files committing like the journal (WRITE_DELAY 0), one of them compacted
    JdbcDataSource plain = fileDatabase("plain");
    JdbcDataSource compacted = fileDatabase("compacted");
    H2StoreCompaction compaction = H2StoreCompaction.startIfH2File(compacted, Duration.ofHours(1), 50, 16 << 20)
        .orElseThrow();
    try (compaction) {
      // when both run the same workload: journal rows appended and deleted, archive rows kept for ever
      runWorkload(plain, null);
      runWorkload(compacted, compaction);

      // then the compacted store keeps most of its chunk space live and its file far smaller
      H2StoreCompaction.Round compactedState = compaction.compactOnce();
      H2StoreCompaction.Round plainState;
      try (H2StoreCompaction probe = H2StoreCompaction.startIfH2File(plain, Duration.ofHours(1), 1, 1).orElseThrow()) {
        plainState = probe.compactOnce(); // a 1 % target never rewrites: it only reads the state
      }
      assertThat(plainState.rewrote()).isFalse();
      assertThat(compaction.statistics()[1]).isPositive();
      assertThat(compactedState.chunksFillRateAfter()).isGreaterThanOrEqualTo(60)
          .isGreaterThanOrEqualTo(2 * plainState.chunksFillRateAfter());
      // The file size also depends on where H2 places new chunks in freed space, so a wider margin.
      assertThat(compactedState.fileBytes())
          .as("compacted %s against plain %s", compactedState, plainState)
          .isLessThan(plainState.fileBytes() * 85 / 100);
      assertThat(rowCount(compacted, "archive")).isEqualTo(rowCount(plain, "archive")).isEqualTo(COMMITS);
    }
  }

  @Test
  void shouldNotStartForAnInMemoryDatabaseOrWhenTurnedOff() throws SQLException {
    JdbcDataSource memory = new JdbcDataSource();
    memory.setURL("jdbc:h2:mem:compaction-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");

    assertThat(H2StoreCompaction.startIfH2File(memory, Duration.ofSeconds(1), 50, 1 << 20)).isEmpty();
    assertThat(H2StoreCompaction.startIfH2File(fileDatabase("off"), Duration.ZERO, 50, 1 << 20)).isEmpty();
  }

  private JdbcDataSource fileDatabase(String name) throws SQLException {
    JdbcDataSource dataSource = new JdbcDataSource();
    // DB_CLOSE_DELAY keeps the database open between the test's connections, as a pool would.
    dataSource.setURL("jdbc:h2:file:" + directory.resolve(name) + ";DB_CLOSE_DELAY=-1");
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET WRITE_DELAY 0");
      // Chunks may be rewritten only after the retention time (45 s by default); the test cannot wait.
      statement.execute("SET RETENTION_TIME 0");
      statement.execute("CREATE TABLE journal (position BIGINT PRIMARY KEY, payload VARCHAR(2000))");
      statement.execute("CREATE TABLE archive (id BIGINT PRIMARY KEY, payload VARCHAR(2000))");
    }
    return dataSource;
  }

  private static void runWorkload(JdbcDataSource dataSource, H2StoreCompaction compaction) throws SQLException {
    String payload = "x".repeat(600);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement journal = connection.prepareStatement("INSERT INTO journal VALUES (?, ?)");
        PreparedStatement archive = connection.prepareStatement("INSERT INTO archive VALUES (?, ?)");
        PreparedStatement trim = connection.prepareStatement("DELETE FROM journal WHERE position < ?")) {
      for (int i = 0; i < COMMITS; i++) {
        for (int j = 0; j < 5; j++) {
          journal.setLong(1, i * 5L + j);
          journal.setString(2, payload);
          journal.executeUpdate();
        }
        archive.setLong(1, i);
        archive.setString(2, payload);
        archive.executeUpdate();
        trim.setLong(1, i * 5L - 200);
        trim.executeUpdate();
        if (compaction != null && i % 100 == 99) {
          compaction.compactOnce();
        }
      }
    }
  }

  private static long rowCount(JdbcDataSource dataSource, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
