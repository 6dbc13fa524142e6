package cn.computeloan.engine.snapshot;

import cn.computeloan.engine.journal.JournalException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an H2 file database from growing without bound while the journal commits with {@code
 * WRITE_DELAY 0}.
 *
 * <p>H2 writes every commit as a new chunk of copy-on-write pages; a chunk's space is reused only
 * once none of its pages is live. Its own housekeeping (rewriting the live pages of sparse chunks)
 * runs on the store's background writer, and H2 stops that thread when the write delay is 0 — which
 * the journal needs, so that each commit is in the file before the engine answers. Left alone, the
 * archive's B-tree pages that are never touched again pin one chunk after another: the file grew by
 * ~200 KB per completed instance with 13 % of it live. This thread does the rewriting instead, every
 * {@code interval}, when the live share of the chunks drops below {@code targetFillRate}; rewritten
 * pages go out with the next commit and the emptied chunks are reused after H2's retention time.
 * Compaction takes H2's store lock only for a bounded amount of rewriting per round.
 *
 * <p>Uses H2's engine classes (embedded mode only), so it is started only for an H2 file
 * database; PostgreSQL reclaims space with autovacuum.
 */
public final class H2StoreCompaction implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(H2StoreCompaction.class);

  /** What one round found and did. */
  public record Round(long fileBytes, int chunksFillRateBefore, int chunksFillRateAfter, boolean rewrote) {
  }

  private final DataSource dataSource;
  private final Duration interval;
  private final int targetFillRate;
  private final int writeLimitBytes;
  private final AtomicLong rounds = new AtomicLong();
  private final AtomicLong rewrites = new AtomicLong();
  private volatile boolean running = true;
  private final Thread thread;

  private H2StoreCompaction(DataSource dataSource, Duration interval, int targetFillRate, int writeLimitBytes) {
    this.dataSource = dataSource;
    this.interval = interval;
    this.targetFillRate = targetFillRate;
    this.writeLimitBytes = writeLimitBytes;
    this.thread = new Thread(this::loop, "engine-h2-compaction");
    this.thread.setDaemon(true);
  }

  /**
   * Starts compaction when {@code dataSource} is an embedded, file-based H2 database and {@code
   * interval} is positive; otherwise nothing.
   *
   * @param targetFillRate live share of the chunks (percent) below which a round rewrites
   * @param writeLimitBytes how many bytes of live pages one round may rewrite at most
   */
  public static Optional<H2StoreCompaction> startIfH2File(DataSource dataSource, Duration interval, int targetFillRate,
      int writeLimitBytes) {
    if (interval.isZero() || interval.isNegative()) {
      return Optional.empty();
    }
    if (targetFillRate < 1 || targetFillRate > 100 || writeLimitBytes < 1) {
      throw new IllegalArgumentException("H2 compaction needs a target fill rate of 1-100 % and a positive write limit");
    }
    try (Connection connection = dataSource.getConnection()) {
      if (store(connection) == null) {
        return Optional.empty();
      }
    } catch (SQLException e) {
      throw new JournalException("Could not inspect the database for H2 compaction", e);
    }
    H2StoreCompaction compaction = new H2StoreCompaction(dataSource, interval, targetFillRate, writeLimitBytes);
    compaction.thread.start();
    LOG.info("H2 store compaction every {} below {} % live chunk space", interval, targetFillRate);
    return Optional.of(compaction);
  }

  /** The file-backed MVStore behind {@code connection}, or null for anything else. */
  private static MVStore store(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)) {
      return null;
    }
    if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
      return null; // a remote (TCP) H2 server compacts in its own process
    }
    var database = session.getDatabase();
    if (!database.isPersistent() || database.getStore() == null) {
      return null;
    }
    MVStore store = database.getStore().getMvStore();
    return store.getFileStore() == null ? null : store;
  }

  /** One round: rewrites live pages of sparse chunks if the live share is below the target. */
  public Round compactOnce() {
    try (Connection connection = dataSource.getConnection()) {
      MVStore store = store(connection);
      if (store == null || store.isClosed()) {
        return new Round(0, 100, 100, false);
      }
      FileStore<?> file = store.getFileStore();
      int before = file.getChunksFillRate();
      boolean rewrote = before < targetFillRate && store.compact(targetFillRate, writeLimitBytes);
      rounds.incrementAndGet();
      if (rewrote) {
        rewrites.incrementAndGet();
      }
      return new Round(file.size(), before, file.getChunksFillRate(), rewrote);
    } catch (SQLException e) {
      throw new JournalException("Could not compact the H2 store", e);
    }
  }

  /** Rounds run and rounds that rewrote pages, since start. */
  public long[] statistics() {
    return new long[] {rounds.get(), rewrites.get()};
  }

  private void loop() {
    while (running) {
      try {
        synchronized (this) {
          wait(interval.toMillis());
        }
        if (running) {
          compactOnce();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The database may be closing, or busy; the next round tries again.
        LOG.warn("H2 store compaction round failed: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    // Never interrupt: an interrupt during H2's file I/O closes its FileChannel and with it the store.
    synchronized (this) {
      notifyAll();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("H2 store compaction stopped after {} rounds, {} of them rewriting", rounds.get(), rewrites.get());
  }
}
