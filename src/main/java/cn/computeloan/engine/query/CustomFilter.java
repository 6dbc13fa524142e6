package cn.computeloan.engine.query;

import com.fasterxml.jackson.databind.JsonNode;

/** A filter property that is not a plain field comparison (joins, list membership, ...). */
@FunctionalInterface
interface CustomFilter {
  boolean matches(Document document, JsonNode condition);
}
