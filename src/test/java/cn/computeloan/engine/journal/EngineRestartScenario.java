package cn.computeloan.engine.journal;

import static cn.computeloan.engine.journal.DurableEngine.is;
import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.DeploymentResource;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.api.PublishMessageCommand;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.ValueType;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A process that touches every kind of durable state — a job, a parallel gateway, a parallel
 * multi-instance task, a failed job retried, a buffered message, a user task, a timer, an incident
 * and its resolution — driven step by step, one engine command (or one clock move) per step.
 */
final class EngineRestartScenario {

  record Step(String name, BiConsumer<DurableEngine, Map<String, Long>> action) {}

  static final String BPMN = Bpmn.convertToString(Bpmn.createExecutableProcess("durable")
      .startEvent("start")
      .serviceTask("a", t -> t.zeebeJobType("a"))
      .parallelGateway("fork")
      .serviceTask("b", t -> t.zeebeJobType("b").multiInstance().parallel()
          .zeebeInputCollectionExpression("items").zeebeInputElement("item").multiInstanceDone())
      .parallelGateway("join")
      .userTask("approve", u -> u.zeebeUserTask())
      .intermediateCatchEvent("wait", e -> e.timerWithDuration("PT1H"))
      .serviceTask("c", t -> t.zeebeJobType("c"))
      .endEvent("end")
      .moveToNode("fork")
      .intermediateCatchEvent("msg", e -> e.message(m -> m.name("go").zeebeCorrelationKeyExpression("id")))
      .connectTo("join")
      .done());

  static List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("deploy", (e, k) -> e.engine.deploy(
        List.of(new DeploymentResource("durable.bpmn", BPMN.getBytes(StandardCharsets.UTF_8))), "<default>")));
    steps.add(new Step("publish message before its subscription", (e, k) -> e.engine.publishMessage(
        new PublishMessageCommand("go", "k1", Duration.ofDays(1).toMillis(), null, Map.of("fromMessage", 1), null))));
    steps.add(new Step("create instance", (e, k) -> k.put("pi", e.engine.createProcessInstance(
        new CreateInstanceCommand(-1, "durable", -1, Map.of("id", "k1", "items", List.of(1, 2, 3)), List.of(), false,
            0, List.of(), "<default>")).join().processInstanceKey())));
    steps.add(new Step("activate a", (e, k) -> k.put("a", single(e.activate("a", 1)))));
    steps.add(new Step("complete a", (e, k) -> e.engine.completeJob(k.get("a"), Map.of("aDone", true), JobResult.none())));
    steps.add(new Step("activate b", (e, k) -> {
      List<ActivatedJob> jobs = e.activate("b", 10);
      assertThat(jobs).hasSize(3);
      for (int i = 0; i < 3; i++) {
        k.put("b" + i, jobs.get(i).jobKey());
      }
    }));
    steps.add(new Step("complete b0", (e, k) -> e.engine.completeJob(k.get("b0"), Map.of("r0", 0), JobResult.none())));
    steps.add(new Step("fail b1", (e, k) -> e.engine.failJob(k.get("b1"), 2, "try again", 0, null)));
    steps.add(new Step("activate b1 again", (e, k) -> assertThat(single(e.activate("b", 10))).isEqualTo(k.get("b1"))));
    steps.add(new Step("complete b1", (e, k) -> e.engine.completeJob(k.get("b1"), Map.of(), JobResult.none())));
    steps.add(new Step("set variables", (e, k) -> e.engine.setVariables(k.get("pi"), Map.of("note", "checked"), false)));
    steps.add(new Step("complete b2", (e, k) -> e.engine.completeJob(k.get("b2"), Map.of(), JobResult.none())));
    steps.add(new Step("assign user task", (e, k) -> {
      long task = Long.parseLong((String) e.readModel.search(SearchableEntity.USER_TASK, SearchQuery.all()).items()
          .get(0).get("userTaskKey"));
      k.put("task", task);
      e.engine.assignUserTask(task, "alice", null, true, "bob");
    }));
    steps.add(new Step("complete user task", (e, k) -> e.engine.completeUserTask(k.get("task"), Map.of("approved", true),
        null, "alice")));
    steps.add(new Step("move clock past the timer", (e, k) -> {
      e.clock.advance(Duration.ofHours(2));
      e.awaitRecord(is(ValueType.TIMER, "TRIGGERED"));
    }));
    steps.add(new Step("activate c", (e, k) -> k.put("c", single(e.activate("c", 1)))));
    steps.add(new Step("fail c without retries", (e, k) -> e.engine.failJob(k.get("c"), 0, "boom", 0, null)));
    steps.add(new Step("give c retries", (e, k) -> e.engine.updateJob(k.get("c"), 1, null)));
    steps.add(new Step("resolve incident", (e, k) -> e.engine.resolveIncident(Long.parseLong((String) e.readModel
        .search(SearchableEntity.INCIDENT, SearchQuery.all()).items().get(0).get("incidentKey")))));
    steps.add(new Step("activate c again", (e, k) -> assertThat(single(e.activate("c", 1))).isEqualTo(k.get("c"))));
    steps.add(new Step("complete c", (e, k) -> e.engine.completeJob(k.get("c"), Map.of(), JobResult.none())));
    return steps;
  }

  private static long single(List<ActivatedJob> jobs) {
    assertThat(jobs).hasSize(1);
    return jobs.get(0).jobKey();
  }

  /** Runs all steps, restarting the engine before the steps whose index is in {@code restartBefore}. */
  static List<String> run(DurableEngine engine, java.util.Set<Integer> restartBefore) {
    Map<String, Long> keys = new HashMap<>();
    List<Step> steps = steps();
    for (int i = 0; i < steps.size(); i++) {
      if (restartBefore.contains(i)) {
        engine.restart();
      }
      steps.get(i).action().accept(engine, keys);
    }
    return describe(engine.records);
  }

  /** Everything a record says, for comparing two runs. */
  static List<String> describe(List<Record> records) {
    return records.stream().map(Record::toString).toList();
  }
}
