package cn.computeloan.credit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.review.UnifiedSocialCreditCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any 17-character body plus its check character is valid; any other check character is not. */
class CreditCodePropertiesTest {

  @Provide
  Arbitrary<String> bodies() {
    return Arbitraries.strings().withChars(UnifiedSocialCreditCode.ALPHABET.toCharArray())
        .ofLength(17);
  }

  @Property
  void checkCharacterValidatesAndDetectsSingleChanges(@ForAll("bodies") String body,
      @ForAll("bodies") String other) {
    char check = UnifiedSocialCreditCode.checkCharacter(body);
    assertThat(UnifiedSocialCreditCode.isValid(body + check)).isTrue();
    char wrong = other.charAt(0) == check ? other.charAt(1) : other.charAt(0);
    if (wrong != check) {
      assertThat(UnifiedSocialCreditCode.isValid(body + wrong)).isFalse();
    }
  }
}
