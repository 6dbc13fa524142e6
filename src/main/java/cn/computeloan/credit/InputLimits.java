package cn.computeloan.credit;

/**
 * How long a text and how large a number the application accepts from its callers, declared once.
 * The text limits are the column sizes of the application's database where a value is stored in a
 * column ({@code InputLimitsMatchTheDatabaseTest} compares them with the migrated schema), and
 * deliberate bounds where it goes into a JSON document. Lengths count UTF-16 code units ({@link
 * String#length()}), never fewer than the characters a {@code VARCHAR(n)} column counts.
 */
public final class InputLimits {

  /** Names of firms and people: applicant ({@code loan_application.applicant_name}), buyer, guarantor. */
  public static final int NAME = 200;
  /** The caller's own reference for an application ({@code applicationId}, JSON only). */
  public static final int REFERENCE = 100;
  /** Comments, summaries and notes that go into JSON documents (case file steps, payload). */
  public static final int FREE_TEXT = 2_000;
  /** User names as recorded: {@code submitted_by}, {@code actor} of steps and audit events, {@code uploaded_by}. */
  public static final int USERNAME = 100;
  /** The {@code Idempotency-Key} header ({@code loan_application.idempotency_key}). */
  public static final int IDEMPOTENCY_KEY = 200;
  /** A document's file name ({@code application_document.file_name}). */
  public static final int FILE_NAME = 255;
  /** A document's content type ({@code application_document.content_type}). */
  public static final int CONTENT_TYPE = 100;
  /** A document's kind ({@code application_document.kind}). */
  public static final int DOCUMENT_KIND = 40;

  /** Guarantees one application may offer: each is valued and haircut by the policy. */
  public static final int MAX_GUARANTEE_OFFERS = 20;
  /**
   * Digits before the decimal point of any number in an application: the requested amount is stored
   * as {@code NUMERIC(19,2)}, and a bound exponent keeps arithmetic on the figures cheap (a number
   * such as {@code 1e999999999} would make every sum allocate a billion digits).
   */
  public static final int MAX_INTEGER_DIGITS = 17;
  /** Digits after the decimal point of any number in an application (ratios need more than money). */
  public static final int MAX_DECIMAL_PLACES = 10;
  /** Digits after the decimal point of a stored amount of money (fen; {@code NUMERIC(19,2)}). */
  public static final int MONEY_DECIMAL_PLACES = 2;

  private InputLimits() {}

  /**
   * Whether {@code text} may be stored as a name or free text: no control characters (PostgreSQL
   * refuses NUL in text; the others have no place in a name) and no lone surrogate (it cannot be
   * encoded as UTF-8, so it would be stored as something else).
   */
  public static boolean printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Same as {@link #printable} but tolerates line breaks and tabs, as comments may have them. */
  public static boolean printableText(String text) {
    return printable(text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '));
  }
}
