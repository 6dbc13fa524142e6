package cn.computeloan.engine.query.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * The order of field values in sorts, range filters and cursors: numbers (and numeric strings such
 * as keys) numerically, date-times chronologically, everything else as text; nulls last.
 */
public final class ValueOrder {

  static final Comparator<Object> NULLS_LAST = ValueOrder::compare;

  private ValueOrder() {}

  static int compare(Object left, Object right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : 1) : -1;
    }
    // sort keys made once per document (sortKey): compared without parsing again
    if (left instanceof BigDecimal l && right instanceof BigDecimal r) {
      return l.compareTo(r);
    }
    if (left instanceof Instant l && right instanceof Instant r) {
      return l.compareTo(r);
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

  public static BigDecimal number(Object value) {
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

  /**
   * Digits, sign, point and exponent only: a date-time such as {@code 2026-12-06T10:00:00Z} starts
   * with digits too, and parsing it as a number (an exception per comparison) made sorting by date
   * cost seconds on 10,000 user tasks.
   */
  private static boolean looksNumeric(String s) {
    if (s.isEmpty() || s.length() > 40) {
      return false;
    }
    char first = s.charAt(0);
    if (!(Character.isDigit(first) || (first == '-' && s.length() > 1 && Character.isDigit(s.charAt(1))))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean exponentSign = (c == '-' || c == '+') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E');
      if (!(Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || exponentSign)) {
        return false;
      }
    }
    return true;
  }

  /** A value's sort key, made once per document: numbers as BigDecimal, date-times as Instant. */
  static Object sortKey(Object value) {
    if (value == null || value instanceof BigDecimal || value instanceof Instant || value instanceof Boolean) {
      return value;
    }
    BigDecimal n = number(value);
    if (n != null) {
      return n;
    }
    OffsetDateTime d = dateTime(value);
    return d != null ? d.toInstant() : value;
  }

  public static OffsetDateTime dateTime(Object value) {
    if (value instanceof Instant instant) {
      return instant.atOffset(java.time.ZoneOffset.UTC);
    }
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
