package cn.computeloan.engine.snapshot;

import java.time.Duration;

/**
 * When the engine takes snapshots and what it deletes afterwards.
 *
 * @param everyCommands take one after this many journalled commands (0: never by count)
 * @param interval take one when this time has passed and at least one command was journalled since
 *     the last (null or zero: never by time)
 * @param onShutdown take one when the engine closes
 * @param compact after a snapshot, delete older snapshots and the journal entries they cover
 * @param retain how many snapshots compaction keeps (at least 1); the journal is kept from the
 *     oldest kept one on, so each kept snapshot can still be restored if a newer one is damaged
 */
public record SnapshotSettings(long everyCommands, Duration interval, boolean onShutdown, boolean compact, int retain) {

  public SnapshotSettings {
    if (retain < 1) {
      throw new IllegalArgumentException("compute-loan.engine.snapshot.compaction.retain must be at least 1");
    }
  }

  /** The defaults: every 50,000 commands or 10 minutes, at shutdown; compaction keeping two snapshots. */
  public static SnapshotSettings defaults() {
    return new SnapshotSettings(50_000, Duration.ofMinutes(10), true, true, 2);
  }

  boolean byTime() {
    return interval != null && !interval.isZero() && !interval.isNegative();
  }
}
