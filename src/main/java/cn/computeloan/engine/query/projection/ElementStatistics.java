package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.query.search.Document;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts element instances per element id as Operate's diagram does: active (without incident),
 * canceled, with incident, completed. Multi-instance bodies are left out so that an activity is
 * not counted twice (body and inner instances share the element id).
 */
public final class ElementStatistics {

  private ElementStatistics() {}

  public static List<Map<String, Object>> of(Iterable<Document> elements) {
    Map<String, long[]> counts = new TreeMap<>();
    for (Document element : elements) {
      if ("MULTI_INSTANCE_BODY".equals(element.get("type"))) {
        continue;
      }
      long[] count = counts.computeIfAbsent((String) element.get("elementId"), id -> new long[4]);
      String state = (String) element.get("state");
      boolean incident = Boolean.TRUE.equals(element.get("hasIncident"));
      if ("ACTIVE".equals(state)) {
        count[incident ? 2 : 0]++;
      } else if ("TERMINATED".equals(state)) {
        count[1]++;
      } else if ("COMPLETED".equals(state)) {
        count[3]++;
      }
    }
    return counts.entrySet().stream().map(entry -> {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("elementId", entry.getKey());
      json.put("active", entry.getValue()[0]);
      json.put("canceled", entry.getValue()[1]);
      json.put("incidents", entry.getValue()[2]);
      json.put("completed", entry.getValue()[3]);
      return json;
    }).toList();
  }
}
