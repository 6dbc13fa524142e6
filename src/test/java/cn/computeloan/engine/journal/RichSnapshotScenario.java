package cn.computeloan.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.DeploymentResource;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.api.PublishMessageCommand;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchableEntity;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A process whose waiting states hold what the basic scenario does not: a decision (DMN parsed
 * again on restore), a called child process, a user task with a completing listener in progress, a
 * non-interrupting cycle timer on it, a non-interrupting signal event sub-process, a receive task
 * and a sequential multi-instance task.
 */
final class RichSnapshotScenario {

  static final String DMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="riskDefinitions" name="Risk"
          namespace="https://computeloan.cn/test">
        <decision id="risk" name="Risk">
          <decisionTable id="riskTable" hitPolicy="FIRST">
            <input id="amountInput" label="Amount">
              <inputExpression id="amountExpression" typeRef="number"><text>amount</text></inputExpression>
            </input>
            <output id="riskOutput" name="risk" typeRef="string"/>
            <rule id="high"><inputEntry id="highIn"><text>&gt; 50</text></inputEntry>
              <outputEntry id="highOut"><text>"HIGH"</text></outputEntry></rule>
            <rule id="low"><inputEntry id="lowIn"><text>-</text></inputEntry>
              <outputEntry id="lowOut"><text>"LOW"</text></outputEntry></rule>
          </decisionTable>
        </decision>
      </definitions>
      """;

  static final String CHILD = Bpmn.convertToString(Bpmn.createExecutableProcess("child").startEvent()
      .serviceTask("childWork", t -> t.zeebeJobType("child")).endEvent().done());

  /** Built once: the builder gives flows random ids, and both runs must deploy the same XML. */
  static final String RICH = rich();

  private static String rich() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("rich").startEvent("start")
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionId("risk").zeebeResultVariable("risk"))
        .callActivity("call", c -> c.zeebeProcessId("child"))
        .userTask("review", u -> u.zeebeUserTask().zeebeTaskListener(l -> l.completing().type("listen")))
        .boundaryEvent("remind", b -> b.cancelActivity(false)).timerWithCycle("R2/PT1H")
        .serviceTask("remindTask", t -> t.zeebeJobType("remind")).endEvent("reminded")
        .moveToActivity("review")
        .receiveTask("await", r -> r.message(m -> m.name("docs").zeebeCorrelationKeyExpression("id")))
        .serviceTask("multi", t -> t.zeebeJobType("multi").multiInstance().sequential()
            .zeebeInputCollectionExpression("items").zeebeInputElement("item")
            .zeebeOutputCollection("results").zeebeOutputElementExpression("item * 2").multiInstanceDone())
        .endEvent("end").done();
    model.<Process>getModelElementById("rich").builder().eventSubProcess("audit")
        .startEvent("audited", s -> s.interrupting(false)).signal("audit")
        .serviceTask("auditTask", t -> t.zeebeJobType("audit")).endEvent("auditDone");
    return Bpmn.convertToString(model);
  }

  static List<EngineRestartScenario.Step> steps() {
    List<EngineRestartScenario.Step> steps = new ArrayList<>();
    steps.add(step("deploy", (e, k) -> e.engine.deploy(List.of(
        new DeploymentResource("risk.dmn", DMN.getBytes(StandardCharsets.UTF_8)),
        new DeploymentResource("child.bpmn", CHILD.getBytes(StandardCharsets.UTF_8)),
        new DeploymentResource("rich.bpmn", RICH.getBytes(StandardCharsets.UTF_8))), "<default>")));
    steps.add(step("create instance", (e, k) -> k.put("pi", e.engine.createProcessInstance(new CreateInstanceCommand(
        -1, "rich", -1, Map.of("id", "r1", "amount", 80, "items", List.of(1, 2)), List.of(), false, 0, List.of(),
        "<default>")).join().processInstanceKey())));
    steps.add(step("activate child work", (e, k) -> k.put("child", single(e.activate("child", 1)))));
    steps.add(step("complete child work", (e, k) -> e.engine.completeJob(k.get("child"), Map.of("childResult", 7L),
        JobResult.none())));
    steps.add(step("move clock past the first reminder", (e, k) -> {
      e.clock.advance(Duration.ofMinutes(61));
      e.awaitRecord(r -> "TRIGGERED".equals(r.intent()));
    }));
    steps.add(step("broadcast audit signal", (e, k) -> e.engine.broadcastSignal("audit", Map.of("auditor", "eve"),
        "<default>")));
    steps.add(step("assign review", (e, k) -> {
      k.put("task", Long.parseLong((String) e.readModel.search(SearchableEntity.USER_TASK, SearchQuery.all()).items()
          .get(0).get("userTaskKey")));
      e.engine.assignUserTask(k.get("task"), "alice", null, true, "bob");
    }));
    steps.add(step("complete review (listener pending)", (e, k) ->
        e.engine.completeUserTask(k.get("task"), Map.of("approved", true), null, "alice")));
    steps.add(step("activate listener", (e, k) -> k.put("listen", single(e.activate("listen", 1)))));
    steps.add(step("complete listener", (e, k) -> e.engine.completeJob(k.get("listen"), Map.of(), JobResult.none())));
    steps.add(step("activate reminder", (e, k) -> k.put("remind", single(e.activate("remind", 1)))));
    steps.add(step("complete reminder", (e, k) -> e.engine.completeJob(k.get("remind"), Map.of(), JobResult.none())));
    steps.add(step("publish docs", (e, k) -> e.engine.publishMessage(
        new PublishMessageCommand("docs", "r1", Duration.ofHours(1).toMillis(), null, Map.of("docs", List.of("a")), null))));
    steps.add(step("activate first item", (e, k) -> k.put("m1", single(e.activate("multi", 5)))));
    steps.add(step("complete first item", (e, k) -> e.engine.completeJob(k.get("m1"), Map.of(), JobResult.none())));
    steps.add(step("activate second item", (e, k) -> k.put("m2", single(e.activate("multi", 5)))));
    steps.add(step("complete second item", (e, k) -> e.engine.completeJob(k.get("m2"), Map.of(), JobResult.none())));
    steps.add(step("activate audit", (e, k) -> k.put("audit", single(e.activate("audit", 1)))));
    steps.add(step("complete audit", (e, k) -> e.engine.completeJob(k.get("audit"), Map.of(), JobResult.none())));
    return steps;
  }

  private static EngineRestartScenario.Step step(String name,
      java.util.function.BiConsumer<DurableEngine, Map<String, Long>> action) {
    return new EngineRestartScenario.Step(name, action);
  }

  private static long single(List<ActivatedJob> jobs) {
    assertThat(jobs).hasSize(1);
    return jobs.get(0).jobKey();
  }
}
