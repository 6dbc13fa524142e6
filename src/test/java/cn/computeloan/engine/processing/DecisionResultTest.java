package cn.computeloan.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The result variable of a business rule task is plain JSON: a table with several outputs gives a
 * context (map), a COLLECT table a list. Behaviour:
 * https://docs.camunda.io/docs/components/modeler/bpmn/business-rule-tasks/
 */
class DecisionResultTest {

  private static final String DMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="test">
        <decision id="Admission" name="Admission">
          <decisionTable id="t" hitPolicy="%s">
            <input id="i"><inputExpression id="ie" typeRef="string"><text>tier</text></inputExpression></input>
            <output id="o1" name="admitted" typeRef="boolean" />
            <output id="o2" name="reason" typeRef="string" />
            <rule id="r1"><inputEntry id="r1i"><text>"A","B"</text></inputEntry>
              <outputEntry id="r1o1"><text>true</text></outputEntry><outputEntry id="r1o2"><text>"good"</text></outputEntry></rule>
            <rule id="r2"><inputEntry id="r2i"><text>-</text></inputEntry>
              <outputEntry id="r2o1"><text>false</text></outputEntry><outputEntry id="r2o2"><text>"other"</text></outputEntry></rule>
          </decisionTable>
        </decision>
      </definitions>
      """;

  private final EngineHarness harness = new EngineHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  private Object resultFor(String hitPolicy) {
    harness.deploy("admission.dmn", DMN.formatted(hitPolicy).strip());
    harness.deploy(Bpmn.createExecutableProcess("p").startEvent()
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionId("Admission").zeebeResultVariable("admission"))
        .serviceTask("next", t -> t.zeebeJobType("next")).endEvent().done());
    harness.start("p", Map.of("tier", "A"));
    return harness.activate("next").get(0).variables().get("admission");
  }

  @Test
  void shouldGiveTheOutputsOfTheMatchedRuleAsAMap() {
    assertThat(resultFor("FIRST")).isEqualTo(Map.of("admitted", true, "reason", "good"));
  }

  @Test
  void shouldGiveCollectedRulesAsAListOfMaps() {
    assertThat(resultFor("COLLECT")).isEqualTo(List.of(
        Map.of("admitted", true, "reason", "good"), Map.of("admitted", false, "reason", "other")));
  }
}
