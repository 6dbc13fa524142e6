package cn.computeloan.process.form;

/**
 * One reason a submitted form value is refused: the field's key, a stable code and a message in
 * Chinese then English (shown to the person beside the field, and used as a listener's denial reason).
 */
public record FieldProblem(String field, String code, String message) {

  /** Codes, stable for API clients. */
  public static final String NOT_WRITABLE = "NOT_WRITABLE";
  public static final String REQUIRED = "REQUIRED";
  public static final String WRONG_TYPE = "WRONG_TYPE";
  public static final String NOT_ALLOWED = "NOT_ALLOWED";
  public static final String TOO_SMALL = "TOO_SMALL";
  public static final String TOO_LARGE = "TOO_LARGE";
  public static final String TOO_SHORT = "TOO_SHORT";
  public static final String TOO_LONG = "TOO_LONG";
  public static final String PATTERN = "PATTERN";
  public static final String RULE_UNREADABLE = "RULE_UNREADABLE";
}
