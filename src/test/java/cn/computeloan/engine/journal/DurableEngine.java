package cn.computeloan.engine.journal;

import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.processing.EmbeddedEngine;
import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.ValueType;
import cn.computeloan.engine.snapshot.SnapshotSettings;
import cn.computeloan.engine.snapshot.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * An engine on a journal database that a test can stop and start again, as an application restart
 * would: each start is a new engine, a new read model and a new connection pool on the same tables.
 */
final class DurableEngine implements AutoCloseable {

  final JournalDatabase database;
  final MutableClock clock;
  /** Null: no snapshots (the journal alone). */
  final SnapshotSettings snapshots;
  EmbeddedEngine engine;
  ReadModel readModel;
  /** With {@link #archived}: a read model of the same records that keeps everything in memory. */
  ReadModel reference;
  private final boolean archived;
  /** Every record the current engine delivered, the replayed ones first. */
  final List<Record> records = new CopyOnWriteArrayList<>();

  DurableEngine(JournalDatabase database) {
    this(database, Instant.parse("2026-01-05T08:00:00Z"));
  }

  DurableEngine(JournalDatabase database, Instant startTime) {
    this(database, startTime, false, null);
  }

  /** {@code archived}: the read model moves finished trees to the database's history archive. */
  DurableEngine(JournalDatabase database, Instant startTime, boolean archived) {
    this(database, startTime, archived, null);
  }

  /** An engine that takes snapshots as {@code snapshots} says (and when a test calls {@code snapshotNow}). */
  DurableEngine(JournalDatabase database, SnapshotSettings snapshots) {
    this(database, Instant.parse("2026-01-05T08:00:00Z"), false, snapshots);
  }

  /** Snapshots and an archiving read model. */
  DurableEngine(JournalDatabase database, boolean archived, SnapshotSettings snapshots) {
    this(database, Instant.parse("2026-01-05T08:00:00Z"), archived, snapshots);
  }

  private DurableEngine(JournalDatabase database, Instant startTime, boolean archived, SnapshotSettings snapshots) {
    this.archived = archived;
    this.database = database;
    this.clock = new MutableClock(startTime);
    this.snapshots = snapshots;
    start();
  }

  void start() {
    records.clear();
    DataSource dataSource = database.open();
    readModel = archived ? new ReadModel(dataSource) : new ReadModel();
    engine = snapshots == null ? new EmbeddedEngine(clock, new JdbcJournal(dataSource))
        : new EmbeddedEngine(clock, new JdbcJournal(dataSource), new SnapshotStore(dataSource), snapshots);
    engine.addRecordListener(records::addAll);
    engine.addRecordListener(readModel);
    readModel.durabilityBarrier(engine::awaitJournalled);
    if (archived) {
      reference = new ReadModel();
      engine.addRecordListener(reference);
    }
    engine.start();
  }

  void stop() {
    engine.close();
    readModel.close();
    database.closePool();
  }

  void restart() {
    stop();
    start();
  }

  List<ActivatedJob> activate(String type, int max) {
    return engine.activateJobs(new ActivateJobsCommand(type, "worker", Duration.ofMinutes(10).toMillis(), max, 0,
        List.of(), List.of())).join();
  }

  long count(Predicate<Record> filter) {
    return records.stream().filter(filter).count();
  }

  static Predicate<Record> is(ValueType type, String intent) {
    return r -> r.valueType() == type && r.intent().equals(intent);
  }

  /** Waits (at most 10 s) for the scheduler to write a record. */
  void awaitRecord(Predicate<Record> filter) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (records.stream().noneMatch(filter)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("no such record within 10 s");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    stop();
  }
}
