package cn.computeloan.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.api.JobResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedEngineTest {

  private final EngineHarness harness = new EngineHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldRunServiceTaskToCompletionWithZeebeLifecycle() {
    // given
    harness.deploy(Bpmn.createExecutableProcess("p").startEvent("start")
        .serviceTask("task", t -> t.zeebeJobType("work")).endEvent("end").done());
    long pi = harness.start("p", Map.of("x", 1));

    // when
    var jobs = harness.activate("work");
    harness.engine.completeJob(jobs.get(0).jobKey(), Map.of("y", 2), JobResult.none());

    // then
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).variables()).containsEntry("x", 1);
    assertThat(harness.elementEvents(pi)).containsExactly(
        "p:ELEMENT_ACTIVATING", "p:ELEMENT_ACTIVATED",
        "start:ELEMENT_ACTIVATING", "start:ELEMENT_ACTIVATED", "start:ELEMENT_COMPLETING", "start:ELEMENT_COMPLETED",
        "task:ELEMENT_ACTIVATING", "task:ELEMENT_ACTIVATED", "task:ELEMENT_COMPLETING", "task:ELEMENT_COMPLETED",
        "end:ELEMENT_ACTIVATING", "end:ELEMENT_ACTIVATED", "end:ELEMENT_COMPLETING", "end:ELEMENT_COMPLETED",
        "p:ELEMENT_COMPLETING", "p:ELEMENT_COMPLETED");
  }

  @Test
  void shouldRouteByExclusiveGatewayCondition() {
    harness.deploy(Bpmn.createExecutableProcess("gw").startEvent().exclusiveGateway("split")
        .sequenceFlowId("high").conditionExpression("= amount > 100").endEvent("bigEnd")
        .moveToNode("split").sequenceFlowId("low").conditionExpression("= amount <= 100").endEvent("smallEnd").done());

    long big = harness.start("gw", Map.of("amount", 500));
    long small = harness.start("gw", Map.of("amount", 5));

    assertThat(harness.elementEvents(big)).contains("bigEnd:ELEMENT_COMPLETED").doesNotContain("smallEnd:ELEMENT_COMPLETED");
    assertThat(harness.elementEvents(small)).contains("smallEnd:ELEMENT_COMPLETED");
  }

  @Test
  void shouldJoinParallelBranches() {
    harness.deploy(Bpmn.createExecutableProcess("par").startEvent().parallelGateway("fork")
        .serviceTask("a", t -> t.zeebeJobType("a")).parallelGateway("join")
        .moveToNode("fork").serviceTask("b", t -> t.zeebeJobType("b")).connectTo("join").endEvent("end").done());
    long pi = harness.start("par", Map.of());

    harness.engine.completeJob(harness.activate("a").get(0).jobKey(), Map.of(), JobResult.none());
    assertThat(harness.completed(pi)).isFalse();
    harness.engine.completeJob(harness.activate("b").get(0).jobKey(), Map.of(), JobResult.none());

    assertThat(harness.completed(pi)).isTrue();
    assertThat(harness.elementEvents(pi)).containsOnlyOnce("join:ELEMENT_COMPLETED");
  }

  @Test
  void shouldRaiseIncidentWhenRetriesRunOutAndRetryAfterResolution() {
    harness.deploy(Bpmn.createExecutableProcess("inc").startEvent().serviceTask("t", t -> t.zeebeJobType("t")).endEvent().done());
    long pi = harness.start("inc", Map.of());
    long job = harness.activate("t").get(0).jobKey();

    harness.engine.failJob(job, 0, "boom", 0, Map.of());
    long incident = harness.records.stream().filter(r -> r.intent().equals("CREATED")
        && r.valueType() == cn.computeloan.engine.record.ValueType.INCIDENT).findFirst().orElseThrow().key();
    assertThatThrownBy(() -> harness.engine.resolveIncident(incident)).isInstanceOf(EngineException.class);
    harness.engine.updateJob(job, 1, null);
    harness.engine.resolveIncident(incident);
    harness.engine.completeJob(harness.activate("t").get(0).jobKey(), Map.of(), JobResult.none());

    assertThat(harness.completed(pi)).isTrue();
  }

  @Test
  void shouldRejectUnsupportedElementAtDeploymentNamingIt() {
    String xml = Bpmn.convertToString(Bpmn.createExecutableProcess("bad").startEvent().serviceTask("noType").endEvent().done());
    assertThatThrownBy(() -> harness.deploy("bad.bpmn", xml))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("noType");
  }
}
