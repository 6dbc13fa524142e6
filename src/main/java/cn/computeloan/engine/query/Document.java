package cn.computeloan.engine.query;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One searchable entity of the read model, shaped like its Camunda REST (v2) JSON result, as
 * Operate and Tasklist keep their entities as documents of a search index. {@code fields} is the
 * public JSON (keys as strings, dates as ISO-8601 strings, absent values left out); {@code
 * internal} holds what only filters and joins need (flow scope, full variable value, ...).
 *
 * <p>Documents are mutated only by projections under the read model's write lock and copied before
 * they leave it.
 */
final class Document {

  private final String id;
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final Map<String, Object> internal = new LinkedHashMap<>();

  Document(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  Object get(String field) {
    return fields.get(field);
  }

  /** Sets a public field; null removes it so that absent and null read the same. */
  Document put(String field, Object value) {
    if (value == null) {
      fields.remove(field);
    } else {
      fields.put(field, value);
    }
    return this;
  }

  Object internal(String name) {
    return internal.get(name);
  }

  Document putInternal(String name, Object value) {
    internal.put(name, value);
    return this;
  }

  /** A copy of the internal fields (for a snapshot). */
  Map<String, Object> internalCopy() {
    return new LinkedHashMap<>(internal);
  }

  long longField(String field) {
    Object value = fields.get(field);
    return value == null ? -1 : Long.parseLong(value.toString());
  }

  /** A copy of the public fields, safe to hand to another thread. */
  Map<String, Object> toJson() {
    return new LinkedHashMap<>(fields);
  }
}
