package cn.computeloan.engine.query;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * The order of field values in sorts, range filters and cursors: numbers (and numeric strings such
 * as keys) numerically, date-times chronologically, everything else as text; nulls last.
 */
final class ValueOrder {

  static final Comparator<Object> NULLS_LAST = ValueOrder::compare;

  private ValueOrder() {}

  static int compare(Object left, Object right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : 1) : -1;
    }
    BigDecimal leftNumber = number(left);
    BigDecimal rightNumber = number(right);
    if (leftNumber != null && rightNumber != null) {
      return leftNumber.compareTo(rightNumber);
    }
    OffsetDateTime leftDate = dateTime(left);
    OffsetDateTime rightDate = dateTime(right);
    if (leftDate != null && rightDate != null) {
      return leftDate.toInstant().compareTo(rightDate.toInstant());
    }
    if (left instanceof Boolean l && right instanceof Boolean r) {
      return Boolean.compare(l, r);
    }
    return left.toString().compareTo(right.toString());
  }

  /** Equality as filters mean it: a key sent as text equals the same key held as a number. */
  static boolean equal(Object actual, Object expected) {
    if (actual == null || expected == null) {
      return actual == expected;
    }
    if (actual.toString().equals(expected.toString())) {
      return true;
    }
    return compare(actual, expected) == 0 && comparableKinds(actual, expected);
  }

  private static boolean comparableKinds(Object actual, Object expected) {
    return (number(actual) != null && number(expected) != null)
        || (dateTime(actual) != null && dateTime(expected) != null);
  }

  static BigDecimal number(Object value) {
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    if (value instanceof String s && looksNumeric(s)) {
      try {
        return new BigDecimal(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean looksNumeric(String s) {
    if (s.isEmpty() || s.length() > 40) {
      return false;
    }
    char first = s.charAt(0);
    return Character.isDigit(first) || (first == '-' && s.length() > 1 && Character.isDigit(s.charAt(1)));
  }

  static OffsetDateTime dateTime(Object value) {
    if (!(value instanceof String s) || s.length() < 20 || s.charAt(10) != 'T') {
      return null;
    }
    try {
      return OffsetDateTime.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
