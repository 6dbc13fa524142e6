package cn.computeloan.engine.journal;

/** Restart tests on PostgreSQL (TestPostgres: embedded, or COMPUTE_LOAN_TEST_POSTGRES_URL), each database a private schema. */
class EngineRestartPostgresTest extends EngineRestartContract {

  @Override
  JournalDatabase newDatabase() {
    return JournalDatabase.postgres();
  }
}
