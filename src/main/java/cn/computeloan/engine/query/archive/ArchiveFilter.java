package cn.computeloan.engine.query.archive;

import cn.computeloan.engine.query.archive.ArchiveColumns.Column;
import cn.computeloan.engine.query.archive.ArchiveColumns.Type;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.FieldCondition;
import cn.computeloan.engine.query.search.Keys;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.query.search.ValueOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The SQL part of an archive search: conditions on indexed columns that every match of the search
 * filter must satisfy. It may let through documents that do not match (the full filter is applied
 * in Java afterwards) but never drops one that does: a condition it cannot translate exactly
 * (like, not-equal, {@code $or}, values whose equality is numeric or chronological in {@link
 * ValueOrder}) is simply not pushed down.
 */
public final class ArchiveFilter {

  /** The longest {@code $in} list pushed down to SQL; longer ones are left to the Java filter. */
  static final int MAX_PUSHED_VALUES = 1000;

  private final StringBuilder where = new StringBuilder("entity = ?");
  private final List<Object> parameters = new ArrayList<>();

  public ArchiveFilter(String entity) {
    parameters.add(entity);
  }

  String where() {
    return where.toString();
  }

  List<Object> parameters() {
    return parameters;
  }

  /** Pushes down what it can of a search filter on the entity's columns. */
  ArchiveFilter filter(SearchableEntity entity, DocumentIndex index, JsonNode filter) {
    Map<String, Column> columns = ArchiveColumns.of(entity.name());
    String idField = ArchiveColumns.idField(entity);
    Iterator<Map.Entry<String, JsonNode>> properties = filter.fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      JsonNode condition = property.getValue();
      if (FieldCondition.isEmpty(condition) || !index.isPlainField(property.getKey())) {
        continue;
      }
      if (property.getKey().equals(idField)) {
        condition(new Column("id", Type.TEXT), condition, true);
      }
      Column column = columns.get(property.getKey());
      if (column != null) {
        condition(column, condition, false);
      }
    }
    return this;
  }

  /** {@code column IN (values)}, values already in the column's form. */
  public ArchiveFilter in(String column, Collection<?> values) {
    if (values.isEmpty()) {
      where.append(" AND 1 = 0");
      return this;
    }
    where.append(" AND ").append(column).append(" IN (").append("?,".repeat(values.size() - 1)).append("?)");
    parameters.addAll(values);
    return this;
  }

  public ArchiveFilter equal(String column, Object value) {
    where.append(" AND ").append(column).append(" = ?");
    parameters.add(value);
    return this;
  }

  /**
   * Process instances having a variable of this name (and, when the condition is a plain text
   * equality, that value): the join of the process-instance {@code variables} filter.
   */
  ArchiveFilter hasVariable(String name, JsonNode valueCondition) {
    if (name.length() > 255) {
      return this; // the name column holds 255 characters: leave it to the Java filter
    }
    where.append(" AND process_instance_key IN (SELECT v.process_instance_key FROM engine_history_document v"
        + " WHERE v.entity = 'VARIABLE' AND v.name = ?");
    parameters.add(name);
    String value = exactText(valueCondition);
    if (value != null) {
      where.append(" AND (v.short_value = ? OR v.short_value IS NULL)");
      parameters.add(value);
    }
    where.append(")");
    return this;
  }

  private void condition(Column column, JsonNode condition, boolean idAsText) {
    if (condition.isValueNode()) {
      operator(column, "$eq", condition, idAsText);
      return;
    }
    if (!condition.isObject() || !condition.fieldNames().next().startsWith("$")) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> operators = condition.fields();
    while (operators.hasNext()) {
      Map.Entry<String, JsonNode> operator = operators.next();
      JsonNode operand = operator.getValue();
      if (operand != null && !operand.isNull() && !(operand.isArray() && operand.isEmpty())) {
        operator(column, operator.getKey(), operand, idAsText);
      }
    }
  }

  private void operator(Column column, String operator, JsonNode operand, boolean idAsText) {
    switch (operator) {
      case "$eq" -> {
        Object value = idAsText ? keyText(operand) : value(column, operand);
        if (value != null) {
          equal(column.name(), value);
        }
      }
      case "$in" -> {
        if (!operand.isArray()) {
          operator(column, "$eq", operand, idAsText);
          return;
        }
        if (operand.size() > MAX_PUSHED_VALUES) {
          return; // databases bound the parameters of a statement (PostgreSQL: 32,767): Java filters it
        }
        List<Object> values = new ArrayList<>();
        for (JsonNode candidate : operand) {
          Object value = idAsText ? keyText(candidate) : value(column, candidate);
          if (value == null) {
            return;
          }
          values.add(value);
        }
        in(column.name(), values);
      }
      case "$exists" -> {
        if (!idAsText) {
          where.append(" AND ").append(column.name()).append(operand.asBoolean() ? " IS NOT NULL" : " IS NULL");
        }
      }
      case "$gt", "$gte", "$lt", "$lte" -> {
        if (column.type() == Type.TEXT) {
          return;
        }
        Object value = value(column, operand);
        if (value != null) {
          String sql = switch (operator) {
            case "$gt" -> " > ?";
            case "$gte" -> " >= ?";
            case "$lt" -> " < ?";
            default -> " <= ?";
          };
          where.append(" AND ").append(column.name()).append(sql);
          parameters.add(value);
        }
      }
      default -> {
        // $neq, $notIn, $like: left to the Java filter
      }
    }
  }

  /** The operand as the column holds it, or null when SQL equality would not be ValueOrder's. */
  private static Object value(Column column, JsonNode operand) {
    if (!operand.isValueNode()) {
      return null;
    }
    return switch (column.type()) {
      case KEY -> {
        try {
          yield Long.parseLong(operand.asText());
        } catch (NumberFormatException e) {
          yield null;
        }
      }
      case DATE -> {
        try {
          yield Keys.date(OffsetDateTime.parse(operand.asText()).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
          yield null;
        }
      }
      case TEXT -> exactText(operand);
    };
  }

  private static String keyText(JsonNode operand) {
    if (!operand.isValueNode()) {
      return null;
    }
    try {
      return Long.toString(Long.parseLong(operand.asText()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Text whose equality in {@link ValueOrder} is plain string equality (not a number, not a date). */
  private static String exactText(JsonNode operand) {
    if (operand == null || !operand.isValueNode() || operand.isNull()) {
      return null;
    }
    Object scalar = FieldCondition.scalar(operand);
    // the archive keeps at most 255 characters of a text column
    if (!(scalar instanceof String text) || text.length() > 255 || ValueOrder.number(text) != null
        || ValueOrder.dateTime(text) != null) {
      return null;
    }
    return text;
  }
}
