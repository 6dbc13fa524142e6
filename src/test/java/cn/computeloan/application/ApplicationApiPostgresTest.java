package cn.computeloan.application;

import cn.computeloan.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
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

  @AfterAll
  static void dropSchema() {
    SCHEMA.close();
  }
}
