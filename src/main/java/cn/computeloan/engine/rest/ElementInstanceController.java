package cn.computeloan.engine.rest;

import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.search.SearchableEntity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Element instances: search, get, and setting variables on a scope. */
@RestController
@ConditionalOnEmbeddedEngine
public class ElementInstanceController {

  private final EngineAccess engine;
  private final ReadModel readModel;

  public ElementInstanceController(EngineAccess engine, ReadModel readModel) {
    this.engine = engine;
    this.readModel = readModel;
  }

  @PostMapping("/v2/element-instances/search")
  public Map<String, Object> search(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.ELEMENT_INSTANCE, Searches.query(body)));
  }

  @GetMapping("/v2/element-instances/{key}")
  public Map<String, Object> get(@PathVariable String key) {
    long elementInstanceKey = PathKeys.parse(key, "elementInstanceKey");
    return PathKeys.found(readModel.get(SearchableEntity.ELEMENT_INSTANCE, elementInstanceKey), "Element instance", elementInstanceKey);
  }

  @PutMapping("/v2/element-instances/{key}/variables")
  public ResponseEntity<Void> setVariables(@PathVariable String key, @RequestBody JsonNode body) {
    if (!JsonBodies.has(body, "variables")) {
      throw InvalidRequestException.missing("variables");
    }
    engine.commands().setVariables(
        PathKeys.parse(key, "elementInstanceKey"),
        JsonBodies.map(body, "variables"),
        Boolean.TRUE.equals(JsonBodies.optionalBoolean(body, "local")));
    return ResponseEntity.noContent().build();
  }
}
