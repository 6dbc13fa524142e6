package cn.computeloan.engine.snapshot;

import cn.computeloan.engine.journal.Journal;
import cn.computeloan.engine.record.RecordListener;
import cn.computeloan.engine.state.EngineState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's snapshots: restores the newest usable one at start, takes new ones (after a number
 * of commands, after an interval, at shutdown) on a thread of its own, and compacts the journal.
 *
 * <p>Taking one: under the engine lock the state is copied ({@link StateCapture}, and each
 * {@link SnapshotParticipant}'s export) together with the journal position P it reflects; that is
 * the only pause. Then, without the lock, the snapshot waits until the journal has committed P (it
 * never holds a command that might not survive), is written and compressed to the database, and
 * finally compaction deletes snapshots beyond the retained ones and the journal entries up to the
 * oldest retained snapshot.
 */
public final class EngineSnapshots {

  private static final Logger LOG = LoggerFactory.getLogger(EngineSnapshots.class);

  /**
   * What a snapshot cost: the engine's pause (of which copying the participants' state took
   * {@code participantsMicros}), the time to write it, its compressed size, the journal entries compaction deleted.
   */
  public record Taken(long position, long pauseMicros, long participantsMicros, long writeMillis, long sizeBytes,
      long journalDeleted) {}

  private record Captured(SnapshotCodec.Content content, long participantsMicros) {}

  private final SnapshotHost host;
  private final Journal journal;
  private final SnapshotStore store;
  private final SnapshotSettings settings;
  private final List<RecordListener> listeners;
  private final Object monitor = new Object();
  private long commandsSince;
  private boolean requested;
  private volatile boolean running;
  private volatile long lastPosition = -1;
  private volatile Taken lastTaken;
  private Thread thread;

  public EngineSnapshots(SnapshotHost host, Journal journal, SnapshotStore store, SnapshotSettings settings,
      List<RecordListener> listeners) {
    this.host = host;
    this.journal = journal;
    this.store = store;
    this.settings = settings;
    this.listeners = listeners;
  }

  private List<SnapshotParticipant> participants() {
    return listeners.stream().filter(SnapshotParticipant.class::isInstance).map(SnapshotParticipant.class::cast)
        .toList();
  }

  /**
   * The participants by their part's name in the snapshot; a second participant of one name (two
   * read models) is {@code name#2}, and so on, in the order they were added.
   */
  private Map<String, SnapshotParticipant> named() {
    Map<String, SnapshotParticipant> named = new LinkedHashMap<>();
    for (SnapshotParticipant p : participants()) {
      String name = p.snapshotName();
      for (int n = 2; named.containsKey(name); n++) {
        name = p.snapshotName() + "#" + n;
      }
      named.put(name, p);
    }
    return named;
  }

  /**
   * Restores the newest snapshot that can be read and whose journal continuation exists, falling
   * back to older ones and then to the whole journal; returns the position to replay after.
   *
   * @throws IllegalStateException when no snapshot can be restored and the journal no longer starts
   *     at its first entry: starting would lose acknowledged commands
   */
  public long restore() {
    List<SnapshotStore.Info> snapshots = store.list();
    long first = journal.firstPosition();
    Map<String, Class<?>> types = new LinkedHashMap<>();
    named().forEach((name, p) -> types.put(name, p.stateType()));
    for (SnapshotStore.Info info : snapshots) {
      if (first > info.position() + 1) {
        LOG.error("Engine snapshot at position {} cannot be used: the journal starts at {}", info.position(), first);
        continue;
      }
      try {
        long begin = System.nanoTime();
        SnapshotCodec.Content content = store.read(info, in -> SnapshotCodec.read(in, types));
        if (content.position() != info.position()) {
          throw new SnapshotException("the snapshot says position " + content.position(), null);
        }
        long read = System.nanoTime();
        EngineState restored = StateRestore.restore(content.engine(),
            host::parseDecisions);
        long rebuilt = System.nanoTime();
        importParticipants(content);
        apply(restored, content.engine(), info.position());
        lastPosition = info.position();
        long end = System.nanoTime();
        LOG.info("Engine snapshot at position {} restored in {} ms: read and parsed {} ms, engine state rebuilt {} ms, "
            + "participants imported {} ms", info.position(), (end - begin) / 1_000_000, (read - begin) / 1_000_000,
            (rebuilt - read) / 1_000_000, (end - rebuilt) / 1_000_000);
        return info.position();
      } catch (RuntimeException e) {
        LOG.error("Engine snapshot at position {} cannot be restored; trying an older one or the journal",
            info.position(), e);
        participants().forEach(SnapshotParticipant::discardState);
      }
    }
    if (first > 1 || (first == 0 && !snapshots.isEmpty())) {
      throw new IllegalStateException(("No engine snapshot could be restored (" + snapshots.size()
          + " stored) and the journal no longer starts at entry 1 (it starts at " + first + "): refusing to start "
          + "without the commands they held. Repair the newest snapshot or restore the database from a backup."));
    }
    return 0;
  }

  private void importParticipants(SnapshotCodec.Content content) {
    for (Map.Entry<String, SnapshotParticipant> p : named().entrySet()) {
      Object part = content.parts().get(p.getKey());
      if (part == null) {
        throw new SnapshotException("the snapshot has no state for " + p.getKey(), null);
      }
      p.getValue().importState(part);
    }
  }

  private void apply(EngineState restored, EngineStateData data, long position) {
    host.lock().lock();
    try {
      host.installState(restored, data);
    } finally {
      host.lock().unlock();
    }
  }

  public void start() {
    running = true;
    thread = new Thread(this::loop, "engine-snapshot");
    thread.setDaemon(true);
    thread.start();
  }

  /** Under the engine lock, after a command: counts journalled commands and asks for a snapshot when due. */
  public void journalled(int entries) {
    commandsSince += entries;
    if (settings.everyCommands() > 0 && commandsSince >= settings.everyCommands()) {
      request();
    }
  }

  private void request() {
    synchronized (monitor) {
      requested = true;
      monitor.notifyAll();
    }
  }

  private void loop() {
    long intervalMillis = settings.interval() == null ? 0 : settings.interval().toMillis();
    long due = intervalMillis > 0 ? System.currentTimeMillis() + intervalMillis : Long.MAX_VALUE;
    while (running) {
      synchronized (monitor) {
        long wait = Math.min(due - System.currentTimeMillis(), 60_000);
        if (!requested && running && wait > 0) {
          try {
            monitor.wait(wait);
          } catch (InterruptedException e) {
            return;
          }
        }
        if (!running) {
          return;
        }
        boolean timeUp = System.currentTimeMillis() >= due;
        if (!requested && !timeUp) {
          continue;
        }
        requested = false;
      }
      due = intervalMillis > 0 ? System.currentTimeMillis() + intervalMillis : Long.MAX_VALUE;
      try {
        take();
      } catch (RuntimeException e) {
        LOG.error("Engine snapshot failed; the journal keeps everything, the next attempt follows", e);
      }
    }
  }

  /**
   * Takes a snapshot now (unless nothing was journalled since the last one) and compacts; returns
   * what it cost, or null when there was nothing new.
   */
  public synchronized Taken take() {
    long begin = System.nanoTime();
    Captured captured = capture();
    long pause = (System.nanoTime() - begin) / 1_000;
    if (captured == null) {
      return null;
    }
    SnapshotCodec.Content content = captured.content();
    journal.awaitDurable(content.position());
    long writeBegin = System.nanoTime();
    SnapshotStore.Info info = store.write(content.position(), System.currentTimeMillis(), SnapshotCodec.FORMAT,
        out -> SnapshotCodec.write(content, out));
    long writeMillis = (System.nanoTime() - writeBegin) / 1_000_000;
    lastPosition = content.position();
    long deleted = settings.compact() ? compact() : 0;
    Taken taken = new Taken(info.position(), pause, captured.participantsMicros(), writeMillis, info.sizeBytes(),
        deleted);
    lastTaken = taken;
    LOG.info("Engine snapshot at position {}: engine paused {} µs ({} µs of it copying the read model), written in {} "
        + "ms, {} bytes; {} journal entries deleted", taken.position(), pause, captured.participantsMicros(),
        writeMillis, info.sizeBytes(), deleted);
    return taken;
  }

  private Captured capture() {
    host.lock().lock();
    try {
      long position = host.journalPosition();
      if (position == lastPosition || position == 0) {
        return null;
      }
      // records are queued under the lock and fed to listeners after it: feed what is queued (all of it up
      // to the position), so the participants have seen exactly the records of the commands up to it
      host.flushDeliveries();
      Map<String, SnapshotParticipant> participants = named();
      participants.values().forEach(SnapshotParticipant::beforeSnapshot);
      EngineStateData state = host.captureState();
      long begin = System.nanoTime();
      Map<String, Object> parts = new LinkedHashMap<>();
      participants.forEach((name, p) -> parts.put(name, p.exportState()));
      commandsSince = 0;
      synchronized (monitor) {
        // a request made before this copy is answered by it; left pending, it would take another
        // snapshot right after this one, however few commands came in between
        requested = false;
      }
      return new Captured(new SnapshotCodec.Content(position, state, parts), (System.nanoTime() - begin) / 1_000);
    } finally {
      host.lock().unlock();
    }
  }

  /** Keeps the newest {@code retain} snapshots and the journal after the oldest of them. */
  private long compact() {
    List<SnapshotStore.Info> snapshots = store.list();
    if (snapshots.size() < settings.retain()) {
      return 0;
    }
    long keepFrom = snapshots.get(settings.retain() - 1).position();
    store.deleteOlderThan(keepFrom);
    return store.deleteJournalUpTo(keepFrom);
  }

  /** Whether a snapshot was asked for and not yet taken (for tests). */
  boolean requested() {
    synchronized (monitor) {
      return requested;
    }
  }

  public Taken lastTaken() {
    return lastTaken;
  }

  /** Stops the thread; takes a last snapshot if configured (the journal must still be open). */
  public void close() {
    running = false;
    request();
    if (thread != null) {
      try {
        thread.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (settings.onShutdown()) {
      try {
        take();
      } catch (RuntimeException e) {
        LOG.error("Engine snapshot at shutdown failed; the journal keeps everything", e);
      }
    }
  }
}
