package cn.computeloan.process.form;

import cn.computeloan.credit.InputLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Camunda Form (form-js schema) read on the server: which fields a person may write and the
 * form's own validation rules, so that a completion is checked the same way whether it comes from
 * our workspace, from Tasklist on a cluster (through the completing listener) or from a script.
 * Browsers validate too, but only the server's check counts.
 *
 * <p>Writable means keyed, not {@code readonly}, not {@code disabled}. The rules are form-js's:
 * {@code required}, {@code min}/{@code max} (numbers or FEEL, e.g. {@code =proposedLimit}),
 * {@code minLength}/{@code maxLength} (trimmed), {@code pattern}; a field hidden by its
 * {@code conditional.hide} is not validated and must stay empty, as form-js never submits it; a radio
 * or select takes only its listed values. Beyond the form: a text area is capped at {@value
 * #MAX_TEXT} characters and any other text at {@value #MAX_LINE} ({@link InputLimits}), so no
 * completion carries unbounded text into the case file.
 */
public final class FormSchema {

  /** House limit on a multi-line text a form writes (a form's own {@code maxLength} may be lower). */
  public static final int MAX_TEXT = InputLimits.FREE_TEXT;
  /** House limit on a single-line text field (names, providers, references). */
  public static final int MAX_LINE = InputLimits.NAME;
  /** A form larger than this is refused: forms are deployed by process owners, still bounded. */
  static final int MAX_SCHEMA_CHARS = 512 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FEEL_WORDS = Set.of("for", "in", "return", "if", "then", "else", "some", "every",
      "satisfies", "and", "or", "not", "null", "true", "false", "between", "instance", "of", "function");
  private static final Pattern IDENTIFIER = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern BOUND_NAME = Pattern.compile("\\b(?:for|some|every)\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+in\\b");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*#?(?:each\\s+|if\\s+)?([A-Za-z_][A-Za-z0-9_]*)");

  private final String id;
  private final String source;
  private final List<FormField> fields;
  private final Set<String> readVariables;

  private FormSchema(String id, String source, List<FormField> fields, Set<String> readVariables) {
    this.id = id;
    this.source = source;
    this.fields = List.copyOf(fields);
    this.readVariables = Collections.unmodifiableSet(readVariables);
  }

  /** Reads a form-js schema; a malformed one is an {@link IllegalArgumentException}. */
  public static FormSchema parse(String schema) {
    if (schema == null || schema.length() > MAX_SCHEMA_CHARS) {
      throw new IllegalArgumentException("form schema missing or larger than " + MAX_SCHEMA_CHARS + " characters");
    }
    JsonNode root;
    try {
      root = JSON.readTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("form schema is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.path("components").isArray()) {
      throw new IllegalArgumentException("form schema has no components");
    }
    List<FormField> fields = new ArrayList<>();
    Set<String> reads = new LinkedHashSet<>();
    collect(root.path("components"), fields, reads);
    return new FormSchema(root.path("id").asText(null), schema, fields, reads);
  }

  /** The engine's answer holds the schema as a JSON string (Camunda 8.8) or, from some clients, parsed. */
  public static String text(Object schema) {
    if (schema == null || schema instanceof String) {
      return (String) schema;
    }
    try {
      return JSON.writeValueAsString(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("form schema cannot be written as JSON", e);
    }
  }

  private static void collect(JsonNode components, List<FormField> fields, Set<String> reads) {
    for (JsonNode c : components) {
      expressionNames(c, reads);
      String key = c.path("key").asText(null);
      if (key != null && !key.isBlank()) {
        reads.add(key);
        fields.add(field(c, key));
      }
      if (c.path("components").isArray()) {
        collect(c.path("components"), fields, reads);
      }
    }
  }

  private static FormField field(JsonNode c, String key) {
    boolean writable = !c.path("readonly").asBoolean(false) && !c.path("disabled").asBoolean(false);
    List<String> values = new ArrayList<>();
    c.path("values").forEach(v -> values.add(v.path("value").asText()));
    JsonNode v = c.path("validate");
    FormField.Rules rules = v.isObject()
        ? new FormField.Rules(v.path("required").asBoolean(false), number(v.get("min")), number(v.get("max")),
            v.hasNonNull("minLength") ? v.get("minLength").asInt() : null,
            v.hasNonNull("maxLength") ? v.get("maxLength").asInt() : null, pattern(v))
        : FormField.Rules.NONE;
    String hide = c.path("conditional").path("hide").asText(null);
    return new FormField(key, c.path("type").asText(), c.path("label").asText(key), writable, List.copyOf(values),
        hide, rules);
  }

  /** A bound is a number or a FEEL expression ({@code =...}). */
  private static Object number(JsonNode bound) {
    if (bound == null || bound.isNull()) {
      return null;
    }
    return bound.isNumber() ? bound.decimalValue() : bound.asText();
  }

  private static String pattern(JsonNode validate) {
    return switch (validate.path("validationType").asText("")) {
      case "email" -> "^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$";
      case "phone" -> "^\\+?[0-9 ()\\-]{5,}$";
      default -> validate.hasNonNull("pattern") ? validate.get("pattern").asText() : null;
    };
  }

  /** Variables named in the component's FEEL expressions and text templates. */
  private static void expressionNames(JsonNode component, Set<String> reads) {
    Iterator<Map.Entry<String, JsonNode>> it = component.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue();
      if (value.isTextual() && value.asText().startsWith("=")) {
        feelNames(value.asText().substring(1), reads);
      } else if (value.isTextual() && e.getKey().equals("text")) {
        Matcher m = TEMPLATE.matcher(value.asText());
        while (m.find()) {
          reads.add(m.group(1));
        }
      } else if (value.isObject() && !e.getKey().equals("properties")) {
        expressionNames(value, reads);
      }
    }
  }

  private static void feelNames(String expression, Set<String> reads) {
    Set<String> bound = new LinkedHashSet<>();
    Matcher b = BOUND_NAME.matcher(expression);
    while (b.find()) {
      bound.add(b.group(1));
    }
    Matcher m = IDENTIFIER.matcher(expression);
    int end = -1;
    while (m.find()) {
      String name = m.group(1);
      // a.b: only the root name is a variable
      boolean member = m.start() > 0 && expression.charAt(m.start() - 1) == '.' && m.start() - 1 == end;
      end = m.end();
      if (name != null && !member && !FEEL_WORDS.contains(name) && !bound.contains(name)
          && !isFunctionCall(expression, m.end())) {
        reads.add(name);
      }
    }
  }

  private static boolean isFunctionCall(String expression, int after) {
    int i = after;
    while (i < expression.length() && expression.charAt(i) == ' ') {
      i++;
    }
    return i < expression.length() && expression.charAt(i) == '(';
  }

  public String id() {
    return id;
  }

  /** The schema as deployed, for a browser to render with form-js. */
  public String source() {
    return source;
  }

  public List<FormField> fields() {
    return fields;
  }

  /** The keys a completion of a task with this form may carry. */
  public Set<String> writableKeys() {
    Set<String> keys = new LinkedHashSet<>();
    fields.stream().filter(FormField::writable).forEach(f -> keys.add(f.key()));
    return keys;
  }

  /** Every variable the form shows or evaluates: what a task page must give it. */
  public Set<String> readVariables() {
    return readVariables;
  }

  /**
   * Checks a completion against the form: only writable keys, each value of the field's type and
   * within the form's rules. The rules read {@code taskVariables} overlaid with the submission (what
   * form-js evaluates in the browser); a value not submitted keeps the task's current one.
   *
   * @return every problem found, empty when the completion is acceptable
   */
  public List<FieldProblem> validate(Map<String, Object> submitted, Map<String, Object> taskVariables) {
    List<FieldProblem> problems = new ArrayList<>();
    Set<String> writable = writableKeys();
    for (String key : submitted.keySet()) {
      if (!writable.contains(key)) {
        problems.add(new FieldProblem(key, FieldProblem.NOT_WRITABLE,
            "本任务的表单不允许填写此字段 / the task's form does not let you set '" + abbreviate(key) + "'"));
      }
    }
    Map<String, Object> data = new LinkedHashMap<>(taskVariables);
    data.putAll(submitted);
    for (FormField field : fields) {
      if (field.writable()) {
        FieldRules.check(field, data, submitted.containsKey(field.key()), problems);
      }
    }
    return problems;
  }

  private static String abbreviate(String key) {
    return key.length() <= 64 ? key : key.substring(0, 64) + "…";
  }
}
