package cn.computeloan.engine.record;

import java.util.List;

/**
 * Receives the records of each processed command, in log order, one batch at a time, after the
 * command's state changes are complete and before its caller is answered. Calls are not made under
 * the engine lock (the engine may already process the next command) but never overlap, so an
 * implementation needs no locking against itself; it must be quick and must not call back into the
 * engine's command API.
 */
@FunctionalInterface
public interface RecordListener {
  void onRecords(List<Record> records);

  /** The engine forgot everything (testing API purge, also when the journal replays one). */
  default void onPurged() {}
}
