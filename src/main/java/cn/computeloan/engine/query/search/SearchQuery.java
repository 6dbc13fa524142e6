package cn.computeloan.engine.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/**
 * A search as the REST API receives it.
 *
 * @param filter the request's {@code filter} object as sent: each property a plain value or an
 *     advanced filter object ({@code $eq, $neq, $in, $notIn, $exists, $like, $gt, $gte, $lt,
 *     $lte}), plus {@code $or} alternatives
 */
public record SearchQuery(JsonNode filter, List<SortField> sort, PageRequest page) {

  public SearchQuery {
    filter = filter == null || filter.isNull() ? JsonNodeFactory.instance.objectNode() : filter;
    sort = sort == null ? List.of() : List.copyOf(sort);
    page = page == null ? PageRequest.firstPage() : page;
  }

  /** All entities, default order, first page. */
  public static SearchQuery all() {
    return new SearchQuery(null, List.of(), PageRequest.firstPage());
  }

  public SearchQuery withFilter(JsonNode newFilter) {
    return new SearchQuery(newFilter, sort, page);
  }
}
