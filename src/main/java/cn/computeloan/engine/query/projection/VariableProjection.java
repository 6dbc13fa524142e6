package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.FieldCondition;
import cn.computeloan.engine.query.search.Keys;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.VariableValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Variables, one document per (scope, name). The variable key is the key of the CREATED record and
 * stays the same across updates. Search results carry at most {@link #MAX_VALUE_LENGTH} characters
 * of a value, flagged {@code isTruncated}; the full value is in {@link #fullVariable}.
 */
public final class VariableProjection {

  /** Camunda's preview size of variable values in search results. */
  public static final int MAX_VALUE_LENGTH = 8191;

  public final DocumentIndex variables = new DocumentIndex();
  /** Every CREATED/UPDATED of a variable, id = record position (engine extension, see ReadModel). */
  public final DocumentIndex changes = new DocumentIndex();
  public final Map<String, Long> keysByScopeAndName = new HashMap<>();
  /** The variables of each scope: a user task's variables without scanning every variable. */
  private final Map<Long, List<Long>> keysByScope = new HashMap<>();

  public VariableProjection() {
    // A value filter compares the full value, not the truncated preview.
    variables.withFilter("value", (variable, condition, context) ->
        FieldCondition.evaluate(condition, variable.internal("fullValue")));
  }

  /**
   * Applies a variable record; {@code writerElementInstanceKey} is the element instance whose
   * activation, completion or command wrote it (or its scope when unknown).
   */
  public void apply(Record record, VariableValue value, long writerElementInstanceKey, String writerElementId) {
    String scopeAndName = value.scopeKey() + "/" + value.name();
    Long known = keysByScopeAndName.get(scopeAndName);
    long key = known != null ? known : created(scopeAndName, value.scopeKey(), record.key());
    String fullValue = value.value();
    boolean truncated = fullValue != null && fullValue.length() > MAX_VALUE_LENGTH;
    variables.upsert(key)
        .put("value", truncated ? fullValue.substring(0, MAX_VALUE_LENGTH) : fullValue)
        .put("isTruncated", truncated)
        .put("name", value.name())
        .put("tenantId", value.tenantId())
        .put("variableKey", Keys.key(key))
        .put("scopeKey", Keys.key(value.scopeKey()))
        .put("processInstanceKey", Keys.key(value.processInstanceKey()))
        .putInternal("fullValue", fullValue);
    changes.upsert(Long.toString(record.position()))
        .put("variableKey", Keys.key(key))
        .put("name", value.name())
        .put("value", fullValue)
        .put("changeType", record.intent())
        .put("changeTime", Keys.date(record.timestamp()))
        .put("scopeKey", Keys.key(value.scopeKey()))
        .put("processInstanceKey", Keys.key(value.processInstanceKey()))
        .put("processDefinitionKey", Keys.key(value.processDefinitionKey()))
        .put("processDefinitionId", value.bpmnProcessId())
        .put("writerElementInstanceKey", Keys.key(writerElementInstanceKey))
        .put("writerElementId", writerElementId)
        .put("tenantId", value.tenantId());
  }

  private long created(String scopeAndName, long scopeKey, long key) {
    keysByScopeAndName.put(scopeAndName, key);
    keysByScope.computeIfAbsent(scopeKey, k -> new ArrayList<>(4)).add(key);
    return key;
  }

  /** After a snapshot: the keys by scope and name, and from them the keys by scope. */
  public void restoreKeys(Map<String, Long> byScopeAndName) {
    byScopeAndName.forEach((scopeAndName, key) ->
        created(scopeAndName, Long.parseLong(scopeAndName.substring(0, scopeAndName.indexOf('/'))), key));
  }

  /** The variables of one scope (current documents only). */
  public List<Document> inScope(long scopeKey) {
    List<Document> found = new ArrayList<>();
    for (long key : keysByScope.getOrDefault(scopeKey, List.of())) {
      variables.find(key).ifPresent(found::add);
    }
    return found;
  }

  /** The variable with its full value, in the shape of {@code VariableResult}. */
  public Optional<Map<String, Object>> fullVariable(long variableKey) {
    return variables.find(variableKey).map(VariableProjection::fullVariable);
  }

  public static Map<String, Object> fullVariable(Document variable) {
    Map<String, Object> json = variable.toJson();
    json.remove("isTruncated");
    json.put("value", variable.internal("fullValue"));
    return json;
  }

  Optional<Document> find(long scopeKey, String name) {
    Long key = keysByScopeAndName.get(scopeKey + "/" + name);
    return key == null ? Optional.empty() : variables.find(key);
  }

  public void removeInstances(Set<Long> processInstanceKeys) {
    variables.removeIf(v -> processInstanceKeys.contains(v.longField("processInstanceKey")));
    changes.removeIf(c -> processInstanceKeys.contains(c.longField("processInstanceKey")));
    keysByScopeAndName.values().removeIf(key -> variables.find(key).isEmpty());
    keysByScope.values().forEach(keys -> keys.removeIf(key -> variables.find(key).isEmpty()));
    keysByScope.values().removeIf(List::isEmpty);
  }

  public void clear() {
    variables.clear();
    changes.clear();
    keysByScopeAndName.clear();
    keysByScope.clear();
  }
}
