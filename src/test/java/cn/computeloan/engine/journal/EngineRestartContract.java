package cn.computeloan.engine.journal;

import static cn.computeloan.engine.journal.DurableEngine.is;
import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Restart tests, run once per database: the engine is stopped and started again between steps of
 * a process, and must come back with everything it acknowledged, doing nothing twice.
 */
abstract class EngineRestartContract {

  /** A new, empty, migrated database. */
  abstract JournalDatabase newDatabase();

  @Test
  void shouldRecordTheSameHistoryWhenRestartedBeforeEveryStep() {
    List<String> reference;
    try (DurableEngine engine = new DurableEngine(newDatabase())) {
      reference = EngineRestartScenario.run(engine, Set.of());
      engine.database.close();
    }
    int steps = EngineRestartScenario.steps().size();
    try (DurableEngine engine = new DurableEngine(newDatabase())) {
      List<String> restarted = EngineRestartScenario.run(engine,
          IntStream.range(1, steps).boxed().collect(Collectors.toSet()));
      engine.restart();
      List<String> replayed = EngineRestartScenario.describe(engine.records);
      engine.database.close();

      assertThat(restarted).containsExactlyElementsOf(reference);
      assertThat(replayed).containsExactlyElementsOf(reference);
    }
    assertThat(reference).anyMatch(r -> r.contains("elementId=durable") && r.contains("ELEMENT_COMPLETED"));
  }

  @Test
  void shouldCompleteEachJobOnceAndKeepTheReadModelAfterRestarts() {
    try (DurableEngine engine = new DurableEngine(newDatabase())) {
      EngineRestartScenario.run(engine, Set.of(3, 7, 14, 18));
      engine.restart();

      Map<Long, Long> completions = engine.records.stream().filter(is(ValueType.JOB, "COMPLETED"))
          .collect(Collectors.groupingBy(Record::key, Collectors.counting()));
      assertThat(completions).hasSize(5).allSatisfy((key, count) -> assertThat(count).isOne());
      assertThat(engine.count(is(ValueType.TIMER, "TRIGGERED"))).isOne();
      var instances = engine.readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()).items();
      assertThat(instances).singleElement().satisfies(i -> assertThat(i).containsEntry("state", "COMPLETED"));
      engine.database.close();
    }
  }

  @Test
  void shouldFireATimerThatFellDueWhileDownOnceAfterRestart() {
    try (DurableEngine engine = new DurableEngine(newDatabase())) {
      var steps = EngineRestartScenario.steps();
      var keys = new java.util.HashMap<String, Long>();
      int timerStep = steps.stream().map(EngineRestartScenario.Step::name).toList().indexOf("move clock past the timer");
      for (int i = 0; i < timerStep; i++) {
        steps.get(i).action().accept(engine, keys);
      }
      assertThat(engine.count(is(ValueType.TIMER, "CREATED"))).isOne();

      engine.stop();
      engine.clock.advance(Duration.ofHours(3));
      engine.start();
      engine.awaitRecord(is(ValueType.TIMER, "TRIGGERED"));
      engine.restart();

      assertThat(engine.count(is(ValueType.TIMER, "TRIGGERED"))).isOne();
      assertThat(engine.activate("c", 1)).hasSize(1);
      engine.database.close();
    }
  }

  @Test
  void shouldMakeAnActivatedJobActivatableAgainAfterItsTimeoutAcrossARestart() {
    try (DurableEngine engine = new DurableEngine(newDatabase())) {
      var steps = EngineRestartScenario.steps();
      var keys = new java.util.HashMap<String, Long>();
      for (int i = 0; i < 4; i++) { // deploy, publish, create, activate a
        steps.get(i).action().accept(engine, keys);
      }
      long job = keys.get("a");

      engine.restart();
      assertThat(engine.activate("a", 1)).as("still reserved for its worker").isEmpty();
      engine.clock.advance(Duration.ofMinutes(11));
      engine.awaitRecord(r -> r.key() == job && "TIMED_OUT".equals(r.intent()));
      engine.restart();

      List<ActivatedJob> again = engine.activate("a", 1);
      assertThat(again).extracting(ActivatedJob::jobKey).containsExactly(job);
      engine.engine.completeJob(job, Map.of(), JobResult.none());
      engine.restart();
      assertThat(engine.count(r -> r.key() == job && "COMPLETED".equals(r.intent()))).isOne();
      engine.database.close();
    }
  }

  @Test
  void shouldNotApplyACompletionTwiceWhenRepeatedAfterRestart() {
    try (DurableEngine engine = new DurableEngine(newDatabase())) {
      var steps = EngineRestartScenario.steps();
      var keys = new java.util.HashMap<String, Long>();
      for (int i = 0; i < 5; i++) { // ... complete a
        steps.get(i).action().accept(engine, keys);
      }
      engine.restart();

      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> engine.engine.completeJob(keys.get("a"), Map.of(), JobResult.none()))
          .isInstanceOf(cn.computeloan.engine.api.EngineException.class);
      assertThat(engine.count(r -> r.key() == keys.get("a") && "COMPLETED".equals(r.intent()))).isOne();
      engine.database.close();
    }
  }

  @Test
  void shouldKeepInstancesCreatedAfterAnEarlierRestart() {
    try (DurableEngine engine = new DurableEngine(newDatabase())) {
      EngineRestartScenario.steps().get(0).action().accept(engine, new java.util.HashMap<>());
      for (int round = 0; round < 3; round++) {
        engine.engine.createProcessInstance(new CreateInstanceCommand(-1, "durable", -1,
            Map.of("id", "r" + round, "items", List.of()), List.of(), false, 0, List.of(), "<default>")).join();
        engine.restart();
      }
      assertThat(engine.count(r -> r.valueType() == ValueType.PROCESS_INSTANCE && "ELEMENT_ACTIVATED".equals(r.intent())
          && r.value().toString().contains("bpmnElementType=PROCESS"))).isEqualTo(3);
      engine.database.close();
    }
  }
}
