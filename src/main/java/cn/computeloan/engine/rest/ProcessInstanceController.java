package cn.computeloan.engine.rest;

import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.CreatedInstance;
import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.search.SearchableEntity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Process instances: creation (optionally awaiting completion), cancellation, search, get, call
 * hierarchy, sequence flows, element statistics and incidents.
 */
@RestController
@ConditionalOnEmbeddedEngine
public class ProcessInstanceController {

  private final EngineAccess engine;
  private final ReadModel readModel;

  public ProcessInstanceController(EngineAccess engine, ReadModel readModel) {
    this.engine = engine;
    this.readModel = readModel;
  }

  /** The created instance at once, or later when it awaits completion ({@link AsyncAnswers#answerNowOrLater}). */
  @PostMapping("/v2/process-instances")
  public Object create(@RequestBody JsonNode body) {
    long definitionKey = JsonBodies.longValue(body, "processDefinitionKey", -1);
    String processId = JsonBodies.text(body, "processDefinitionId", null);
    if (definitionKey <= 0 && (processId == null || processId.isBlank())) {
      throw new InvalidRequestException("At least one of [processDefinitionId, processDefinitionKey] is required");
    }
    JsonNode runtimeInstructions = body.get("runtimeInstructions");
    if (runtimeInstructions != null && runtimeInstructions.isArray() && !runtimeInstructions.isEmpty()) {
      throw new NotSupportedException("Runtime instructions are not supported by the embedded engine");
    }
    Integer version = JsonBodies.optionalInt(body, "processDefinitionVersion");
    boolean await = Boolean.TRUE.equals(JsonBodies.optionalBoolean(body, "awaitCompletion"));
    long requestTimeout = JsonBodies.longValue(body, "requestTimeout", 0);
    if (await && requestTimeout <= 0) {
      requestTimeout = JobController.DEFAULT_REQUEST_TIMEOUT_MILLIS;
    }
    List<String> fetch = JsonBodies.strings(body, "fetchVariables");
    CreateInstanceCommand command = new CreateInstanceCommand(
        definitionKey,
        processId,
        version == null ? -1 : version,
        JsonBodies.map(body, "variables"),
        startElements(body.get("startInstructions")),
        await,
        requestTimeout,
        fetch == null ? List.of() : fetch,
        JsonBodies.tenant(body));
    return AsyncAnswers.answerNowOrLater(
        engine.commands().createProcessInstance(command),
        await ? requestTimeout : JobController.DEFAULT_REQUEST_TIMEOUT_MILLIS,
        null,
        created -> toJson(created, await));
  }

  private static List<String> startElements(JsonNode instructions) {
    List<String> elements = new ArrayList<>();
    if (instructions != null && instructions.isArray()) {
      for (JsonNode instruction : instructions) {
        elements.add(JsonBodies.requiredText(instruction, "elementId"));
      }
    }
    return elements;
  }

  private static Map<String, Object> toJson(CreatedInstance created, boolean await) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("processDefinitionId", created.bpmnProcessId());
    json.put("processDefinitionVersion", created.version());
    json.put("tenantId", created.tenantId());
    json.put("variables", await && created.variables() != null ? created.variables() : Map.of());
    json.put("processDefinitionKey", Long.toString(created.processDefinitionKey()));
    json.put("processInstanceKey", Long.toString(created.processInstanceKey()));
    json.put("tags", List.of());
    return json;
  }

  @PostMapping("/v2/process-instances/{key}/cancellation")
  public ResponseEntity<Void> cancel(@PathVariable String key) {
    engine.commands().cancelProcessInstance(PathKeys.parse(key, "processInstanceKey"));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/v2/process-instances/search")
  public Map<String, Object> search(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.PROCESS_INSTANCE, Searches.query(body)));
  }

  @GetMapping("/v2/process-instances/{key}")
  public Map<String, Object> get(@PathVariable String key) {
    long instanceKey = PathKeys.parse(key, "processInstanceKey");
    return PathKeys.found(readModel.get(SearchableEntity.PROCESS_INSTANCE, instanceKey), "Process instance", instanceKey);
  }

  @GetMapping("/v2/process-instances/{key}/call-hierarchy")
  public List<Map<String, Object>> callHierarchy(@PathVariable String key) {
    long instanceKey = PathKeys.parse(key, "processInstanceKey");
    get(key);
    return readModel.callHierarchy(instanceKey);
  }

  @GetMapping("/v2/process-instances/{key}/sequence-flows")
  public Map<String, Object> sequenceFlows(@PathVariable String key) {
    long instanceKey = PathKeys.parse(key, "processInstanceKey");
    get(key);
    return Map.of("items", readModel.sequenceFlows(instanceKey));
  }

  @GetMapping("/v2/process-instances/{key}/statistics/element-instances")
  public Map<String, Object> statistics(@PathVariable String key) {
    long instanceKey = PathKeys.parse(key, "processInstanceKey");
    get(key);
    return Map.of("items", readModel.elementStatistics(instanceKey));
  }

  @PostMapping("/v2/process-instances/{key}/incidents/search")
  public Map<String, Object> incidents(@PathVariable String key, @RequestBody(required = false) JsonNode body) {
    long instanceKey = PathKeys.parse(key, "processInstanceKey");
    get(key);
    return Searches.response(readModel.processInstanceIncidents(instanceKey, Searches.query(body)));
  }
}
