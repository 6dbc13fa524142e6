package cn.computeloan.engine.processing;

import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.EngineCommand;
import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.expression.FeelEvaluator;
import cn.computeloan.engine.journal.CommandCodec;
import cn.computeloan.engine.journal.Journal;
import cn.computeloan.engine.journal.JournalEntry;
import cn.computeloan.engine.journal.JournalException;
import cn.computeloan.engine.processing.behavior.EngineClock;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.processing.behavior.RecordWriter;
import cn.computeloan.engine.processing.element.ProcessorRegistry;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.snapshot.EngineSnapshots;
import cn.computeloan.engine.snapshot.EngineStateData;
import cn.computeloan.engine.snapshot.SnapshotHost;
import cn.computeloan.engine.snapshot.SnapshotSettings;
import cn.computeloan.engine.snapshot.SnapshotStore;
import cn.computeloan.engine.snapshot.StateCapture;
import cn.computeloan.engine.state.EngineState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path every command takes through the engine: under the engine lock, with the clock frozen, it
 * runs with all its follow-ups, long polls it made servable are served, and whatever changed state
 * is appended to the journal in processing order. Outside the lock the records go to the listeners,
 * the caller waits until the journal has committed, and only then are the answers (futures of
 * other callers, long polls) completed. Replay during start takes the same path without journalling.
 *
 * <p>{@link EmbeddedEngine} owns the lifecycle (restore, replay, scheduler, snapshots, close) and the
 * public command API; this class owns the lock and everything that happens under it.
 */
final class CommandPipeline implements SnapshotHost {

  private static final Logger LOG = LoggerFactory.getLogger(CommandPipeline.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final EngineClock clock;
  private final EngineState state = new EngineState();
  private final RecordWriter writer;
  private final ProcessingContext ctx;
  private final JobWaiters waiters;
  private final InstanceResults results;
  private final CommandHandler handler;
  private final Scheduler scheduler;
  private final Journal journal;
  private final RecordDelivery delivery = new RecordDelivery();
  private final EngineSnapshots snapshots;
  private final List<Runnable> afterUnlock = new ArrayList<>();
  private final List<EngineCommand> servedActivations = new ArrayList<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private long journalPosition;
  /** The journal ticket of the last append, so that readers of delivered records can await it. */
  private volatile long lastTicket;
  private volatile JournalException journalFailure;
  private final AtomicLong replayFailures = new AtomicLong();

  CommandPipeline(Clock systemClock, Journal journal, SnapshotStore store, SnapshotSettings settings) {
    this.journal = journal;
    this.clock = new EngineClock(systemClock);
    this.writer = new RecordWriter(clock);
    this.waiters = new JobWaiters(this);
    this.results = new InstanceResults(this);
    this.ctx = new ProcessingContext(state, writer, clock, new FeelEvaluator(clock::now), new ProcessorRegistry(),
        waiters::jobsAvailable, results::finished);
    this.handler = new CommandHandler(state, ctx, writer, clock, waiters, results, delivery::purged);
    this.scheduler = new Scheduler(this);
    this.snapshots = store == null ? null : new EngineSnapshots(this, journal, store, settings, delivery.listeners());
  }

  /** Runs a command as the engine's answer to a caller; its result is the command's. */
  @SuppressWarnings("unchecked")
  <T> T execute(EngineCommand command) {
    return (T) process(command, () -> handler.handle(command, false));
  }

  /** Runs a step that changes no state (a long poll or result timing out) under the engine lock. */
  <T> T run(Supplier<T> step) {
    return process(null, step);
  }

  /** Re-runs a journalled command during start, at the time it first ran, delivering its records again. */
  void replay(JournalEntry entry) {
    lock.lock();
    try {
      clock.freeze(entry.time());
      try {
        handler.handle(entry.command(), true);
        ctx.drain();
        waiters.serve();
      } catch (RuntimeException e) {
        // A refused command that had changed state is journalled and fails again here, as it did when it
        // ran; a failure may also mean the replayed state differs from the one the command first met.
        // Either way it is counted and reported, by position and type only: the payload may hold
        // business data.
        replayFailures.incrementAndGet();
        LOG.warn("Journal entry {} ({}) failed on replay: {}; its effects are skipped", entry.position(),
            CommandCodec.typeName(entry.command()), e instanceof EngineException refusal ? refusal.reason() : e.getClass().getName());
        LOG.debug("Journal entry {} failed on replay", entry.position(), e);
      }
      delivery.records(writer.drain());
      delivery.flush();
      afterUnlock.clear();
      servedActivations.clear();
      journalPosition = entry.position();
    } finally {
      clock.unfreeze();
      lock.unlock();
    }
  }

  /**
   * Runs a command under the engine lock, journals it if it changed anything, waits until the
   * journal holds it, then delivers its pending answers.
   */
  private <T> T process(EngineCommand command, Supplier<T> body) {
    awaitStarted();
    List<Runnable> answers;
    boolean reschedule = false;
    long ticket = -1;
    T result = null;
    RuntimeException failure = null;
    lock.lock();
    try {
      JournalException failed = journalFailure;
      if (failed != null) {
        // the cause is in the journal's ERROR log line; the caller learns no database details
        throw new EngineException(EngineException.Reason.UNAVAILABLE,
            "The engine stopped accepting commands: its journal failed");
      }
      long now = clock.millis();
      clock.freeze(now);
      long keyBefore = state.peekKey();
      try {
        result = body.get();
        ctx.drain();
        waiters.serve();
      } catch (RuntimeException e) {
        failure = e;
      } finally {
        List<Record> records = writer.drain();
        List<JournalEntry> entries = new ArrayList<>(1 + servedActivations.size());
        if (command != null && (!records.isEmpty() || state.peekKey() != keyBefore || command.alwaysJournalled())) {
          entries.add(new JournalEntry(++journalPosition, now, command));
        }
        for (EngineCommand served : servedActivations) {
          entries.add(new JournalEntry(++journalPosition, now, served));
        }
        servedActivations.clear();
        if (!entries.isEmpty()) {
          ticket = journal.append(entries);
          if (snapshots != null) {
            snapshots.journalled(entries.size());
          }
          lastTicket = ticket;
        } else if (!records.isEmpty()) {
          LOG.warn("A step that was not journalled wrote {} records", records.size());
        }
        delivery.records(records);
        reschedule = changesSchedule(records);
        answers = List.copyOf(afterUnlock);
        afterUnlock.clear();
        clock.unfreeze();
      }
    } finally {
      lock.unlock();
    }
    delivery.flush();
    if (ticket >= 0) {
      try {
        journal.awaitDurable(ticket);
      } catch (JournalException e) {
        journalFailure = e;
        throw new EngineException(EngineException.Reason.UNAVAILABLE,
            "The command could not be stored durably: " + e.getMessage());
      }
    }
    answers.forEach(Runnable::run);
    if (reschedule) {
      scheduler.wake();
    }
    if (failure != null) {
      throw failure;
    }
    return result;
  }

  /** Journalled entries that failed when they were replayed since this pipeline was made. */
  long replayFailures() {
    return replayFailures.get();
  }

  private static boolean changesSchedule(List<Record> records) {
    for (Record record : records) {
      boolean changes = switch (record.valueType()) {
        case TIMER, CLOCK, MESSAGE -> true;
        case JOB -> "FAILED".equals(record.intent()) || "TIMEOUT_UPDATED".equals(record.intent());
        default -> false;
      };
      if (changes) {
        return true;
      }
    }
    return false;
  }

  /** Commands wait (at most five minutes) until the engine has replayed its journal. */
  void awaitStarted() {
    try {
      if (!started.await(5, TimeUnit.MINUTES)) {
        throw new EngineException(EngineException.Reason.UNAVAILABLE, "The engine has not started");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(EngineException.Reason.UNAVAILABLE, "Interrupted while waiting for the engine to start");
    }
  }

  boolean isStarted() {
    return started.getCount() == 0;
  }

  /** Replay is over: the journal ends at {@code position}, and commands may run. */
  void markStarted(long position) {
    journalPosition = position;
    started.countDown();
  }

  /** Replay begins after a snapshot taken at {@code position} (0: from the start of the journal). */
  void replayFrom(long position) {
    journalPosition = position;
  }

  /** Waits until the journal has committed the last command whose records were delivered. */
  void awaitJournalled() {
    long ticket = lastTicket;
    if (ticket > 0) {
      journal.awaitDurable(ticket);
    }
  }

  /** Feeds the listeners everything queued so far, in order (see {@link RecordDelivery#flush()}). */
  @Override
  public void flushDeliveries() {
    delivery.flush();
  }

  /** Completes a future after the lock is released, so client code never runs under it. */
  void answerLater(Runnable answer) {
    afterUnlock.add(answer);
  }

  /** A long poll was served while another command ran: the activation is a command of its own in the journal. */
  void activatedForWaiter(ActivateJobsCommand command) {
    servedActivations.add(command);
  }

  /** Fires due timers, times out jobs and expires messages; returns the next due time. */
  long processDue() {
    return this.<Long>execute(new EngineCommand.ProcessDue());
  }

  /** Answers every waiting long poll with no jobs (shutdown). */
  void clearWaiters() {
    run(() -> {
      waiters.clear();
      return null;
    });
  }

  @Override
  public EngineStateData captureState() {
    return StateCapture.capture(ctx.state(), ctx.writer().position(), clock.pinned(), clock.offsetMillis());
  }

  @Override
  public Object parseDecisions(String resourceName, byte[] resource) {
    return ctx.decisions().parse(resourceName, resource);
  }

  @Override
  public void installState(EngineState restored, EngineStateData data) {
    ctx.state().restoreFrom(restored);
    ctx.writer().restorePosition(data.recordPosition());
    EngineStateData.ClockData saved = data.clock();
    clock.restore(saved.pinnedMillis() == null ? null : Instant.ofEpochMilli(saved.pinnedMillis()),
        saved.offsetMillis());
  }

  ProcessingContext context() { return ctx; }
  @Override
  public long journalPosition() { return journalPosition; }
  EngineClock clock() { return clock; }
  @Override
  public ReentrantLock lock() { return lock; }
  Scheduler scheduler() { return scheduler; }
  EngineSnapshots snapshots() { return snapshots; }
  RecordDelivery delivery() { return delivery; }
}
