package cn.computeloan.engine.rest;

import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.SearchableEntity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Variables: search (values truncated past 8191 characters) and get (full value). */
@RestController
@ConditionalOnEmbeddedEngine
public class VariableController {

  private final ReadModel readModel;

  public VariableController(ReadModel readModel) {
    this.readModel = readModel;
  }

  @PostMapping("/v2/variables/search")
  public Map<String, Object> search(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.VARIABLE, Searches.query(body)));
  }

  @GetMapping("/v2/variables/{key}")
  public Map<String, Object> get(@PathVariable String key) {
    long variableKey = PathKeys.parse(key, "variableKey");
    return PathKeys.found(readModel.get(SearchableEntity.VARIABLE, variableKey), "Variable", variableKey);
  }
}
