package cn.computeloan.engine.record;

import java.util.List;

/**
 * Receives the records of each processed command, in log order, on the engine's processing thread,
 * after the command's state changes are complete. Implementations must be quick and must not call
 * back into the engine's command API.
 */
@FunctionalInterface
public interface RecordListener {
  void onRecords(List<Record> records);

  /** The engine forgot everything (testing API purge, also when the journal replays one). */
  default void onPurged() {}
}
