package cn.computeloan.engine.snapshot;



/**
 * Something outside the engine's state that is rebuilt from the engine's records (the read model)
 * and therefore must be in the snapshot too: once the journal is compacted, its records are never
 * delivered again. A record listener that implements this is a participant of every snapshot.
 */
public interface SnapshotParticipant {

  /** The participant's name in the snapshot; stable across versions. */
  String snapshotName();

  /**
   * Called under the engine lock just before {@link #exportState()}; blocks until everything the
   * participant keeps outside the snapshot is durable.
   */
  void beforeSnapshot();

  /**
   * The participant's state after every record delivered so far, called under the engine lock (no
   * record arrives meanwhile). It must not change afterwards: it is written to JSON (with Jackson
   * and {@link cn.computeloan.engine.record.Typed} values) on another thread, after the lock is released.
   */
  Object exportState();

  /** The type {@link #exportState()} returns, to read it back. */
  Class<?> stateType();

  /** Replaces the participant's state with one that {@link #exportState()} returned; before any record. */
  void importState(Object state);

  /**
   * Forgets the state held in memory (a snapshot's state that could not be restored, before the
   * engine falls back to an older snapshot or the whole journal); keeps what the participant
   * persisted itself.
   */
  void discardState();
}
