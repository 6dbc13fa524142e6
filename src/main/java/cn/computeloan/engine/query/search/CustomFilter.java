package cn.computeloan.engine.query.search;

import com.fasterxml.jackson.databind.JsonNode;

/** A filter property that is not a plain field comparison (joins, list membership, ...). */
@FunctionalInterface
public interface CustomFilter {

  /**
   * How far the condition holds for the document (see {@link Residual}). For an in-memory document
   * it runs under the read lock, so it must cost little per document: look related documents up
   * (or use what {@link #prepare} built), never scan a whole index.
   */
  Residual matches(Document document, JsonNode condition, SearchContext context);

  /** Builds what {@link #matches} looks up, once per search, before the scan (nothing by default). */
  default void prepare(JsonNode condition, SearchContext context) {}
}
