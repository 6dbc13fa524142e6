package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.Keys;
import cn.computeloan.engine.record.DecisionEvaluationValue.EvaluatedDecision;
import cn.computeloan.engine.record.DecisionEvaluationValue;
import cn.computeloan.engine.record.Record;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decision instances: every decision evaluated in one DECISION_EVALUATION record is an instance
 * with the key {@code <evaluation key>-<position, from 1>}, as Camunda numbers them. Search results
 * leave out the evaluated inputs and matched rules; {@link #get} includes them.
 */
public final class DecisionInstanceProjection {

  public final DocumentIndex instances = new DocumentIndex();

  public void apply(Record record, DecisionEvaluationValue value) {
    List<EvaluatedDecision> decisions = value.evaluatedDecisions() == null ? List.of() : value.evaluatedDecisions();
    for (int i = 0; i < decisions.size(); i++) {
      EvaluatedDecision decision = decisions.get(i);
      String id = record.key() + "-" + (i + 1);
      boolean failed = "FAILED".equals(record.intent()) && decision.decisionId().equals(value.failedDecisionId());
      instances.upsert(id)
          .put("decisionEvaluationInstanceKey", id)
          .put("state", failed ? "FAILED" : "EVALUATED")
          .put("evaluationDate", Keys.date(record.timestamp()))
          .put("evaluationFailure", failed ? value.evaluationFailureMessage() : null)
          .put("decisionDefinitionId", decision.decisionId())
          .put("decisionDefinitionName", decision.decisionName())
          .put("decisionDefinitionVersion", decision.decisionVersion())
          .put("decisionDefinitionType", decision.decisionType() == null ? "UNSPECIFIED" : decision.decisionType())
          .put("result", decision.decisionOutput())
          .put("tenantId", value.tenantId())
          .put("decisionEvaluationKey", Keys.key(record.key()))
          .put("processDefinitionKey", Keys.key(value.processDefinitionKey()))
          .put("processInstanceKey", Keys.key(value.processInstanceKey()))
          .put("decisionDefinitionKey", Keys.key(decision.decisionKey()))
          .put("elementInstanceKey", Keys.key(value.elementInstanceKey()))
          .putInternal("evaluatedInputs", DecisionJson.inputs(decision))
          .putInternal("matchedRules", DecisionJson.rules(decision));
    }
  }

  /** The instance with its evaluated inputs and matched rules. */
  public Optional<Map<String, Object>> get(String decisionEvaluationInstanceKey) {
    return instances.find(decisionEvaluationInstanceKey).map(DecisionInstanceProjection::withDetails);
  }

  public static Map<String, Object> withDetails(Document instance) {
    Map<String, Object> json = instance.toJson();
    json.put("evaluatedInputs", instance.internal("evaluatedInputs"));
    json.put("matchedRules", instance.internal("matchedRules"));
    return json;
  }

  public void removeInstances(Set<Long> processInstanceKeys) {
    instances.removeIf(i -> processInstanceKeys.contains(i.longField("processInstanceKey")));
  }
}
