package cn.computeloan.engine.journal;

/** Snapshot tests on PostgreSQL (TestPostgres: embedded, or COMPUTE_LOAN_TEST_POSTGRES_URL), each database a private schema. */
class EngineSnapshotPostgresTest extends EngineSnapshotContract {

  @Override
  JournalDatabase newDatabase() {
    return JournalDatabase.postgres();
  }
}
