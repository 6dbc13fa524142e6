package cn.computeloan.engine.query.search;

import java.util.List;
import java.util.Map;

/**
 * One page of search results, in the shape of Camunda's {@code SearchQueryResponse}.
 *
 * @param items the entities as JSON-ready maps
 * @param totalItems the number of matches over all pages
 * @param startCursor cursor of the first item (null on an empty page)
 * @param endCursor cursor of the last item (null on an empty page)
 */
public record SearchResult(
    List<Map<String, Object>> items, long totalItems, String startCursor, String endCursor) {}
