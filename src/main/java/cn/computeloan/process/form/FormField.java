package cn.computeloan.process.form;

import java.util.List;

/**
 * A keyed field of a Camunda Form: what a person may write into it and the form's own rules for it.
 *
 * @param key the variable the field reads and (if writable) writes
 * @param type form-js component type ({@code textfield}, {@code number}, {@code radio}, ...)
 * @param writable false for read-only or disabled fields, which show the process's data only
 * @param values the allowed values of a radio, select or checklist with static options (empty: any)
 * @param hide FEEL expression ({@code =...}) hiding the field, or null
 * @param rules the field's {@code validate} block
 */
public record FormField(String key, String type, String label, boolean writable, List<String> values, String hide,
    Rules rules) {

  /**
   * form-js validation: {@code min}/{@code max} may be numbers or FEEL expressions such as
   * {@code =proposedLimit}, evaluated against the task's variables.
   */
  public record Rules(boolean required, Object min, Object max, Integer minLength, Integer maxLength, String pattern) {
    static final Rules NONE = new Rules(false, null, null, null, null, null);
  }
}
