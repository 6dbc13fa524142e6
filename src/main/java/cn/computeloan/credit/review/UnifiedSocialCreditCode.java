package cn.computeloan.credit.review;

/**
 * GB 32100-2015 unified social credit code (统一社会信用代码): 18 characters from a 31-character
 * alphabet; the 18th is a check character over the first 17.
 */
public final class UnifiedSocialCreditCode {

  /** Characters in a code ({@code loan_application.applicant_code} is exactly this long). */
  public static final int LENGTH = 18;

  /** The code alphabet: digits and upper-case letters without I, O, Z, S, V. */
  public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  private static final int[] WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };

  private UnifiedSocialCreditCode() {}

  /** True if the code has 18 valid characters and a correct check character. */
  public static boolean isValid(String code) {
    if (code == null || code.length() != 18) {
      return false;
    }
    for (int i = 0; i < 18; i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return false;
      }
    }
    return checkCharacter(code.substring(0, 17)) == code.charAt(17);
  }

  /**
   * Check character for the first 17 characters: 31 - (weighted sum mod 31), where 31 maps to 0.
   *
   * @throws IllegalArgumentException if the input is not 17 alphabet characters (a programming
   *     error: callers validate business input with {@link #isValid})
   */
  public static char checkCharacter(String first17) {
    if (first17 == null || first17.length() != 17) {
      throw new IllegalArgumentException("need 17 characters");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int value = ALPHABET.indexOf(first17.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("invalid character at " + (i + 1));
      }
      sum += value * WEIGHTS[i];
    }
    int check = 31 - sum % 31;
    return ALPHABET.charAt(check == 31 ? 0 : check);
  }
}
