package cn.computeloan.engine.journal;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The history archive on an H2 file database. */
class HistoryArchiveH2Test extends HistoryArchiveContract {

  @TempDir
  Path folder;

  @Override
  JournalDatabase newDatabase() {
    return JournalDatabase.h2(folder);
  }
}
