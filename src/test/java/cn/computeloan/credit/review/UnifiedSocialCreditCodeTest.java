package cn.computeloan.credit.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedSocialCreditCodeTest {

  @Test
  void computesTheCheckCharacterByHand() {
    // 9 1 4 4 0 6 0 6 M A 5 5 K 3 X Q 2 with weights 1,3,9,...: sum mod 31 = 31 - 0 -> '0'.
    assertThat(UnifiedSocialCreditCode.checkCharacter("91440606MA55K3XQ2")).isEqualTo('0');
    assertThat(UnifiedSocialCreditCode.checkCharacter("91630100MA7510RN8")).isEqualTo('X');
    assertThat(UnifiedSocialCreditCode.checkCharacter("91310115MA1K4Y7B3")).isEqualTo('7');
  }

  @Test
  void checkValueThirtyOneMapsToZero() {
    // All zeros: weighted sum 0, 31 - 0 = 31 -> '0'.
    assertThat(UnifiedSocialCreditCode.checkCharacter("00000000000000000")).isEqualTo('0');
    assertThat(UnifiedSocialCreditCode.isValid("000000000000000000")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"91440606MA55K3XQ20", "91630100MA7510RN8X", "91310115MA1K4Y7B37"})
  void acceptsValidCodes(String code) {
    assertThat(UnifiedSocialCreditCode.isValid(code)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"91440606MA55K3XQ21", "91440606MA55K3XQ2", "91440606MA55K3XQ200",
      "91440606MA55K3XQ2O", "91440606ma55k3xq20", "91440606MA55K3IQ20", ""})
  void rejectsWrongCheckLengthOrAlphabet(String code) {
    assertThat(UnifiedSocialCreditCode.isValid(code)).isFalse();
  }

  @Test
  void rejectsNullAndMisuse() {
    assertThat(UnifiedSocialCreditCode.isValid(null)).isFalse();
    assertThatThrownBy(() -> UnifiedSocialCreditCode.checkCharacter("123"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UnifiedSocialCreditCode.checkCharacter("9144060OMA55K3XQ2"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
