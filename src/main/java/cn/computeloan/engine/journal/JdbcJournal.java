package cn.computeloan.engine.journal;

import cn.computeloan.engine.api.EngineCommand;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal in the application's database (table {@code engine_journal}, created by Flyway). One
 * writer thread takes whatever has been queued, inserts it as one JDBC batch and commits once
 * (group commit), then wakes every command waiting for those positions.
 */
public final class JdbcJournal implements Journal {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcJournal.class);
  private static final int MAX_BATCH = 2000;

  private final DataSource dataSource;
  private final long lingerNanos;
  private final LinkedBlockingQueue<JournalEntry> queue = new LinkedBlockingQueue<>();
  private final Object durableMonitor = new Object();
  private volatile long durable;
  private volatile JournalException failure;
  private volatile boolean running = true;
  private volatile long entriesWritten;
  private volatile long commits;
  private volatile long payloadChars;
  private final Thread writer;

  public JdbcJournal(DataSource dataSource) {
    this(dataSource, Duration.ZERO);
  }

  /**
   * @param linger how long the writer may wait for more entries after the first of a batch before it
   *     commits: fewer, larger commits (each H2 commit writes a chunk of its own) for that much more
   *     latency per command; zero commits whatever is queued at once
   */
  public JdbcJournal(DataSource dataSource, Duration linger) {
    this.dataSource = dataSource;
    this.lingerNanos = linger.toNanos();
    this.writer = new Thread(this::writeLoop, "engine-journal-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  @Override
  public long firstPosition() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT MIN(position) FROM engine_journal");
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new JournalException("Could not read the engine journal", e);
    }
  }

  @Override
  public long replay(long after, Consumer<JournalEntry> consumer) {
    long last = after;
    try (Connection connection = dataSource.getConnection()) {
      flushCommitsAtOnce(connection);
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT position, recorded_at, payload FROM engine_journal WHERE position > ? ORDER BY position")) {
        select.setLong(1, after);
        select.setFetchSize(1000);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            long position = rows.getLong(1);
            if (position != last + 1) {
              throw new JournalException("The engine journal has no entry " + (last + 1) + " (next is " + position
                  + "): entries were deleted that no snapshot covers", null);
            }
            EngineCommand command = CommandCodec.read(rows.getString(3));
            consumer.accept(new JournalEntry(position, rows.getLong(2), command));
            last = position;
          }
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new JournalException("Could not read the engine journal after position " + last, e);
    }
    synchronized (durableMonitor) {
      durable = Math.max(durable, last);
    }
    return last;
  }

  /**
   * H2 writes committed transactions to its file only every 500 ms by default, so a process killed
   * just after a commit would lose it: the journal needs each commit written at once.
   */
  private static void flushCommitsAtOnce(Connection connection) throws SQLException {
    if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
      try (var statement = connection.createStatement()) {
        statement.execute("SET WRITE_DELAY 0");
      }
    }
  }

  @Override
  public long append(List<JournalEntry> entries) {
    JournalException failed = failure;
    if (failed != null) {
      throw failed;
    }
    if (!running) {
      throw new JournalException("The engine journal is closed", null);
    }
    queue.addAll(entries);
    return entries.isEmpty() ? durable : entries.get(entries.size() - 1).position();
  }

  @Override
  public void awaitDurable(long position) {
    if (durable >= position) {
      return;
    }
    synchronized (durableMonitor) {
      while (durable < position && failure == null) {
        if (!writer.isAlive()) {
          throw new JournalException("The engine journal stopped before position " + position + " was written", null);
        }
        try {
          durableMonitor.wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new JournalException("Interrupted while waiting for the journal", e);
        }
      }
    }
    if (durable < position) {
      throw failure;
    }
  }

  private void writeLoop() {
    List<JournalEntry> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        JournalEntry first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        linger(batch);
        write(batch);
        entriesWritten += batch.size();
        commits++;
        long last = batch.get(batch.size() - 1).position();
        synchronized (durableMonitor) {
          durable = last;
          durableMonitor.notifyAll();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | JsonProcessingException | RuntimeException e) {
        LOG.error("The engine journal failed; the engine acknowledges no further command", e);
        synchronized (durableMonitor) {
          failure = new JournalException("The engine journal could not write", e);
          durableMonitor.notifyAll();
        }
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void linger(List<JournalEntry> batch) throws InterruptedException {
    long deadline = System.nanoTime() + lingerNanos;
    for (long left = lingerNanos; left > 0 && batch.size() < MAX_BATCH; left = deadline - System.nanoTime()) {
      JournalEntry next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      batch.add(next);
      queue.drainTo(batch, MAX_BATCH - batch.size());
    }
  }

  private void write(List<JournalEntry> batch) throws SQLException, JsonProcessingException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO engine_journal (position, recorded_at, command_type, payload) VALUES (?, ?, ?, ?)")) {
        for (JournalEntry entry : batch) {
          insert.setLong(1, entry.position());
          insert.setLong(2, entry.time());
          insert.setString(3, CommandCodec.typeName(entry.command()));
          String payload = CommandCodec.write(entry.command());
          payloadChars += payload.length();
          insert.setString(4, payload);
          insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** Only the writer thread updates the counters; readers may see a batch half counted. */
  @Override
  public Statistics statistics() {
    return new Statistics(entriesWritten, commits, payloadChars);
  }

  /** Writes what is queued, then stops the writer. */
  @Override
  public void close() {
    running = false;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("Engine journal closed: {} entries written in {} commits", entriesWritten, commits);
  }
}
