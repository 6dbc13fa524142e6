package cn.computeloan.engine.journal;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot tests on an H2 file database (the default runtime). */
class EngineSnapshotH2Test extends EngineSnapshotContract {

  @TempDir Path folder;
  private final AtomicInteger databases = new AtomicInteger();

  @Override
  JournalDatabase newDatabase() {
    return JournalDatabase.h2(folder.resolve("db" + databases.incrementAndGet()));
  }
}
