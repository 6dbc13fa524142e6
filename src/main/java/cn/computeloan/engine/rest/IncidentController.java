package cn.computeloan.engine.rest;

import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.search.SearchableEntity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Incidents: search, get, resolution. */
@RestController
@ConditionalOnEmbeddedEngine
public class IncidentController {

  private final EngineAccess engine;
  private final ReadModel readModel;

  public IncidentController(EngineAccess engine, ReadModel readModel) {
    this.engine = engine;
    this.readModel = readModel;
  }

  @PostMapping("/v2/incidents/search")
  public Map<String, Object> search(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.INCIDENT, Searches.query(body)));
  }

  @GetMapping("/v2/incidents/{key}")
  public Map<String, Object> get(@PathVariable String key) {
    long incidentKey = PathKeys.parse(key, "incidentKey");
    return PathKeys.found(readModel.get(SearchableEntity.INCIDENT, incidentKey), "Incident", incidentKey);
  }

  @PostMapping("/v2/incidents/{key}/resolution")
  public ResponseEntity<Void> resolve(@PathVariable String key) {
    engine.commands().resolveIncident(PathKeys.parse(key, "incidentKey"));
    return ResponseEntity.noContent().build();
  }
}
