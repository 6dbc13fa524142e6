package cn.computeloan.engine.journal;

import static cn.computeloan.engine.journal.DurableEngine.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.ValueType;
import cn.computeloan.engine.snapshot.SnapshotSettings;
import cn.computeloan.engine.snapshot.SnapshotStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Snapshot tests, run once per database: the engine restarts from snapshots taken at every step of
 * the restart scenario, with and without journal entries after them, after compaction, and with a
 * damaged newest snapshot; it must come back to the same state and records, lose nothing and do
 * nothing twice.
 */
abstract class EngineSnapshotContract {

  /** Snapshots only when a test asks (or at shutdown where said); no compaction unless said. */
  static final SnapshotSettings MANUAL = new SnapshotSettings(0, Duration.ZERO, false, false, 2);

  abstract JournalDatabase newDatabase();

  /** The scenario without restarts: every record by position, and the final state as a snapshot holds it. */
  private Reference reference() {
    return reference(EngineRestartScenario.steps());
  }

  private Reference reference(List<EngineRestartScenario.Step> steps) {
    try (DurableEngine engine = new DurableEngine(newDatabase(), MANUAL)) {
      Map<String, Long> keys = new HashMap<>();
      steps.forEach(step -> step.action().accept(engine, keys));
      TreeMap<Long, String> records = new TreeMap<>();
      engine.records.forEach(r -> records.put(r.position(), r.toString()));
      engine.engine.snapshotNow();
      JsonNode state = newestSnapshot(engine.database);
      engine.database.close();
      return new Reference(records, state);
    }
  }

  private record Reference(TreeMap<Long, String> records, JsonNode state) {}

  @Test
  void shouldContinueFromASnapshotAtEveryStepWithTheSameRecordsAndState() {
    Reference reference = restartFromSnapshotsAtEveryStep(EngineRestartScenario.steps());
    assertThat(reference.records().values()).anyMatch(r -> r.contains("elementId=durable") && r.contains("ELEMENT_COMPLETED"));
  }

  @Test
  void shouldContinueFromASnapshotAtEveryStepOfAProcessWithDecisionsCallsListenersAndEventSubProcesses() {
    Reference reference = restartFromSnapshotsAtEveryStep(RichSnapshotScenario.steps());
    assertThat(reference.records().values()).anyMatch(r -> r.contains("elementId=rich") && r.contains("ELEMENT_COMPLETED"))
        .anyMatch(r -> r.contains("DECISION_EVALUATION"))
        .anyMatch(r -> r.contains("elementId=auditDone") && r.contains("ELEMENT_COMPLETED"));
  }

  /** Runs the steps once straight and once restarting from snapshots; both must agree. Returns the straight run. */
  private Reference restartFromSnapshotsAtEveryStep(List<EngineRestartScenario.Step> steps) {
    Reference reference = reference(steps);
    try (DurableEngine engine = new DurableEngine(newDatabase(), MANUAL)) {
      Map<String, Long> keys = new HashMap<>();
      TreeMap<Long, String> seen = new TreeMap<>();
      for (int i = 0; i < steps.size(); i++) {
        if (i > 0) {
          if (i % 2 == 1) {
            engine.engine.snapshotNow(); // restart right after the snapshot: nothing to replay
          } // else: the snapshot is one step old, the journal after it is replayed
          collect(engine.records, seen);
          engine.restart();
        }
        steps.get(i).action().accept(engine, keys);
      }
      collect(engine.records, seen);
      engine.engine.snapshotNow();
      JsonNode state = newestSnapshot(engine.database);
      engine.database.close();

      assertSameRecords(seen, reference.records());
      assertThat(state.get("engine")).isEqualTo(reference.state().get("engine"));
      assertThat(state.get("parts")).isEqualTo(reference.state().get("parts"));
    }
    return reference;
  }

  /** Every record an engine delivered, by position; a record delivered again (replayed) must be identical. */
  private static void collect(List<Record> records, TreeMap<Long, String> seen) {
    for (Record r : records) {
      String before = seen.putIfAbsent(r.position(), r.toString());
      assertThat(before).as("record %d replayed differently", r.position()).isIn(null, r.toString());
    }
  }

  @Test
  void shouldRestartFromSnapshotsWithTheHistoryArchiveAndAnswerAsAnAllInMemoryReadModel() {
    try (DurableEngine engine = new DurableEngine(newDatabase(), true, MANUAL)) {
      Map<String, Long> keys = new HashMap<>();
      List<EngineRestartScenario.Step> steps = EngineRestartScenario.steps();
      for (int i = 0; i < steps.size(); i++) {
        if (i % 3 == 2) {
          engine.engine.snapshotNow();
          engine.restart();
        }
        steps.get(i).action().accept(engine, keys);
      }
      engine.engine.createProcessInstance(new cn.computeloan.engine.api.CreateInstanceCommand(-1, "durable", -1,
          Map.of("id", "other", "items", List.of()), List.of(), false, 0, List.of(), "<default>")).join();
      engine.engine.snapshotNow();
      engine.restart();

      for (SearchableEntity entity : List.of(SearchableEntity.PROCESS_INSTANCE, SearchableEntity.ELEMENT_INSTANCE,
          SearchableEntity.VARIABLE, SearchableEntity.JOB, SearchableEntity.INCIDENT, SearchableEntity.USER_TASK)) {
        assertThat(engine.readModel.search(entity, SearchQuery.all()).items()).as(entity.name())
            .containsExactlyInAnyOrderElementsOf(engine.reference.search(entity, SearchQuery.all()).items());
      }
      // a user task's variables come from the per-scope keys, rebuilt from the snapshot
      var tasks = engine.reference.search(SearchableEntity.USER_TASK, SearchQuery.all()).items();
      assertThat(tasks).isNotEmpty();
      for (var task : tasks) {
        long key = Long.parseLong(task.get("userTaskKey").toString());
        assertThat(engine.readModel.userTaskVariables(key, SearchQuery.all()).items()).as("variables of task " + key)
            .containsExactlyInAnyOrderElementsOf(engine.reference.userTaskVariables(key, SearchQuery.all()).items());
      }
      var instances = engine.readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()).items();
      assertThat(instances).extracting(i -> i.get("state")).containsExactlyInAnyOrder("COMPLETED", "ACTIVE");
      engine.database.close();
    }
  }

  @Test
  void shouldNotReplayWhatTheSnapshotCovers() {
    try (DurableEngine engine = new DurableEngine(newDatabase(), MANUAL)) {
      runSteps(engine, 8, new HashMap<>());
      engine.engine.snapshotNow();
      engine.restart();

      assertThat(engine.records).as("nothing replayed").isEmpty();
      var instances = engine.readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()).items();
      assertThat(instances).singleElement().satisfies(i -> assertThat(i).containsEntry("state", "ACTIVE"));
      assertThat(engine.readModel.search(SearchableEntity.JOB, SearchQuery.all()).items()).hasSize(4);
      engine.database.close();
    }
  }

  @Test
  void shouldFireATimerThatFellDueWhileDownOnceAfterRestoringASnapshot() {
    try (DurableEngine engine = new DurableEngine(newDatabase(), MANUAL)) {
      int timerStep = stepIndex("move clock past the timer");
      runSteps(engine, timerStep, new HashMap<>());
      engine.engine.snapshotNow();

      engine.stop();
      engine.clock.advance(Duration.ofHours(3));
      engine.start();
      engine.awaitRecord(is(ValueType.TIMER, "TRIGGERED"));
      assertThat(engine.count(is(ValueType.TIMER, "TRIGGERED"))).isOne();
      engine.restart(); // from the same snapshot: the firing is replayed from the journal, not fired again
      assertThat(engine.count(is(ValueType.TIMER, "TRIGGERED"))).isOne();
      engine.engine.snapshotNow();
      engine.restart(); // from a snapshot after the firing

      assertThat(engine.activate("c", 5)).hasSize(1);
      assertThat(engine.activate("c", 5)).isEmpty();
      assertThat(engine.count(is(ValueType.TIMER, "TRIGGERED"))).isZero();
      engine.database.close();
    }
  }

  @Test
  void shouldMakeAJobActivatedBeforeTheSnapshotActivatableAfterItsTimeoutAndNeverCompleteOneTwice() {
    try (DurableEngine engine = new DurableEngine(newDatabase(), MANUAL)) {
      Map<String, Long> keys = new HashMap<>();
      runSteps(engine, 4, keys); // deploy, publish, create, activate a
      long job = keys.get("a");
      engine.engine.snapshotNow();
      engine.restart();

      assertThat(engine.activate("a", 1)).as("still reserved for its worker").isEmpty();
      engine.clock.advance(Duration.ofMinutes(11));
      engine.awaitRecord(r -> r.key() == job && "TIMED_OUT".equals(r.intent()));
      engine.engine.snapshotNow();
      engine.restart();
      List<ActivatedJob> again = engine.activate("a", 1);
      assertThat(again).extracting(ActivatedJob::jobKey).containsExactly(job);
      engine.engine.completeJob(job, Map.of(), JobResult.none());
      engine.engine.snapshotNow();
      engine.restart();

      assertThat(engine.activate("a", 1)).isEmpty();
      assertThatThrownBy(() -> engine.engine.completeJob(job, Map.of(), JobResult.none()))
          .isInstanceOf(EngineException.class);
      assertThat(engine.count(r -> r.key() == job && "COMPLETED".equals(r.intent()))).isZero();
      assertThat(engine.activate("b", 10)).hasSize(3);
      engine.database.close();
    }
  }

  @Test
  void shouldDeleteTheJournalTheSnapshotCoversAndStillRestart() {
    SnapshotSettings compactAll = new SnapshotSettings(0, Duration.ZERO, false, true, 1);
    try (DurableEngine engine = new DurableEngine(newDatabase(), compactAll)) {
      Map<String, Long> keys = new HashMap<>();
      List<EngineRestartScenario.Step> steps = EngineRestartScenario.steps();
      runSteps(engine, 10, keys);
      long position = engine.engine.snapshotNow().position();

      assertThat(engine.database.queryLong("SELECT COUNT(*) FROM engine_journal")).isZero();
      assertThat(engine.database.queryLong("SELECT COUNT(*) FROM engine_snapshot")).isOne();
      for (int i = 10; i < steps.size(); i++) {
        engine.restart();
        steps.get(i).action().accept(engine, keys);
      }
      assertThat(engine.database.queryLong("SELECT MIN(position) FROM engine_journal")).isEqualTo(position + 1);
      engine.engine.snapshotNow();
      engine.restart();

      assertThat(engine.database.queryLong("SELECT COUNT(*) FROM engine_snapshot")).isOne();
      var instances = engine.readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()).items();
      assertThat(instances).singleElement().satisfies(i -> assertThat(i).containsEntry("state", "COMPLETED"));
      // start, a, fork, the multi-instance body and its 3 items, msg, join, approve, wait, c, end
      assertThat(engine.readModel.search(SearchableEntity.ELEMENT_INSTANCE, SearchQuery.all()).totalItems())
          .as("the history from before the compaction is still searchable").isEqualTo(13);
      engine.database.close();
    }
  }

  @Test
  void shouldKeepTheJournalFromTheOlderRetainedSnapshot() {
    SnapshotSettings keepTwo = new SnapshotSettings(0, Duration.ZERO, false, true, 2);
    try (DurableEngine engine = new DurableEngine(newDatabase(), keepTwo)) {
      Map<String, Long> keys = new HashMap<>();
      runSteps(engine, 5, keys);
      long first = engine.engine.snapshotNow().position();
      assertThat(engine.database.queryLong("SELECT MIN(position) FROM engine_journal")).isEqualTo(1);
      continueSteps(engine, 5, 9, keys);
      long second = engine.engine.snapshotNow().position();
      continueSteps(engine, 9, 12, keys);
      engine.engine.snapshotNow();

      assertThat(engine.database.queryLong("SELECT MIN(position) FROM engine_snapshot")).isEqualTo(second);
      assertThat(engine.database.queryLong("SELECT MIN(position) FROM engine_journal")).isEqualTo(second + 1);
      assertThat(first).isLessThan(second);
      engine.database.close();
    }
  }

  @Test
  void shouldFallBackToThePreviousSnapshotWhenTheNewestIsDamaged() {
    Reference reference = reference();
    SnapshotSettings keepTwo = new SnapshotSettings(0, Duration.ZERO, false, true, 2);
    TreeMap<Long, String> seen = new TreeMap<>();
    try (DurableEngine engine = new DurableEngine(newDatabase(), keepTwo)) {
      Map<String, Long> keys = new HashMap<>();
      List<EngineRestartScenario.Step> steps = EngineRestartScenario.steps();
      runSteps(engine, 7, keys);
      engine.engine.snapshotNow();
      continueSteps(engine, 7, 12, keys);
      long newest = engine.engine.snapshotNow().position();
      continueSteps(engine, 12, 14, keys);
      collect(engine.records, seen);
      engine.stop();
      engine.database.update("UPDATE engine_snapshot_chunk SET data = ? WHERE position = ?",
          new byte[] {0x1f, (byte) 0x8b, 8, 0}, newest);
      engine.start();

      assertThat(engine.records).as("the journal after the older snapshot is replayed").isNotEmpty();
      collect(engine.records, seen);
      for (int i = 14; i < steps.size(); i++) {
        steps.get(i).action().accept(engine, keys);
      }
      collect(engine.records, seen);
      engine.database.close();
    }
    assertSameRecords(seen, reference.records());
  }

  /** Names the first position where two record logs differ. */
  private static void assertSameRecords(TreeMap<Long, String> actual, TreeMap<Long, String> expected) {
    for (Map.Entry<Long, String> entry : expected.entrySet()) {
      assertThat(actual.get(entry.getKey())).as("record at position %d", entry.getKey()).isEqualTo(entry.getValue());
    }
    assertThat(actual.keySet()).as("record positions").isEqualTo(expected.keySet());
  }

  @Test
  void shouldReplayTheWholeJournalWhenTheOnlySnapshotIsDamagedAndRefuseToStartWhenThatIsGone() {
    try (DurableEngine engine = new DurableEngine(newDatabase(), MANUAL)) {
      Map<String, Long> keys = new HashMap<>();
      runSteps(engine, 9, keys);
      long position = engine.engine.snapshotNow().position();
      engine.stop();
      engine.database.execute("DELETE FROM engine_snapshot_chunk WHERE seq = 0");
      engine.start();

      assertThat(engine.records.get(0).position()).as("replayed from the first record").isEqualTo(1);
      assertThat(engine.activate("b", 10)).isEmpty(); // b1 is activated, b2 reserved: nothing twice
      engine.stop();
      engine.database.execute("DELETE FROM engine_journal WHERE position <= " + position);

      assertThatThrownBy(engine::start).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("No engine snapshot could be restored");
      engine.database.close();
    }
  }

  @Test
  void shouldTakeASnapshotAtShutdownAndRestartWithoutReplay() {
    SnapshotSettings atShutdown = new SnapshotSettings(0, Duration.ZERO, true, false, 2);
    try (DurableEngine engine = new DurableEngine(newDatabase(), atShutdown)) {
      runSteps(engine, 6, new HashMap<>());
      engine.restart();

      assertThat(engine.records).isEmpty();
      assertThat(engine.database.queryLong("SELECT MAX(position) FROM engine_snapshot"))
          .isEqualTo(engine.database.queryLong("SELECT MAX(position) FROM engine_journal"));
      engine.database.close();
    }
  }

  @Test
  void shouldTakeASnapshotAfterTheConfiguredNumberOfCommands() {
    SnapshotSettings everyFive = new SnapshotSettings(5, Duration.ZERO, false, false, 2);
    try (DurableEngine engine = new DurableEngine(newDatabase(), everyFive)) {
      Map<String, Long> keys = new HashMap<>();
      runSteps(engine, 6, keys); // at least 6 journalled commands
      awaitSnapshots(engine.database, 1);
      continueSteps(engine, 6, 12, keys); // 6 more after the first snapshot took its copy
      awaitSnapshots(engine.database, 2);

      // How many snapshots exist depends on how far the steps got before the snapshot thread ran;
      // what the setting promises is one at least every five commands and never sooner.
      List<Long> positions = snapshotPositions(engine.database);
      assertThat(positions).hasSizeGreaterThanOrEqualTo(2);
      assertThat(positions.get(0)).isGreaterThanOrEqualTo(5);
      for (int i = 1; i < positions.size(); i++) {
        assertThat(positions.get(i) - positions.get(i - 1)).isGreaterThanOrEqualTo(5);
      }
      engine.database.close();
    }
  }

  private static List<Long> snapshotPositions(JournalDatabase database) {
    SnapshotStore store = new SnapshotStore(database.separateDataSource());
    return store.list().stream().map(SnapshotStore.Info::position).sorted().toList();
  }

  /** Waits (at most 30 s) until the snapshot thread has stored {@code count} snapshots. */
  private static void awaitSnapshots(JournalDatabase database, long count) {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (database.queryLong("SELECT COUNT(*) FROM engine_snapshot") < count && System.nanoTime() < end) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static int stepIndex(String name) {
    return EngineRestartScenario.steps().stream().map(EngineRestartScenario.Step::name).toList().indexOf(name);
  }

  private static void runSteps(DurableEngine engine, int count, Map<String, Long> keys) {
    continueSteps(engine, 0, count, keys);
  }

  private static void continueSteps(DurableEngine engine, int from, int to, Map<String, Long> keys) {
    List<EngineRestartScenario.Step> steps = EngineRestartScenario.steps();
    for (int i = from; i < to; i++) {
      steps.get(i).action().accept(engine, keys);
    }
  }

  /** The newest snapshot's JSON. */
  static JsonNode newestSnapshot(JournalDatabase database) {
    SnapshotStore store = new SnapshotStore(database.separateDataSource());
    SnapshotStore.Info newest = store.list().get(0);
    return store.read(newest, in -> new ObjectMapper().readTree(new GZIPInputStream(in)));
  }
}
