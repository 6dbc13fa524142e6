package cn.computeloan.engine.rest;

import cn.computeloan.engine.api.DecisionResult;
import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.ResourceView;
import cn.computeloan.engine.query.projection.DecisionJson;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.record.DecisionEvaluationValue.EvaluatedDecision;
import cn.computeloan.engine.record.DecisionEvaluationValue;
import cn.computeloan.engine.record.ValueType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Decisions: evaluation, definitions, requirements graphs and decision instances. */
@RestController
@ConditionalOnEmbeddedEngine
public class DecisionController {

  private final EngineAccess engine;
  private final ReadModel readModel;

  public DecisionController(EngineAccess engine, ReadModel readModel) {
    this.engine = engine;
    this.readModel = readModel;
  }

  @PostMapping("/v2/decision-definitions/evaluation")
  public Map<String, Object> evaluate(@RequestBody JsonNode body) {
    String decisionId = JsonBodies.text(body, "decisionDefinitionId", null);
    long decisionKey = JsonBodies.longValue(body, "decisionDefinitionKey", -1);
    if ((decisionId == null || decisionId.isBlank()) && decisionKey <= 0) {
      throw new InvalidRequestException("At least one of [decisionDefinitionId, decisionDefinitionKey] is required");
    }
    DecisionResult result = engine.commands().evaluateDecision(
        decisionId, decisionKey, JsonBodies.map(body, "variables"), JsonBodies.tenant(body));
    return toJson(result);
  }

  private static Map<String, Object> toJson(DecisionResult result) {
    DecisionEvaluationValue value = result.evaluation();
    String key = Long.toString(result.decisionInstanceKey());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("decisionDefinitionId", value.decisionId());
    json.put("decisionDefinitionName", value.decisionName());
    json.put("decisionDefinitionVersion", value.decisionVersion());
    json.put("decisionRequirementsId", value.decisionRequirementsId());
    json.put("output", value.decisionOutput());
    json.put("failedDecisionDefinitionId", emptyToNull(value.failedDecisionId()));
    json.put("failureMessage", emptyToNull(value.evaluationFailureMessage()));
    json.put("tenantId", value.tenantId());
    json.put("decisionDefinitionKey", Long.toString(value.decisionKey()));
    json.put("decisionRequirementsKey", Long.toString(value.decisionRequirementsKey()));
    json.put("decisionInstanceKey", key);
    json.put("decisionEvaluationKey", key);
    List<Map<String, Object>> evaluated = new ArrayList<>();
    List<EvaluatedDecision> decisions = value.evaluatedDecisions() == null ? List.of() : value.evaluatedDecisions();
    for (int i = 0; i < decisions.size(); i++) {
      evaluated.add(evaluatedDecision(decisions.get(i), key + "-" + (i + 1), value.tenantId()));
    }
    json.put("evaluatedDecisions", evaluated);
    return json;
  }

  private static Map<String, Object> evaluatedDecision(EvaluatedDecision decision, String instanceKey, String tenantId) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("decisionDefinitionId", decision.decisionId());
    json.put("decisionDefinitionName", decision.decisionName());
    json.put("decisionDefinitionVersion", decision.decisionVersion());
    json.put("decisionDefinitionType", decision.decisionType());
    json.put("output", decision.decisionOutput());
    json.put("tenantId", tenantId);
    json.put("matchedRules", DecisionJson.rules(decision));
    json.put("evaluatedInputs", DecisionJson.inputs(decision));
    json.put("decisionDefinitionKey", Long.toString(decision.decisionKey()));
    json.put("decisionEvaluationInstanceKey", instanceKey);
    return json;
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  @PostMapping("/v2/decision-definitions/search")
  public Map<String, Object> searchDefinitions(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.DECISION_DEFINITION, Searches.query(body)));
  }

  @GetMapping("/v2/decision-definitions/{key}")
  public Map<String, Object> getDefinition(@PathVariable String key) {
    long definitionKey = PathKeys.parse(key, "decisionDefinitionKey");
    return PathKeys.found(readModel.get(SearchableEntity.DECISION_DEFINITION, definitionKey), "Decision definition", definitionKey);
  }

  @GetMapping("/v2/decision-definitions/{key}/xml")
  public ResponseEntity<String> definitionXml(@PathVariable String key) {
    return xml(key, ValueType.DECISION, "Decision definition");
  }

  @PostMapping("/v2/decision-requirements/search")
  public Map<String, Object> searchRequirements(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.DECISION_REQUIREMENTS, Searches.query(body)));
  }

  @GetMapping("/v2/decision-requirements/{key}")
  public Map<String, Object> getRequirements(@PathVariable String key) {
    long requirementsKey = PathKeys.parse(key, "decisionRequirementsKey");
    return PathKeys.found(readModel.get(SearchableEntity.DECISION_REQUIREMENTS, requirementsKey), "Decision requirements", requirementsKey);
  }

  @GetMapping("/v2/decision-requirements/{key}/xml")
  public ResponseEntity<String> requirementsXml(@PathVariable String key) {
    return xml(key, ValueType.DECISION_REQUIREMENTS, "Decision requirements");
  }

  @PostMapping("/v2/decision-instances/search")
  public Map<String, Object> searchInstances(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.DECISION_INSTANCE, Searches.query(body)));
  }

  /** Decision instance keys have the form {@code <evaluation key>-<n>}: not a number. */
  @GetMapping("/v2/decision-instances/{key}")
  public Map<String, Object> getInstance(@PathVariable String key) {
    return PathKeys.found(readModel.get(SearchableEntity.DECISION_INSTANCE, key), "Decision instance", key);
  }

  private ResponseEntity<String> xml(String key, ValueType kind, String what) {
    long definitionKey = PathKeys.parse(key, "key");
    ResourceView resource = PathKeys.found(readModel.resource(definitionKey).filter(r -> r.kind() == kind), what, key);
    return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(resource.content());
  }
}
