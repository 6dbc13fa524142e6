package cn.computeloan.engine.processing;

import cn.computeloan.engine.snapshot.EngineSnapshots;
import cn.computeloan.engine.api.*;
import cn.computeloan.engine.api.EngineCommand;
import cn.computeloan.engine.journal.Journal;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.processing.behavior.RecordWriter;
import cn.computeloan.engine.record.RecordListener;
import cn.computeloan.engine.snapshot.SnapshotSettings;
import cn.computeloan.engine.snapshot.SnapshotStore;
import cn.computeloan.engine.state.ElementInstance;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>This class is the engine's lifecycle (restore, replay, scheduler, snapshots, close) and its
 * public command API; the path of a command under the lock is {@link CommandPipeline}.
 */
public final class EmbeddedEngine implements EngineCommands, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);

  private final Journal journal;
  private final CommandPipeline pipeline;

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
   * listeners that are {@link cn.computeloan.engine.snapshot.SnapshotParticipant}s) in {@code store}
   * (null: none); call {@link #start()} once listeners are attached.
   */
  public EmbeddedEngine(Clock systemClock, Journal journal, SnapshotStore store, SnapshotSettings settings) {
    this.journal = journal;
    this.pipeline = new CommandPipeline(systemClock, journal, store, settings);
  }

  /**
   * Restores the newest usable snapshot (if any), replays the journal after it (listeners receive
   * those records again, so projections catch up), then starts the scheduler, which fires what fell
   * due while the engine was down. Idempotent.
   *
   * @throws IllegalStateException when neither a snapshot nor the journal can restore what was acknowledged
   */
  public synchronized void start() {
    if (pipeline.isStarted()) {
      return;
    }
    long begin = System.nanoTime();
    EngineSnapshots snapshots = pipeline.snapshots();
    long from = snapshots == null ? 0 : snapshots.restore();
    pipeline.replayFrom(from);
    long last = journal.replay(from, pipeline::replay);
    pipeline.markStarted(last);
    pipeline.scheduler().start();
    if (snapshots != null) {
      snapshots.start();
    }
    if (last > 0) {
      LOG.info("Engine started at journal position {}: {} entries replayed after {} in {} ms", last, last - from,
          from == 0 ? "the start" : "the snapshot at " + from, (System.nanoTime() - begin) / 1_000_000);
    }
  }

  private <T> T execute(EngineCommand command) {
    return pipeline.execute(command);
  }

  /**
   * Journal entries that failed when the engine replayed them at start (each is logged at WARN with
   * its position and command type); the application exposes it as the metric {@code
   * compute_loan.engine.journal.replay.failures}.
   */
  public long replayFailures() {
    return pipeline.replayFailures();
  }

  /** Entries and commits of the journal so far (the group commit's batch size is their ratio). */
  public Journal.Statistics journalStatistics() {
    return journal.statistics();
  }

  /**
   * Takes a snapshot now (tests, benchmarks, operations) and compacts as configured; null when
   * snapshots are off or nothing was journalled since the last one.
   */
  public EngineSnapshots.Taken snapshotNow() {
    pipeline.awaitStarted();
    EngineSnapshots snapshots = pipeline.snapshots();
    return snapshots == null ? null : snapshots.take();
  }

  static CreatedInstance created(ElementInstance root, Map<String, Object> variables) {
    ExecutableProcess p = root.process();
    return new CreatedInstance(p.key(), p.bpmnProcessId(), p.version(), root.key(), RecordWriter.TENANT, variables);
  }

  @Override
  public DeploymentResult deploy(List<DeploymentResource> resources, String tenantId) {
    return execute(new EngineCommand.Deploy(resources));
  }

  @Override
  public CompletableFuture<CreatedInstance> createProcessInstance(CreateInstanceCommand command) {
    return execute(command);
  }

  @Override
  public void cancelProcessInstance(long processInstanceKey) {
    execute(new EngineCommand.CancelInstance(processInstanceKey));
  }

  @Override
  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobsCommand command) {
    return execute(command);
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
    return this.<Long>execute(c);
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
    pipeline.awaitJournalled();
  }

  @Override
  public Instant currentTime() {
    return pipeline.clock().now();
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
    pipeline.delivery().add(listener);
  }

  /**
   * Stops the scheduler and answers waiting long polls, takes the shutdown snapshot (if configured);
   * the journal writes what it holds.
   */
  @Override
  public void close() {
    pipeline.scheduler().stop();
    if (!pipeline.isStarted()) {
      journal.close();
      return;
    }
    pipeline.clearWaiters();
    EngineSnapshots snapshots = pipeline.snapshots();
    if (snapshots != null) {
      snapshots.close();
    }
    journal.close();
  }
}
