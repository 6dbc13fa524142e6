package cn.computeloan.engine.query;

import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.VariableValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Variables, one document per (scope, name). The variable key is the key of the CREATED record and
 * stays the same across updates. Search results carry at most {@link #MAX_VALUE_LENGTH} characters
 * of a value, flagged {@code isTruncated}; the full value is in {@link #fullVariable}.
 */
final class VariableProjection {

  /** Camunda's preview size of variable values in search results. */
  static final int MAX_VALUE_LENGTH = 8191;

  final DocumentIndex variables = new DocumentIndex();
  final Map<String, Long> keysByScopeAndName = new HashMap<>();

  VariableProjection() {
    // A value filter compares the full value, not the truncated preview.
    variables.withFilter("value", (variable, condition) ->
        FieldCondition.matches(condition, variable.internal("fullValue")));
  }

  void apply(Record record, VariableValue value) {
    String scopeAndName = value.scopeKey() + "/" + value.name();
    long key = keysByScopeAndName.computeIfAbsent(scopeAndName, k -> record.key());
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
  }

  /** The variable with its full value, in the shape of {@code VariableResult}. */
  Optional<Map<String, Object>> fullVariable(long variableKey) {
    return variables.find(variableKey).map(variable -> {
      Map<String, Object> json = variable.toJson();
      json.remove("isTruncated");
      json.put("value", variable.internal("fullValue"));
      return json;
    });
  }

  Optional<Document> find(long scopeKey, String name) {
    Long key = keysByScopeAndName.get(scopeKey + "/" + name);
    return key == null ? Optional.empty() : variables.find(key);
  }

  void removeInstances(Set<Long> processInstanceKeys) {
    variables.removeIf(v -> processInstanceKeys.contains(v.longField("processInstanceKey")));
    keysByScopeAndName.values().removeIf(key -> variables.find(key).isEmpty());
  }

  void clear() {
    variables.clear();
    keysByScopeAndName.clear();
  }
}
