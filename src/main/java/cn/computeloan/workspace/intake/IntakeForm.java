package cn.computeloan.workspace.intake;

import cn.computeloan.credit.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intake form as the page shows it: the values entered (kept when the API refuses them), the
 * API's problems at their inputs, problems that belong to no input (the whole list, the body) at
 * the top, and the idempotency key that makes a double submit harmless.
 */
public final class IntakeForm {

  private final Map<String, String> values;
  private final Map<String, List<Violation>> atField = new LinkedHashMap<>();
  private final List<Violation> general = new ArrayList<>();
  private final String idempotencyKey;

  IntakeForm(Map<String, String> values, String idempotencyKey) {
    this.values = values;
    this.idempotencyKey = idempotencyKey;
  }

  /** Places each problem at its input ({@code renumbered}: the API's list paths back to the form's). */
  IntakeForm withProblems(List<Violation> violations, Map<String, String> renumbered) {
    for (Violation v : violations) {
      String field = v.field();
      for (Map.Entry<String, String> e : renumbered.entrySet()) {
        if (field.equals(e.getKey()) || field.startsWith(e.getKey() + ".")) {
          field = e.getValue() + field.substring(e.getKey().length());
          break;
        }
      }
      Violation placed = new Violation(field, v.code(), v.message());
      if (IntakeFields.get(field) != null) {
        atField.computeIfAbsent(field, k -> new ArrayList<>()).add(placed);
      } else {
        general.add(placed);
      }
    }
    return this;
  }

  public String value(String path) {
    return values.getOrDefault(path, "");
  }

  public boolean invalid(String path) {
    return atField.containsKey(path);
  }

  public List<Violation> problems(String path) {
    return atField.getOrDefault(path, List.of());
  }

  /** Problems of no single input (a missing group, the list of statements, an unreadable file). */
  public List<Violation> general() {
    return general;
  }

  public int problemCount() {
    return general.size() + atField.values().stream().mapToInt(List::size).sum();
  }

  public String idempotencyKey() {
    return idempotencyKey;
  }
}
