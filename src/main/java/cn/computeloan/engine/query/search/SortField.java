package cn.computeloan.engine.query.search;



/** One sort criterion of a search: a result field and its direction. */
public record SortField(String field, boolean descending) {}
