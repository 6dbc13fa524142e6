package cn.computeloan.engine.journal;

/** The history archive on PostgreSQL (127.0.0.1:5432, database test), in a private schema. */
class HistoryArchivePostgresTest extends HistoryArchiveContract {

  @Override
  JournalDatabase newDatabase() {
    return JournalDatabase.postgres();
  }
}
