package cn.computeloan.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading request bodies leniently as Camunda does: unknown properties are ignored, keys may come
 * as strings or numbers, and a missing required property is a 400 naming it.
 */
final class JsonBodies {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBodies() {}

  /** An absent body reads as an empty object (commands such as cancellation send none). */
  static JsonNode orEmpty(JsonNode body) {
    return body == null || body.isNull() || body.isMissingNode() ? JsonNodeFactory.instance.objectNode() : body;
  }

  static boolean has(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value != null && !value.isNull();
  }

  static String requiredText(JsonNode body, String field) {
    if (!has(body, field) || body.get(field).asText().isEmpty()) {
      throw InvalidRequestException.missing(field);
    }
    return body.get(field).asText();
  }

  static String text(JsonNode body, String field, String fallback) {
    return has(body, field) ? body.get(field).asText() : fallback;
  }

  static String tenant(JsonNode body) {
    String tenant = text(body, "tenantId", null);
    return tenant == null || tenant.isBlank() ? "<default>" : tenant;
  }

  static long longValue(JsonNode body, String field, long fallback) {
    if (!has(body, field)) {
      return fallback;
    }
    JsonNode value = body.get(field);
    if (value.isNumber()) {
      return value.asLong();
    }
    return parseKey(value.asText(), field);
  }

  static Integer optionalInt(JsonNode body, String field) {
    if (!has(body, field)) {
      return null;
    }
    JsonNode value = body.get(field);
    if (!value.canConvertToInt() && !value.isTextual()) {
      throw new InvalidRequestException("The value of " + field + " is not an integer");
    }
    try {
      return value.isTextual() ? Integer.valueOf(value.asText()) : value.asInt();
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("The value of " + field + " is not an integer: " + value.asText());
    }
  }

  static Boolean optionalBoolean(JsonNode body, String field) {
    return has(body, field) ? body.get(field).asBoolean() : null;
  }

  static long parseKey(String text, String field) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("The value of " + field + " is not a valid key: '" + text + "'");
    }
  }

  /** A JSON object property as a map ({@code variables}); absent or null is empty. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(JsonNode body, String field) {
    if (!has(body, field)) {
      return Map.of();
    }
    JsonNode value = body.get(field);
    if (!value.isObject()) {
      throw new InvalidRequestException("The value of " + field + " must be a JSON object");
    }
    return MAPPER.convertValue(value, LinkedHashMap.class);
  }

  static List<String> strings(JsonNode body, String field) {
    if (!has(body, field)) {
      return null;
    }
    List<String> values = new ArrayList<>();
    body.get(field).forEach(value -> values.add(value.asText()));
    return values;
  }
}
