package cn.computeloan.engine.query.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * One searchable entity of the read model, shaped like its Camunda REST (v2) JSON result, as
 * Operate and Tasklist keep their entities as documents of a search index. {@code fields} is the
 * public JSON (keys as strings, dates as ISO-8601 strings, absent values left out); {@code
 * internal} holds what only filters and joins need (flow scope, full variable value, ...).
 *
 * <p>Documents are mutated only by projections under the read model's write lock and copied before
 * they leave it. A document read back from the {@link HistoryArchive} is {@link #archived()}: it
 * belongs to a finished tree, never changes again and is not in any index.
 */
public final class Document {

  private final String id;
  private final Map<String, Object> fields;
  // most documents have no internal values: the map is created on first use
  private Map<String, Object> internal;
  private final boolean archived;

  Document(String id) {
    this(id, new LinkedHashMap<>(16), null, false);
  }

  private Document(String id, Map<String, Object> fields, Map<String, Object> internal, boolean archived) {
    this.id = id;
    this.fields = fields;
    this.internal = internal;
    this.archived = archived;
  }

  /** A document read back from the archive. */
  public static Document restored(String id, Map<String, Object> fields, Map<String, Object> internal) {
    return new Document(id, fields, internal == null || internal.isEmpty() ? null : internal, true);
  }

  public String id() {
    return id;
  }

  public boolean archived() {
    return archived;
  }

  public Object get(String field) {
    return fields.get(field);
  }

  /** Sets a public field; null removes it so that absent and null read the same. */
  public Document put(String field, Object value) {
    if (value == null) {
      fields.remove(field);
    } else {
      fields.put(field, value);
    }
    return this;
  }

  public Object internal(String name) {
    return internal == null ? null : internal.get(name);
  }

  public Document putInternal(String name, Object value) {
    if (internal == null) {
      internal = new LinkedHashMap<>(4);
    }
    internal.put(name, value);
    return this;
  }

  /** The internal values (read-only use: serialising to the archive). */
  public Map<String, Object> internals() {
    return internal == null ? Map.of() : internal;
  }

  /** A copy of the internal fields (for a snapshot). */
  public Map<String, Object> internalCopy() {
    return new LinkedHashMap<>(internals());
  }

  public long longField(String field) {
    Object value = fields.get(field);
    return value == null ? -1 : Long.parseLong(value.toString());
  }

  /**
   * The public fields themselves, read-only: for serialising a document that no other thread
   * changes (an archived one, or a copy).
   */
  public Map<String, Object> fields() {
    return Collections.unmodifiableMap(fields);
  }

  /** A detached copy (fields and internal values), safe to read outside the read model's lock. */
  public Document copy() {
    return new Document(id, new LinkedHashMap<>(fields), internal == null ? null : new LinkedHashMap<>(internal), archived);
  }

  /** A copy of the public fields, safe to hand to another thread. */
  public Map<String, Object> toJson() {
    return new LinkedHashMap<>(fields);
  }

  /**
   * For a user task's document: its element instance and the enclosing scopes, innermost first, then
   * the process instance ({@code flowScope} gives a scope's parent, or -1).
   */
  public List<Long> scopeKeys(LongUnaryOperator flowScope) {
    List<Long> scopes = new ArrayList<>();
    for (long scope = longField("elementInstanceKey"); scope > 0; scope = flowScope.applyAsLong(scope)) {
      scopes.add(scope);
    }
    long processInstanceKey = longField("processInstanceKey");
    if (!scopes.contains(processInstanceKey)) {
      scopes.add(processInstanceKey);
    }
    return scopes;
  }
}
