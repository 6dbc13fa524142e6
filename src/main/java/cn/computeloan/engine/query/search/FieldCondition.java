package cn.computeloan.engine.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Evaluates one property of a search filter against a field value. The client sends a property
 * either as a plain value ({@code "state":"ACTIVE"}) or as an advanced filter object ({@code
 * {"$in":["ACTIVE"],"$neq":"COMPLETED"}}); every operator given must hold. Null and empty arrays
 * mean "no condition".
 */
public final class FieldCondition {

  private FieldCondition() {}

  /** True when the condition says nothing (null, empty array, empty object). */
  public static boolean isEmpty(JsonNode condition) {
    return condition == null
        || condition.isNull()
        || condition.isMissingNode()
        || (condition.isContainerNode() && condition.isEmpty());
  }

  /**
   * How far the condition holds for the value: decided, except {@code $like}, which is left as a
   * {@link Residual} on the value's text to be matched outside the read model's lock.
   */
  public static Residual evaluate(JsonNode condition, Object actual) {
    if (isEmpty(condition)) {
      return Residual.TRUE;
    }
    if (condition.isArray()) {
      return Residual.of(containsAll(actual, condition));
    }
    if (condition.isObject() && isOperatorObject(condition)) {
      Residual result = Residual.TRUE;
      Iterator<Map.Entry<String, JsonNode>> operators = condition.fields();
      while (operators.hasNext() && result != Residual.FALSE) {
        Map.Entry<String, JsonNode> operator = operators.next();
        result = Residual.and(result, holds(operator.getKey(), operator.getValue(), actual));
      }
      return result;
    }
    return Residual.of(equal(actual, condition));
  }

  private static boolean isOperatorObject(JsonNode condition) {
    return condition.fieldNames().next().startsWith("$");
  }

  private static Residual holds(String operator, JsonNode operand, Object actual) {
    // The client serialises unset operators as null and unset lists as [] next to the one it set.
    if (operand == null || operand.isNull() || (operand.isArray() && operand.isEmpty())) {
      return Residual.TRUE;
    }
    if ("$like".equals(operator)) {
      return actual == null ? Residual.FALSE : Residual.like(operand.asText(), actual.toString());
    }
    return Residual.of(switch (operator) {
      case "$eq" -> equal(actual, operand);
      case "$neq" -> !equal(actual, operand);
      case "$exists" -> (actual != null) == operand.asBoolean();
      case "$in" -> anyEqual(actual, operand);
      case "$notIn" -> !anyEqual(actual, operand);
      case "$gt" -> actual != null && ValueOrder.compare(actual, scalar(operand)) > 0;
      case "$gte" -> actual != null && ValueOrder.compare(actual, scalar(operand)) >= 0;
      case "$lt" -> actual != null && ValueOrder.compare(actual, scalar(operand)) < 0;
      case "$lte" -> actual != null && ValueOrder.compare(actual, scalar(operand)) <= 0;
      default -> throw new InvalidQueryException("Unsupported filter operator '" + operator + "'");
    });
  }

  private static boolean anyEqual(Object actual, JsonNode candidates) {
    if (!candidates.isArray()) {
      return equal(actual, candidates);
    }
    for (JsonNode candidate : candidates) {
      if (equal(actual, candidate)) {
        return true;
      }
    }
    return false;
  }

  /** For list fields (candidate groups, tags) a plain value means "contains". */
  private static boolean equal(Object actual, JsonNode expected) {
    if (actual instanceof Collection<?> values) {
      return values.stream().anyMatch(value -> ValueOrder.equal(value, scalar(expected)));
    }
    return ValueOrder.equal(actual, scalar(expected));
  }

  private static boolean containsAll(Object actual, JsonNode expected) {
    for (JsonNode value : expected) {
      if (!equal(actual, value)) {
        return false;
      }
    }
    return true;
  }

  public static Object scalar(JsonNode node) {
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
