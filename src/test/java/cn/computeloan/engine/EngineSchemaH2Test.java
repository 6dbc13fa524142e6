package cn.computeloan.engine;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link EngineSchemaContract} on an H2 file database, as the application uses by default. */
class EngineSchemaH2Test extends EngineSchemaContract {

  @TempDir
  Path folder;

  @Override
  DataSource database() {
    return new DriverManagerDataSource("jdbc:h2:file:" + folder.resolve("db").toAbsolutePath()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
  }
}
