package cn.computeloan.engine.journal;

/** Restart tests on PostgreSQL (127.0.0.1:5432, database test), each database a private schema. */
class EngineRestartPostgresTest extends EngineRestartContract {

  @Override
  JournalDatabase newDatabase() {
    return JournalDatabase.postgres();
  }
}
