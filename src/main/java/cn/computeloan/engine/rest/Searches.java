package cn.computeloan.engine.rest;

import cn.computeloan.engine.query.search.PageRequest;
import cn.computeloan.engine.query.search.SearchLimits;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchResult;
import cn.computeloan.engine.query.search.SortField;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code {"filter","sort","page"}} search requests and writes search responses. */
final class Searches {

  private Searches() {}

  static SearchQuery query(JsonNode requestBody) {
    JsonNode body = JsonBodies.orEmpty(requestBody);
    JsonNode filter = body.get("filter");
    if (filter != null && !filter.isNull() && !filter.isObject()) {
      throw new InvalidRequestException("The filter must be a JSON object");
    }
    return new SearchQuery(filter, sort(body.get("sort")), page(body.get("page")));
  }

  private static List<SortField> sort(JsonNode sort) {
    List<SortField> fields = new ArrayList<>();
    if (sort == null || !sort.isArray()) {
      return fields;
    }
    for (JsonNode field : sort) {
      String name = JsonBodies.requiredText(field, "field");
      String order = JsonBodies.text(field, "order", "ASC");
      if (!"ASC".equalsIgnoreCase(order) && !"DESC".equalsIgnoreCase(order)) {
        throw new InvalidRequestException("Unknown sort order '" + order + "', expected ASC or DESC");
      }
      fields.add(new SortField(name, "DESC".equalsIgnoreCase(order)));
    }
    return fields;
  }

  private static PageRequest page(JsonNode page) {
    if (page == null || page.isNull()) {
      return PageRequest.firstPage();
    }
    Integer limit = JsonBodies.optionalInt(page, "limit");
    Integer from = JsonBodies.optionalInt(page, "from");
    SearchLimits.checkPage(from == null ? 0 : from, limit == null ? PageRequest.DEFAULT_LIMIT : limit, "page");
    String after = JsonBodies.text(page, "after", null);
    String before = JsonBodies.text(page, "before", null);
    if (after != null && before != null) {
      throw new InvalidRequestException("Both after and before cursors provided, expected at most one");
    }
    return new PageRequest(
        from == null ? 0 : from, limit == null ? PageRequest.DEFAULT_LIMIT : limit, after, before);
  }

  static Map<String, Object> response(SearchResult result) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("totalItems", result.totalItems());
    page.put("startCursor", result.startCursor());
    page.put("endCursor", result.endCursor());
    page.put("hasMoreTotalItems", false);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("items", result.items());
    response.put("page", page);
    return response;
  }
}
