package cn.computeloan.process.form;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;

/** The form-js rules of one field, applied on the server. Messages: Chinese, then English. */
final class FieldRules {

  private static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().build();
  private static final java.util.Set<String> CHOICE = java.util.Set.of("radio", "select");

  private FieldRules() {}

  static void check(FormField field, Map<String, Object> data, boolean submitted, List<FieldProblem> problems) {
    String key = field.key();
    Object value = data.get(key);
    if (field.hide() != null) {
      Object hidden = evaluate(field.hide(), data);
      if (hidden == Unreadable.VALUE) {
        problems.add(unreadable(key, "conditional.hide"));
        return;
      }
      if (Boolean.TRUE.equals(hidden)) {
        // form-js never submits a hidden field: a value sent anyway would reach the process unchecked
        if (submitted && !empty(value, field.type())) {
          problems.add(new FieldProblem(key, FieldProblem.NOT_ALLOWED,
              "当前选择下此字段不适用，请留空 / '" + key + "' does not apply to this choice: leave it empty"));
        }
        return;
      }
    }
    FormField.Rules rules = field.rules();
    if (empty(value, field.type())) {
      if (rules.required()) {
        problems.add(new FieldProblem(key, FieldProblem.REQUIRED, "必填 / '" + field.label() + "' is required"));
      }
      return;
    }
    if (!typeMatches(field, value)) {
      problems.add(new FieldProblem(key, FieldProblem.WRONG_TYPE,
          "格式不正确 / '" + key + "' must be " + expected(field)));
      return;
    }
    if (!field.values().isEmpty() && !allowed(field, value)) {
      problems.add(new FieldProblem(key, FieldProblem.NOT_ALLOWED,
          "不是可选值 / '" + key + "' must be one of " + field.values()));
      return;
    }
    if (value instanceof Number number) {
      bounds(key, new BigDecimal(number.toString()), rules, data, problems);
    } else if (value instanceof String text) {
      lengths(key, text, "textarea".equals(field.type()) ? FormSchema.MAX_TEXT : FormSchema.MAX_LINE, rules, problems);
    }
  }

  private static void bounds(String key, BigDecimal number, FormField.Rules rules, Map<String, Object> data,
      List<FieldProblem> problems) {
    BigDecimal min = bound(rules.min(), data);
    BigDecimal max = bound(rules.max(), data);
    if (rules.min() != null && min == null) {
      problems.add(unreadable(key, "validate.min"));
    } else if (min != null && number.compareTo(min) < 0) {
      problems.add(new FieldProblem(key, FieldProblem.TOO_SMALL,
          "不得小于 " + min.toPlainString() + " / '" + key + "' must be at least " + min.toPlainString()));
    }
    if (rules.max() != null && max == null) {
      problems.add(unreadable(key, "validate.max"));
    } else if (max != null && number.compareTo(max) > 0) {
      problems.add(new FieldProblem(key, FieldProblem.TOO_LARGE,
          "不得大于 " + max.toPlainString() + " / '" + key + "' must be at most " + max.toPlainString()));
    }
  }

  private static void lengths(String key, String text, int houseLimit, FormField.Rules rules,
      List<FieldProblem> problems) {
    int length = text.strip().codePointCount(0, text.strip().length());
    int maxLength = rules.maxLength() == null ? houseLimit : Math.min(rules.maxLength(), houseLimit);
    if (rules.minLength() != null && length < rules.minLength()) {
      problems.add(new FieldProblem(key, FieldProblem.TOO_SHORT,
          "至少 " + rules.minLength() + " 个字符 / '" + key + "' needs at least " + rules.minLength() + " characters"));
    } else if (text.length() > maxLength) {
      problems.add(new FieldProblem(key, FieldProblem.TOO_LONG,
          "最多 " + maxLength + " 个字符 / '" + key + "' takes at most " + maxLength + " characters"));
    } else if (rules.pattern() != null && !matches(rules.pattern(), text)) {
      problems.add(new FieldProblem(key, FieldProblem.PATTERN,
          "格式不符合要求 / '" + key + "' does not have the required format"));
    }
  }

  private static boolean matches(String pattern, String text) {
    try {
      return java.util.regex.Pattern.compile(pattern).matcher(text).matches();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** form-js's "required": nothing, an empty string, an unticked checkbox or an empty list. */
  private static boolean empty(Object value, String type) {
    return value == null
        || (value instanceof String s && s.isBlank())
        || ("checkbox".equals(type) && Boolean.FALSE.equals(value))
        || (value instanceof Collection<?> c && c.isEmpty());
  }

  private static boolean typeMatches(FormField field, Object value) {
    return switch (field.type()) {
      case "number" -> value instanceof Number;
      case "checkbox" -> value instanceof Boolean;
      case "checklist", "taglist" -> value instanceof Collection<?> c && c.stream().allMatch(String.class::isInstance);
      case "datetime" -> value instanceof String s && temporal(s);
      default -> value instanceof String;
    };
  }

  private static boolean temporal(String s) {
    for (java.util.function.Consumer<String> parse : List.<java.util.function.Consumer<String>>of(
        LocalDate::parse, LocalTime::parse, OffsetDateTime::parse, java.time.LocalDateTime::parse)) {
      try {
        parse.accept(s);
        return true;
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return false;
  }

  private static String expected(FormField field) {
    return switch (field.type()) {
      case "number" -> "a number";
      case "checkbox" -> "true or false";
      case "checklist", "taglist" -> "a list of texts";
      case "datetime" -> "an ISO-8601 date or time";
      default -> "a text";
    };
  }

  private static boolean allowed(FormField field, Object value) {
    if (value instanceof Collection<?> list) {
      return field.values().containsAll(list);
    }
    return !CHOICE.contains(field.type()) || field.values().contains(value);
  }

  private static BigDecimal bound(Object bound, Map<String, Object> data) {
    if (bound instanceof BigDecimal number) {
      return number;
    }
    if (bound == null) {
      return null;
    }
    String text = bound.toString();
    Object value = text.startsWith("=") ? evaluate(text, data) : text;
    try {
      return value instanceof Number || value instanceof String ? new BigDecimal(value.toString()) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private enum Unreadable { VALUE }

  private static Object evaluate(String expression, Map<String, Object> data) {
    String feel = expression.startsWith("=") ? expression.substring(1) : expression;
    EvaluationResult result = FEEL.evaluateExpression(feel, data);
    return result.isSuccess() ? result.result() : Unreadable.VALUE;
  }

  /** A rule that cannot be evaluated refuses the value: the check fails closed. */
  private static FieldProblem unreadable(String key, String rule) {
    return new FieldProblem(key, FieldProblem.RULE_UNREADABLE,
        "无法校验 / the form's rule " + rule + " for '" + key + "' cannot be evaluated with this task's data");
  }
}
