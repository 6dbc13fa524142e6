package cn.computeloan.engine.rest;

import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchResult;
import cn.computeloan.engine.query.search.SearchableEntity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Variables: search (values truncated past 8191 characters) and get (full value); and, as an
 * engine extension for auditors, the history of changes of one variable or of all variables
 * (docs/engine-durability.md).
 */
@RestController
@ConditionalOnEmbeddedEngine
public class VariableController {

  private final ReadModel readModel;

  public VariableController(ReadModel readModel) {
    this.readModel = readModel;
  }

  @PostMapping("/v2/variables/search")
  public Map<String, Object> search(@RequestBody(required = false) JsonNode body,
      @RequestParam(name = "truncateValues", required = false) Boolean truncateValues) {
    return fullValuesUnless(truncateValues,
        Searches.response(readModel.search(SearchableEntity.VARIABLE, Searches.query(body))), readModel);
  }

  /**
   * {@code truncateValues=false} (Camunda 8.8): the items of a variable search carry full values
   * instead of the 8191-character previews; the few truncated ones are read one by one.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> fullValuesUnless(Boolean truncateValues, Map<String, Object> response,
      ReadModel readModel) {
    if (truncateValues == null || truncateValues) {
      return response;
    }
    List<Map<String, Object>> items = new ArrayList<>((List<Map<String, Object>>) response.get("items"));
    items.replaceAll(item -> Boolean.TRUE.equals(item.get("isTruncated"))
        ? readModel.get(SearchableEntity.VARIABLE, String.valueOf(item.get("variableKey")))
            .map(full -> {
              Map<String, Object> copy = new LinkedHashMap<>(item);
              copy.put("value", full.get("value"));
              copy.put("isTruncated", false);
              return copy;
            }).orElse(item)
        : item);
    Map<String, Object> copy = new LinkedHashMap<>(response);
    copy.put("items", items);
    return copy;
  }

  /** Every change of one variable: value, time, scope and the element instance that wrote it. */
  @PostMapping("/v2/variables/{key}/changes/search")
  public Map<String, Object> changes(@PathVariable String key, @RequestBody(required = false) JsonNode body) {
    long variableKey = PathKeys.parse(key, "variableKey");
    SearchQuery query = Searches.query(body);
    SearchResult result = readModel.variableChanges(variableKey, query);
    if (result.totalItems() == 0) {
      PathKeys.found(readModel.get(SearchableEntity.VARIABLE, variableKey), "Variable", variableKey);
    }
    return Searches.response(result);
  }

  /** Variable changes of any variable, filtered like a search (processInstanceKey, name, scopeKey, ...). */
  @PostMapping("/v2/variable-changes/search")
  public Map<String, Object> searchChanges(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.VARIABLE_CHANGE, Searches.query(body)));
  }

  @GetMapping("/v2/variables/{key}")
  public Map<String, Object> get(@PathVariable String key) {
    long variableKey = PathKeys.parse(key, "variableKey");
    return PathKeys.found(readModel.get(SearchableEntity.VARIABLE, variableKey), "Variable", variableKey);
  }
}
