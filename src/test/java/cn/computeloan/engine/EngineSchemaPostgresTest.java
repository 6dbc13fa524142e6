package cn.computeloan.engine;

import cn.computeloan.testsupport.TestPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link EngineSchemaContract} on PostgreSQL, in a schema of its own ({@link TestPostgres}). */
class EngineSchemaPostgresTest extends EngineSchemaContract {

  private TestPostgres.Schema schema;

  @Override
  DataSource database() {
    if (schema == null) {
      schema = TestPostgres.newSchema("engine_schema_test");
    }
    return new DriverManagerDataSource(schema.url(), schema.user(), schema.password());
  }

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      schema.close();
    }
  }
}
