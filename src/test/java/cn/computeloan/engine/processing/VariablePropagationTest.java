package cn.computeloan.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.api.JobResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Variables a job delivers propagate from the element's own scope: a local variable created by an
 * input mapping catches its name. Behaviour:
 * https://docs.camunda.io/docs/components/concepts/variables/#variable-propagation
 */
class VariablePropagationTest {

  private final EngineHarness harness = new EngineHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldKeepDeliveredVariableLocalWhenTheTaskHasItFromAnInputMapping() {
    // given
    harness.deploy(Bpmn.createExecutableProcess("p").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work").zeebeInputExpression("0", "draft"))
        .serviceTask("next", t -> t.zeebeJobType("next")).endEvent().done());
    harness.start("p", Map.of());

    // when
    long job = harness.activate("work").get(0).jobKey();
    harness.engine.completeJob(job, Map.of("draft", 5, "result", 7), JobResult.none());

    // then: draft ended with the task's scope, result reached the process
    Map<String, Object> visibleNext = harness.activate("next").get(0).variables();
    assertThat(visibleNext).containsEntry("result", 7).doesNotContainKey("draft");
  }
}
