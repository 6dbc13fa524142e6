package cn.computeloan.engine.query;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes finished process instances from the read model, in memory and in the history archive,
 * once they ended longer ago than the retention period ({@code
 * compute-loan.engine.history.retention}, default 30 days), by the engine clock. Runs in the
 * background at a fixed interval.
 */
public final class HistoryRetention implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);

  private final ReadModel readModel;
  private final Duration retention;
  private final Supplier<Instant> now;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "engine-history-retention");
    thread.setDaemon(true);
    return thread;
  });

  public HistoryRetention(ReadModel readModel, Duration retention, Supplier<Instant> now) {
    if (retention.isNegative()) {
      throw new IllegalArgumentException("compute-loan.engine.history.retention must not be negative: " + retention);
    }
    this.readModel = readModel;
    this.retention = retention;
    this.now = now;
  }

  /** Checks every {@code interval}. */
  public HistoryRetention every(Duration interval) {
    executor.scheduleWithFixedDelay(() -> {
      try {
        runOnce();
      } catch (RuntimeException e) {
        LOG.warn("History retention failed; it will try again", e);
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Removes what has expired now; returns the number of root instances removed. */
  public int runOnce() {
    int removed = readModel.removeFinishedBefore(now.get().minus(retention));
    if (removed > 0) {
      LOG.debug("History retention removed {} finished process instances", removed);
    }
    return removed;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
