package cn.computeloan.engine.rest;

import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.ResourceView;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.record.ValueType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Process definitions: search, get, BPMN XML, start form and element statistics. */
@RestController
@ConditionalOnEmbeddedEngine
public class ProcessDefinitionController {

  private final ReadModel readModel;

  public ProcessDefinitionController(ReadModel readModel) {
    this.readModel = readModel;
  }

  @PostMapping("/v2/process-definitions/search")
  public Map<String, Object> search(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.PROCESS_DEFINITION, Searches.query(body)));
  }

  @GetMapping("/v2/process-definitions/{key}")
  public Map<String, Object> get(@PathVariable String key) {
    long definitionKey = PathKeys.parse(key, "processDefinitionKey");
    return PathKeys.found(readModel.get(SearchableEntity.PROCESS_DEFINITION, definitionKey), "Process definition", definitionKey);
  }

  @GetMapping("/v2/process-definitions/{key}/xml")
  public ResponseEntity<String> xml(@PathVariable String key) {
    long definitionKey = PathKeys.parse(key, "processDefinitionKey");
    ResourceView resource = PathKeys.found(
        readModel.resource(definitionKey).filter(r -> r.kind() == ValueType.PROCESS), "Process definition", key);
    return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(resource.content());
  }

  /** The start form, or 204 when the process's start event links none (as Camunda answers). */
  @GetMapping("/v2/process-definitions/{key}/form")
  public ResponseEntity<Map<String, Object>> form(@PathVariable String key) {
    long definitionKey = PathKeys.parse(key, "processDefinitionKey");
    PathKeys.found(readModel.get(SearchableEntity.PROCESS_DEFINITION, definitionKey), "Process definition", definitionKey);
    return readModel.processStartForm(definitionKey)
        .map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.noContent().build());
  }

  @PostMapping("/v2/process-definitions/{key}/statistics/element-instances")
  public Map<String, Object> statistics(@PathVariable String key, @RequestBody(required = false) JsonNode body) {
    long definitionKey = PathKeys.parse(key, "processDefinitionKey");
    JsonNode filter = JsonBodies.orEmpty(body).get("filter");
    return Map.of("items", readModel.definitionElementStatistics(definitionKey, filter));
  }
}
