package cn.computeloan.engine.journal;

/** Snapshot tests on PostgreSQL (127.0.0.1:5432, database test), each database a private schema. */
class EngineSnapshotPostgresTest extends EngineSnapshotContract {

  @Override
  JournalDatabase newDatabase() {
    return JournalDatabase.postgres();
  }
}
