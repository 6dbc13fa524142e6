package cn.computeloan.engine.journal;

/** The history archive on PostgreSQL (TestPostgres: embedded, or COMPUTE_LOAN_TEST_POSTGRES_URL), in a private schema. */
class HistoryArchivePostgresTest extends HistoryArchiveContract {

  @Override
  JournalDatabase newDatabase() {
    return JournalDatabase.postgres();
  }
}
