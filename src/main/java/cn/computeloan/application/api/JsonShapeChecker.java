package cn.computeloan.application.api;

import cn.computeloan.credit.InputLimits;
import cn.computeloan.credit.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON document against the shape of a record type before binding, so that every field of
 * the wrong type, every unknown enum value or date and every unknown field is reported at once (a
 * binder stops at the first). Offending values are replaced by null (unknown fields removed) in the
 * tree it is given, so that the rest can still be bound and validated by the domain rules.
 */
final class JsonShapeChecker {

  /** Longer than any number within {@link InputLimits}, written out or in exponent form. */
  private static final int MAX_NUMBER_TEXT = 64;

  private JsonShapeChecker() {}

  /** Violations of {@code node} against {@code type}; repairs {@code node} in place. */
  static List<Violation> check(ObjectNode node, Class<?> type) {
    List<Violation> v = new ArrayList<>();
    object(v, "", node, type);
    return v;
  }

  private static void object(List<Violation> v, String path, ObjectNode node, Class<?> type) {
    Map<String, RecordComponent> components = new java.util.HashMap<>();
    Arrays.stream(type.getRecordComponents()).forEach(c -> components.put(c.getName(), c));
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    List<String> unknown = new ArrayList<>();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      RecordComponent c = components.get(f.getKey());
      String fieldPath = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
      if (c == null) {
        v.add(new Violation(fieldPath, "UNKNOWN_FIELD", "is not a field of " + type.getSimpleName()));
        unknown.add(f.getKey());
      } else if (!value(v, fieldPath, f.getValue(), c.getGenericType())) {
        f.setValue(NullNode.getInstance());
      }
    }
    unknown.forEach(node::remove);
  }

  /** Checks one value; false if it must be replaced by null. */
  private static boolean value(List<Violation> v, String path, JsonNode node, Type type) {
    if (node == null || node.isNull()) {
      return true;
    }
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      if (!node.isArray()) {
        v.add(new Violation(path, "INVALID_TYPE", "must be an array"));
        return false;
      }
      for (int i = 0; i < node.size(); i++) {
        if (!value(v, path + "[" + i + "]", node.get(i), p.getActualTypeArguments()[0])) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, NullNode.getInstance());
        }
      }
      return true;
    }
    if (!(type instanceof Class<?> c)) {
      return true;
    }
    if (c == String.class) {
      return expect(v, path, node.isTextual(), "must be a string");
    }
    if (c == BigDecimal.class) {
      if (node.isNumber() && decimal(node) == null) {
        // a number literal beyond what the parser holds (it read 1e999 as infinity)
        v.add(new Violation(path, "OUT_OF_RANGE", "must have at most " + InputLimits.MAX_INTEGER_DIGITS
            + " digits before the decimal point"));
        return false;
      }
      BigDecimal number = node.isNumber() ? decimal(node) : node.isTextual() ? decimal(node.asText()) : null;
      if (!expect(v, path, number != null, "must be a number")) {
        return false;
      }
      return bounded(v, path, number);
    }
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      return expect(v, path, node.isIntegralNumber() && node.canConvertToInt(), "must be a whole number");
    }
    if (c == boolean.class || c == Boolean.class) {
      return expect(v, path, node.isBoolean(), "must be true or false");
    }
    if (c == LocalDate.class) {
      return expect(v, path, node.isTextual() && date(node.asText()), "must be a date (yyyy-MM-dd)");
    }
    if (c.isEnum()) {
      boolean known = node.isTextual() && Arrays.stream(c.getEnumConstants())
          .anyMatch(e -> ((Enum<?>) e).name().equals(node.asText()));
      if (!known) {
        v.add(new Violation(path, "UNKNOWN_VALUE", "must be one of " + Arrays.toString(c.getEnumConstants())));
      }
      return known;
    }
    if (c.isRecord()) {
      if (!node.isObject()) {
        v.add(new Violation(path, "INVALID_TYPE", "must be an object"));
        return false;
      }
      object(v, path, (ObjectNode) node, c);
    }
    return true;
  }

  private static boolean expect(List<Violation> v, String path, boolean ok, String message) {
    if (!ok) {
      v.add(new Violation(path, "INVALID_TYPE", message));
    }
    return ok;
  }

  /** The number, or null for NaN and Infinity (a floating-point literal too large for a double). */
  private static BigDecimal decimal(JsonNode number) {
    try {
      return number.decimalValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The number, or null if {@code s} is not one (NaN and Infinity are not). A text longer than any
   * acceptable number is not parsed: parsing a digit string costs time quadratic in its length.
   */
  private static BigDecimal decimal(String s) {
    if (s.length() > MAX_NUMBER_TEXT) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * A number within {@link InputLimits#MAX_INTEGER_DIGITS} and {@link InputLimits#MAX_DECIMAL_PLACES}.
   * Checked before any arithmetic: precision and scale are cheap to read even for {@code 1e999999999}.
   */
  private static boolean bounded(List<Violation> v, String path, BigDecimal number) {
    if (number.precision() - number.scale() > InputLimits.MAX_INTEGER_DIGITS) {
      v.add(new Violation(path, "OUT_OF_RANGE", "must have at most " + InputLimits.MAX_INTEGER_DIGITS
          + " digits before the decimal point"));
      return false;
    }
    if (number.stripTrailingZeros().scale() > InputLimits.MAX_DECIMAL_PLACES) {
      v.add(new Violation(path, "TOO_PRECISE", "must have at most " + InputLimits.MAX_DECIMAL_PLACES
          + " decimal places"));
      return false;
    }
    return true;
  }

  private static boolean date(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
