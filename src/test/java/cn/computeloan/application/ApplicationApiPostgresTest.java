package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application API on PostgreSQL ({@link TestPostgres}: the embedded one, or the server that
 * {@code COMPUTE_LOAN_TEST_POSTGRES_URL} names), in a schema of its own that is dropped afterwards,
 * so that parallel runs never meet.
 */
class ApplicationApiPostgresTest extends ApplicationApiTestBase {

  static final TestPostgres.Schema SCHEMA = TestPostgres.newSchema("app_it");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", SCHEMA::url);
    registry.add("spring.datasource.username", SCHEMA::user);
    registry.add("spring.datasource.password", SCHEMA::password);
    registry.add("spring.flyway.schemas", SCHEMA::name);
  }

  /** The deployment log's insert (one statement for H2 and PostgreSQL) on PostgreSQL: the start-up deployment. */
  @Test
  void shouldRecordTheStartUpDeploymentInTheDeploymentLog() {
    var rows = jdbc.sql("SELECT kind, resource_name, sha256, deployed_by FROM deployment_log WHERE definition_id = ?")
        .param("EsgDiscountDefinitions").query().listOfRows();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsEntry("kind", "DECISION_REQUIREMENTS").containsEntry("resource_name", "esg-discount.dmn")
        .containsEntry("deployed_by", "compute-loan start-up");
    assertThat((String) rows.get(0).get("sha256")).hasSize(64);
  }

  @AfterAll
  static void dropSchema() {
    SCHEMA.close();
  }
}
