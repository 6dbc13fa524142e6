package cn.computeloan.engine.processing;

import cn.computeloan.engine.api.*;
import cn.computeloan.engine.expression.FeelEvaluator;
import cn.computeloan.engine.journal.EngineCommand;
import cn.computeloan.engine.journal.Journal;
import cn.computeloan.engine.journal.JournalEntry;
import cn.computeloan.engine.journal.JournalException;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.RecordListener;
import cn.computeloan.engine.snapshot.SnapshotSettings;
import cn.computeloan.engine.snapshot.SnapshotStore;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.EngineState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine: one partition, one processing thread at a time (a lock), and a command loop
 * that runs each command with all its follow-ups before the next one starts. Records of each
 * command go to the {@link RecordListener}s in order.
 *
 * <p>Durability: each command that changed something is appended to the {@link Journal} under the
 * lock, in processing order, and its caller is answered only once the journal has committed it
 * (group commit: the journal writes whatever queued up in one transaction). The engine clock is
 * frozen for the duration of a command and the time stored with it, so {@link #start()} can replay
 * the journal into the same state. Commands wait until {@link #start()} has replayed.
 *
 * <p>Listeners (the read model) are fed outside the engine lock, in order, before the caller is
 * answered ({@link RecordDelivery}).
 */
public final class EmbeddedEngine implements EngineCommands, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);

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
  private final List<Runnable> afterUnlock = new ArrayList<>();
  private final List<EngineCommand> servedActivations = new ArrayList<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private final EngineSnapshots snapshots;
  private long journalPosition;
  /** The journal ticket of the last append, so that readers of delivered records can await it. */
  private volatile long lastTicket;
  private volatile JournalException journalFailure;

  /** An engine without durability (tests): it is started at once. */
  public EmbeddedEngine(Clock systemClock) {
    this(systemClock, Journal.none());
    start();
  }

  /** An engine that keeps its commands in the journal, without snapshots; call {@link #start()} once listeners are attached. */
  public EmbeddedEngine(Clock systemClock, Journal journal) {
    this(systemClock, journal, null, null);
  }

  /**
   * An engine that keeps its commands in the journal and takes snapshots of its state (and of the
   * listeners that are {@link cn.computeloan.engine.record.SnapshotParticipant}s) in {@code store}
   * (null: none); call {@link #start()} once listeners are attached.
   */
  public EmbeddedEngine(Clock systemClock, Journal journal, SnapshotStore store, SnapshotSettings settings) {
    this.journal = journal;
    this.clock = new EngineClock(systemClock);
    this.writer = new RecordWriter(clock);
    this.waiters = new JobWaiters(this);
    this.results = new InstanceResults(this);
    this.ctx = new ProcessingContext(state, writer, clock, new FeelEvaluator(clock::now), waiters::jobsAvailable,
        results::finished);
    this.handler = new CommandHandler(state, ctx, writer, clock, waiters, results,
        delivery::purged);
    this.scheduler = new Scheduler(this);
    this.snapshots = store == null ? null : new EngineSnapshots(this, journal, store, settings, delivery.listeners());
  }

  /**
   * Restores the newest usable snapshot (if any), replays the journal after it (listeners receive
   * those records again, so projections catch up), then starts the scheduler, which fires what fell
   * due while the engine was down. Idempotent.
   *
   * @throws IllegalStateException when neither a snapshot nor the journal can restore what was acknowledged
   */
  public synchronized void start() {
    if (started.getCount() == 0) {
      return;
    }
    long begin = System.nanoTime();
    long from = snapshots == null ? 0 : snapshots.restore();
    journalPosition = from;
    long last = journal.replay(from, this::replay);
    journalPosition = last;
    started.countDown();
    scheduler.start();
    if (snapshots != null) {
      snapshots.start();
    }
    if (last > 0) {
      LOG.info("Engine started at journal position {}: {} entries replayed after {} in {} ms", last, last - from,
          from == 0 ? "the start" : "the snapshot at " + from, (System.nanoTime() - begin) / 1_000_000);
    }
  }

  private void replay(JournalEntry entry) {
    lock.lock();
    try {
      clock.freeze(entry.time());
      try {
        handler.handle(entry.command(), true);
        ctx.drain();
        waiters.serve();
      } catch (RuntimeException e) {
        // it failed the same way when it first ran: the journal keeps refused commands that changed state
        LOG.debug("Replayed command {} failed as before: {}", entry.position(), e.getMessage());
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

  @SuppressWarnings("unchecked")
  private <T> T execute(EngineCommand command) {
    return (T) process(command, () -> handler.handle(command, false));
  }

  /** Runs a step that changes no state (a long poll or result timing out) under the engine lock. */
  <T> T run(Supplier<T> step) {
    return process(null, step);
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
        throw new EngineException(EngineException.Reason.UNAVAILABLE,
            "The engine stopped accepting commands: its journal failed (" + failed.getCause() + ")");
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
        reschedule = records.stream().anyMatch(EmbeddedEngine::changesSchedule);
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

  /** Feeds the listeners everything queued so far, in order (see {@link RecordDelivery#flush()}). */
  void flushDeliveries() {
    delivery.flush();
  }

  private void awaitStarted() {
    try {
      if (!started.await(5, TimeUnit.MINUTES)) {
        throw new EngineException(EngineException.Reason.UNAVAILABLE, "The engine has not started");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(EngineException.Reason.UNAVAILABLE, "Interrupted while waiting for the engine to start");
    }
  }

  private static boolean changesSchedule(Record record) {
    return switch (record.valueType()) {
      case TIMER, CLOCK, MESSAGE -> true;
      case JOB -> "FAILED".equals(record.intent()) || "TIMEOUT_UPDATED".equals(record.intent());
      default -> false;
    };
  }

  /** Completes a future after the lock is released, so client code never runs under it. */
  void answerLater(Runnable answer) {
    afterUnlock.add(answer);
  }

  /** A long poll was served while another command ran: the activation is a command of its own in the journal. */
  void activatedForWaiter(ActivateJobsCommand command) {
    servedActivations.add(new EngineCommand.ActivateJobs(command));
  }

  /** Entries and commits of the journal so far (the group commit's batch size is their ratio). */
  public Journal.Statistics journalStatistics() {
    return journal.statistics();
  }

  ProcessingContext context() { return ctx; }
  long journalPosition() { return journalPosition; }

  /**
   * Takes a snapshot now (tests, benchmarks, operations) and compacts as configured; null when
   * snapshots are off or nothing was journalled since the last one.
   */
  public EngineSnapshots.Taken snapshotNow() {
    awaitStarted();
    return snapshots == null ? null : snapshots.take();
  }
  EngineClock clock() { return clock; }
  ReentrantLock lock() { return lock; }

  @Override
  public DeploymentResult deploy(List<DeploymentResource> resources, String tenantId) {
    return execute(new EngineCommand.Deploy(resources));
  }

  @Override
  public CompletableFuture<CreatedInstance> createProcessInstance(CreateInstanceCommand command) {
    return execute(new EngineCommand.CreateInstance(command));
  }

  static CreatedInstance created(ElementInstance root, Map<String, Object> variables) {
    ExecutableProcess p = root.process();
    return new CreatedInstance(p.key(), p.bpmnProcessId(), p.version(), root.key(), RecordWriter.TENANT, variables);
  }

  @Override
  public void cancelProcessInstance(long processInstanceKey) {
    execute(new EngineCommand.CancelInstance(processInstanceKey));
  }

  @Override
  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobsCommand command) {
    return execute(new EngineCommand.ActivateJobs(command));
  }

  @Override
  public void completeJob(long jobKey, Map<String, Object> variables, JobResult result) {
    execute(new EngineCommand.CompleteJob(jobKey, variables, result));
  }

  @Override
  public void failJob(long jobKey, int retries, String errorMessage, long retryBackOffMillis, Map<String, Object> variables) {
    execute(new EngineCommand.FailJob(jobKey, retries, errorMessage, retryBackOffMillis, variables));
  }

  @Override
  public void throwError(long jobKey, String errorCode, String errorMessage, Map<String, Object> variables) {
    execute(new EngineCommand.ThrowError(jobKey, errorCode, errorMessage, variables));
  }

  @Override
  public void updateJob(long jobKey, Integer retries, Long timeoutMillis) {
    execute(new EngineCommand.UpdateJob(jobKey, retries, timeoutMillis));
  }

  @Override
  public long publishMessage(PublishMessageCommand c) {
    return this.<Long>execute(new EngineCommand.PublishMessage(c));
  }

  @Override
  public long[] correlateMessage(String name, String correlationKey, Map<String, Object> variables, String tenantId) {
    return execute(new EngineCommand.CorrelateMessage(name, correlationKey, variables));
  }

  @Override
  public long broadcastSignal(String signalName, Map<String, Object> variables, String tenantId) {
    return this.<Long>execute(new EngineCommand.BroadcastSignal(signalName, variables));
  }

  @Override
  public void resolveIncident(long incidentKey) {
    execute(new EngineCommand.ResolveIncident(incidentKey));
  }

  @Override
  public void setVariables(long elementInstanceKey, Map<String, Object> variables, boolean local) {
    execute(new EngineCommand.SetVariables(elementInstanceKey, variables, local));
  }

  @Override
  public CompletableFuture<Void> completeUserTask(long userTaskKey, Map<String, Object> variables, String action,
      String actor) {
    return outsideLock(execute(new EngineCommand.CompleteUserTask(userTaskKey, variables, action, actor)));
  }

  @Override
  public CompletableFuture<Void> assignUserTask(long userTaskKey, String assignee, String action, boolean allowOverride,
      String actor) {
    return outsideLock(execute(new EngineCommand.AssignUserTask(userTaskKey, assignee, action, allowOverride, actor)));
  }

  @Override
  public CompletableFuture<Void> unassignUserTask(long userTaskKey, String action, String actor) {
    return outsideLock(execute(new EngineCommand.AssignUserTask(userTaskKey, null, action, true, actor)));
  }

  @Override
  public CompletableFuture<Void> updateUserTask(long userTaskKey, UserTaskUpdate update, String actor) {
    return outsideLock(execute(new EngineCommand.UpdateUserTask(userTaskKey, update, actor)));
  }

  /** A listener job completed under the lock settles the answer; callers continue on another thread. */
  private static <T> CompletableFuture<T> outsideLock(CompletableFuture<T> answer) {
    return answer.isDone() ? answer : answer.thenApplyAsync(value -> value);
  }

  @Override
  public DecisionResult evaluateDecision(String decisionId, long decisionKey, Map<String, Object> variables, String tenantId) {
    return execute(new EngineCommand.EvaluateDecision(decisionId, decisionKey, variables));
  }

  @Override
  public void awaitJournalled() {
    long ticket = lastTicket;
    if (ticket > 0) {
      journal.awaitDurable(ticket);
    }
  }

  @Override
  public Instant currentTime() {
    return clock.now();
  }

  @Override
  public void pinClock(Instant instant) {
    execute(new EngineCommand.PinClock(instant.toEpochMilli()));
  }

  @Override
  public void addClockOffset(long millis) {
    execute(new EngineCommand.AddClockOffset(millis));
  }

  @Override
  public void resetClock() {
    execute(new EngineCommand.ResetClock());
  }

  @Override
  public void purge() {
    execute(new EngineCommand.Purge());
  }

  @Override
  public void addRecordListener(RecordListener listener) {
    delivery.add(listener);
  }

  /** Fires due timers, times out jobs and expires messages; returns the next due time. */
  long processDue() {
    return this.<Long>execute(new EngineCommand.ProcessDue());
  }

  /**
   * Stops the scheduler and answers waiting long polls, takes the shutdown snapshot (if configured);
   * the journal writes what it holds.
   */
  @Override
  public void close() {
    scheduler.stop();
    if (started.getCount() > 0) {
      journal.close();
      return;
    }
    run(() -> {
      waiters.clear();
      return null;
    });
    if (snapshots != null) {
      snapshots.close();
    }
    journal.close();
  }
}
