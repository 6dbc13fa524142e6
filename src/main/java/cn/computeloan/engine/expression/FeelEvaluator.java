package cn.computeloan.engine.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Evaluates Zeebe-style expressions with FEEL-Scala: a value starting with {@code =} is a FEEL
 * expression, anything else is a static string. Parsed expressions are cached. Results are
 * normalised to JSON-compatible Java values (maps, lists, strings, numbers, booleans, null);
 * temporal values become ISO-8601 strings, as Zeebe stores them in variables.
 */
public final class FeelEvaluator {

  private final FeelEngineApi feel;
  private final Map<String, Object> cache = new ConcurrentHashMap<>();

  /** @param now the engine clock, so that {@code now()} and {@code today()} follow it */
  public FeelEvaluator(Supplier<Instant> now) {
    this.feel = FeelEngineBuilder.forJava()
        .withClock(() -> ZonedDateTime.ofInstant(now.get(), ZoneOffset.UTC))
        .build();
  }

  public static boolean isExpression(String text) {
    return text != null && text.stripLeading().startsWith("=");
  }

  /** Evaluates an expression or returns the static text itself. */
  public EvalResult<Object> evaluate(String text, Map<String, Object> variables) {
    if (text == null) {
      return EvalResult.ok(null);
    }
    if (!isExpression(text)) {
      return EvalResult.ok(text);
    }
    return evaluateFeel(text.stripLeading().substring(1), variables);
  }

  /** Evaluates a FEEL expression given without the leading {@code =} (conditions, collections). */
  public EvalResult<Object> evaluateFeel(String expression, Map<String, Object> variables) {
    Object parsed = cache.computeIfAbsent(expression, this::parse);
    if (parsed instanceof String failure) {
      return EvalResult.failed("failed to parse expression '%s': %s".formatted(expression, failure));
    }
    EvaluationResult result;
    try {
      result = feel.evaluate((ParsedExpression) parsed, variables);
    } catch (RuntimeException e) {
      return EvalResult.failed("failed to evaluate expression '%s': %s".formatted(expression, e.getMessage()));
    }
    if (result.isFailure()) {
      return EvalResult.failed("failed to evaluate expression '%s': %s".formatted(expression, result.failure().message()));
    }
    return EvalResult.ok(normalize(result.result()));
  }

  public EvalResult<String> evaluateString(String text, Map<String, Object> variables) {
    return typed(text, variables, "string", v -> v instanceof String s ? s : null);
  }

  public EvalResult<Boolean> evaluateBoolean(String feelExpression, Map<String, Object> variables) {
    String text = isExpression(feelExpression) ? feelExpression : "=" + feelExpression;
    return typed(text, variables, "boolean", v -> v instanceof Boolean b ? b : null);
  }

  public EvalResult<Long> evaluateLong(String text, Map<String, Object> variables) {
    if (!isExpression(text)) {
      try {
        return EvalResult.ok(Long.parseLong(text.trim()));
      } catch (NumberFormatException e) {
        return EvalResult.failed("expected a number but found '%s'".formatted(text));
      }
    }
    return typed(text, variables, "number", v -> v instanceof Number n ? n.longValue() : null);
  }

  /** A list of strings, from a list or a comma-separated static value ("a, b"). */
  public EvalResult<List<String>> evaluateStringList(String text, Map<String, Object> variables) {
    if (!isExpression(text)) {
      return EvalResult.ok(text.isBlank() ? List.of()
          : java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
    EvalResult<Object> result = evaluate(text, variables);
    if (result.isFailure()) {
      return EvalResult.failed(result.failureMessage());
    }
    Object value = result.value();
    if (value instanceof String s) {
      return evaluateStringList(s, variables);
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return EvalResult.ok(list.stream().map(String.class::cast).toList());
    }
    return EvalResult.failed("Expected result of the expression '%s' to be 'ARRAY' of strings, but was '%s'"
        .formatted(text.substring(1), typeName(value)));
  }

  private <T> EvalResult<T> typed(String text, Map<String, Object> variables, String type,
      java.util.function.Function<Object, T> cast) {
    EvalResult<Object> result = evaluate(text, variables);
    if (result.isFailure()) {
      return EvalResult.failed(result.failureMessage());
    }
    T value = cast.apply(result.value());
    if (value == null) {
      return EvalResult.failed("Expected result of the expression '%s' to be '%s', but was '%s'"
          .formatted(text.stripLeading().substring(isExpression(text) ? 1 : 0), type.toUpperCase(), typeName(result.value())));
    }
    return EvalResult.ok(value);
  }

  private Object parse(String expression) {
    ParseResult parsed = feel.parseExpression(expression);
    return parsed.isSuccess() ? parsed.parsedExpression() : parsed.failure().message();
  }

  /** The name Zeebe uses for a value's type in incident messages. */
  public static String typeName(Object value) {
    if (value == null) return "NULL";
    if (value instanceof String) return "STRING";
    if (value instanceof Number) return "NUMBER";
    if (value instanceof Boolean) return "BOOLEAN";
    if (value instanceof List) return "ARRAY";
    if (value instanceof Map) return "OBJECT";
    return value.getClass().getSimpleName().toUpperCase();
  }

  /** Converts a FEEL result to plain JSON-compatible Java values. */
  public static Object normalize(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof BigDecimal d) {
      return numeric(d);
    }
    if (value instanceof BigInteger i) {
      return i.bitLength() < 64 ? (Object) i.longValue() : new BigDecimal(i);
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e15) {
      return d.longValue();
    }
    if (value instanceof Number) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach((k, v) -> result.put(String.valueOf(k), normalize(v)));
      return result;
    }
    if (value instanceof Collection<?> collection) {
      List<Object> result = new ArrayList<>(collection.size());
      collection.forEach(v -> result.add(normalize(v)));
      return result;
    }
    if (value instanceof ZonedDateTime z) {
      return z.toOffsetDateTime().toString();
    }
    if (value instanceof OffsetDateTime || value instanceof LocalDateTime || value instanceof LocalDate
        || value instanceof LocalTime || value instanceof Duration || value instanceof Period
        || value instanceof TemporalAccessor) {
      return value.toString();
    }
    return value.toString();
  }

  private static Object numeric(BigDecimal d) {
    BigDecimal stripped = d.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19) {
      return stripped.longValueExact();
    }
    return d.doubleValue();
  }
}
