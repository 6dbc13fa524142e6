package cn.computeloan.engine.snapshot;

import cn.computeloan.engine.state.EngineState;
import java.util.concurrent.locks.Lock;

/**
 * What the snapshot code needs of the running engine, so that it can live here without knowing the
 * engine's command pipeline (which implements this and owns {@link EngineSnapshots}).
 */
public interface SnapshotHost {

  /** The engine lock: commands are processed under it; a snapshot copies the state under it. */
  Lock lock();

  /** The journal position of the last command processed (under the lock). */
  long journalPosition();

  /** Feeds the records queued under the lock to the listeners (under the lock). */
  void flushDeliveries();

  /** The engine's state, record position and clock as snapshot data (under the lock). */
  EngineStateData captureState();

  /** Parses a deployed DMN resource again, as a restored decision needs it. */
  Object parseDecisions(String resourceName, byte[] resource);

  /** Installs a restored state, record position and clock (under the lock). */
  void installState(EngineState restored, EngineStateData data);
}
