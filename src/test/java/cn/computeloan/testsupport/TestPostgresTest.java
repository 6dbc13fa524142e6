package cn.computeloan.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.computeloan.testsupport.TestPostgres.Schema;
import cn.computeloan.testsupport.TestPostgres.Server;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

  private static final Server EMBEDDED = new Server("jdbc:postgresql://localhost:1/postgres", "postgres", "", true);

  @Test
  void shouldUseTheNamedServerWithoutStartingOneWhenTheUrlVariableIsSet() {
    // given: an environment that names an external server and its user
    Map<String, String> environment = Map.of(TestPostgres.URL_VARIABLE, "jdbc:postgresql://db.example:5432/test",
        TestPostgres.USER_VARIABLE, "ci", TestPostgres.PASSWORD_VARIABLE, "secret");
    AtomicInteger started = new AtomicInteger();

    // when
    Server server = TestPostgres.resolve(environment::get, () -> {
      started.incrementAndGet();
      return EMBEDDED;
    });

    // then: that server, as that user; nothing embedded is started
    assertThat(server).isEqualTo(new Server("jdbc:postgresql://db.example:5432/test", "ci", "secret", false));
    assertThat(started).hasValue(0);
  }

  @Test
  void shouldDefaultToUserPostgresWithoutPasswordWhenOnlyTheUrlIsSet() {
    // when
    Server server = TestPostgres.resolve(Map.of(TestPostgres.URL_VARIABLE, "jdbc:postgresql://127.0.0.1:5432/test")::get,
        () -> EMBEDDED);

    // then
    assertThat(server.user()).isEqualTo("postgres");
    assertThat(server.password()).isEmpty();
    assertThat(server.embedded()).isFalse();
  }

  @Test
  void shouldStartTheEmbeddedServerWhenNoUrlIsSet() {
    // when: the variable is missing, or blank
    Server unset = TestPostgres.resolve(Map.<String, String>of()::get, () -> EMBEDDED);
    Server blank = TestPostgres.resolve(Map.of(TestPostgres.URL_VARIABLE, " ")::get, () -> EMBEDDED);

    // then
    assertThat(unset).isSameAs(EMBEDDED);
    assertThat(blank).isSameAs(EMBEDDED);
  }

  @Test
  void shouldKeepTheUrlParametersWhenAddingTheSchema() {
    // given
    Server withParameters = new Server("jdbc:postgresql://h/test?sslmode=disable", "u", "", false);

    // then
    assertThat(EMBEDDED.urlFor("s1")).isEqualTo("jdbc:postgresql://localhost:1/postgres?currentSchema=s1");
    assertThat(withParameters.urlFor("s1")).isEqualTo("jdbc:postgresql://h/test?sslmode=disable&currentSchema=s1");
  }

  @Test
  void shouldGiveEachCallerASchemaOfItsOwnAndDropItOnClose() throws SQLException {
    // given: two schemas on the test server, a table in the first
    Schema first = TestPostgres.newSchema("tp_test");
    try (Schema second = TestPostgres.newSchema("tp_test")) {
      execute(first, "CREATE TABLE probe (id int)");

      // then: the second does not see it; they are different schemas
      assertThat(second.name()).isNotEqualTo(first.name());
      assertThatThrownBy(() -> execute(second, "SELECT * FROM probe")).isInstanceOf(SQLException.class)
          .hasMessageContaining("probe");
    }

    // when: the first is closed
    first.close();

    // then: it is gone
    try (Connection c = first.server().connect(); Statement s = c.createStatement();
        var rows = s.executeQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '"
            + first.name() + "'")) {
      rows.next();
      assertThat(rows.getInt(1)).isZero();
    }
  }

  private static void execute(Schema schema, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(schema.url(), schema.user(), schema.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
