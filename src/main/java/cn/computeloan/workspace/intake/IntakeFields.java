package cn.computeloan.workspace.intake;

import cn.computeloan.credit.model.LoanApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The intake form's fields, read from the shape of the API's request type ({@link LoanApplication})
 * so that the form and the API cannot drift apart: each input is named by its JSON path
 * ({@code statements[1].balanceSheet.cash}), which is also the path the API's validation names in
 * its problems, so a problem lands at its input. Lists get a fixed number of rows. No rule is
 * checked here: the form's values become the API's JSON, and the API's validation decides.
 */
public final class IntakeFields {

  /** Rows the form offers for each list (more by JSON upload). */
  static final Map<String, Integer> ROWS = Map.of("statements", 3, "guaranteeOffers", 3, "projectCashFlows", 12);
  /** Left to the JSON upload: the caller's own reference. */
  static final List<String> JSON_ONLY = List.of("applicationId");
  private static final Pattern INDEX = Pattern.compile("^([A-Za-z]+)\\[(\\d+)]");

  /** What an input holds; {@code options} for a choice. */
  public enum Kind { TEXT, DECIMAL, INTEGER, DATE, CHOICE, FLAG }

  /** One input: its JSON path, kind, choices (enum names) and where it sits. */
  public record Field(String path, Kind kind, List<String> options) {
    /** The path without list indexes, naming its label: {@code statements.balanceSheet.cash}. */
    public String labelPath() {
      return path.replaceAll("\\[\\d+]", "");
    }

    /** The last name of the path: {@code cash}. */
    public String name() {
      return path.substring(path.lastIndexOf('.') + 1);
    }
  }

  private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

  static {
    walk("", LoanApplication.class);
  }

  private IntakeFields() {
  }

  private static void walk(String prefix, Class<?> record) {
    for (RecordComponent c : record.getRecordComponents()) {
      String path = prefix + c.getName();
      if (prefix.isEmpty() && JSON_ONLY.contains(c.getName())) {
        continue;
      }
      Type type = c.getGenericType();
      if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
        Class<?> element = (Class<?>) p.getActualTypeArguments()[0];
        for (int i = 0; i < ROWS.getOrDefault(c.getName(), 0); i++) {
          walk(path + "[" + i + "].", element);
        }
      } else if (c.getType().isRecord()) {
        walk(path + ".", c.getType());
      } else {
        FIELDS.put(path, field(path, c.getType()));
      }
    }
  }

  private static Field field(String path, Class<?> type) {
    if (type.isEnum()) {
      return new Field(path, Kind.CHOICE, Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name())
          .toList());
    }
    Kind kind = type == BigDecimal.class ? Kind.DECIMAL
        : type == int.class || type == Integer.class || type == long.class || type == Long.class ? Kind.INTEGER
        : type == LocalDate.class ? Kind.DATE
        : type == boolean.class || type == Boolean.class ? Kind.FLAG : Kind.TEXT;
    return new Field(path, kind, List.of());
  }

  /** Every input, in the order of the request type. */
  public static List<Field> all() {
    return List.copyOf(FIELDS.values());
  }

  public static Field get(String path) {
    return FIELDS.get(path);
  }

  /** The inputs under {@code prefix} ({@code applicant.}, {@code computeProfile.}). */
  public static List<Field> under(String prefix) {
    return FIELDS.values().stream().filter(f -> f.path().startsWith(prefix)).toList();
  }

  /** The top-level inputs that belong to no group: product, amounts, term, ESG, subsidy, dates. */
  public static List<Field> request() {
    return FIELDS.values().stream().filter(f -> !f.path().contains(".")).toList();
  }

  /** The lines of one fiscal year ({@code balanceSheet.cash}, ...), without the year itself. */
  public static List<String> statementLines() {
    return under("statements[0].").stream().map(f -> f.path().substring("statements[0].".length()))
        .filter(p -> !p.equals("fiscalYear")).toList();
  }

  /** The columns of a list's rows: {@code type}, {@code equipment.gpuGeneration}, ... of {@code guaranteeOffers}. */
  public static List<String> columns(String list) {
    String first = list + "[0].";
    return under(first).stream().map(f -> f.path().substring(first.length())).toList();
  }

  public static int rows(String list) {
    return ROWS.get(list);
  }

  /**
   * The API's JSON for the submitted values: blank inputs are left out, list rows with nothing in
   * them are dropped (the others close up, and {@code renumbered} maps their new paths back to the
   * form's), numbers stay text unless they are whole numbers for a whole-number field, so that the
   * API's shape check judges them as it judges any request.
   */
  public static ObjectNode toJson(Map<String, String> values, Map<String, String> renumbered) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    Map<String, TreeMap<Integer, List<Field>>> rows = new LinkedHashMap<>();
    for (Field f : FIELDS.values()) {
      String value = values.get(f.path());
      if (value == null || value.isBlank()) {
        continue;
      }
      Matcher m = INDEX.matcher(f.path());
      if (m.find()) {
        rows.computeIfAbsent(m.group(1), k -> new TreeMap<>()).computeIfAbsent(Integer.parseInt(m.group(2)),
            k -> new ArrayList<>()).add(f);
      } else {
        set(root, f.path(), f, value.trim());
      }
    }
    rows.forEach((list, byRow) -> {
      ArrayNode array = root.putArray(list);
      for (Map.Entry<Integer, List<Field>> row : byRow.entrySet()) {
        int at = array.size();
        ObjectNode element = array.addObject();
        renumbered.put(list + "[" + at + "]", list + "[" + row.getKey() + "]");
        String prefix = list + "[" + row.getKey() + "].";
        for (Field f : row.getValue()) {
          set(element, f.path().substring(prefix.length()), f, values.get(f.path()).trim());
        }
      }
    });
    return root;
  }

  private static void set(ObjectNode node, String path, Field f, String value) {
    int dot = path.indexOf('.');
    if (dot > 0) {
      JsonNode child = node.get(path.substring(0, dot));
      ObjectNode object = child instanceof ObjectNode o ? o : node.putObject(path.substring(0, dot));
      set(object, path.substring(dot + 1), f, value);
      return;
    }
    switch (f.kind()) {
      case INTEGER -> {
        try {
          node.put(path, Integer.parseInt(value));
        } catch (NumberFormatException e) {
          node.put(path, value); // the API's shape check names it: not a whole number
        }
      }
      case FLAG -> node.put(path, Boolean.parseBoolean(value));
      default -> node.put(path, value);
    }
  }

  /** The form's values for an uploaded JSON document (what the form can show of it). */
  public static Map<String, String> fromJson(JsonNode json) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Field f : FIELDS.values()) {
      JsonNode node = json;
      for (String part : f.path().split("\\.")) {
        Matcher m = INDEX.matcher(part);
        node = m.find() ? node.path(m.group(1)).path(Integer.parseInt(m.group(2))) : node.path(part);
      }
      if (node.isValueNode() && !node.isNull()) {
        values.put(f.path(), node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText());
      }
    }
    return values;
  }
}
