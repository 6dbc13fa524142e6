package cn.computeloan.engine.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The {@code $like} matcher: same answers as the regular expression it replaces, in linear time. */
class LikePatternTest {

  /**
   * The reference: the regular-expression translation the engine used before (each literal quoted,
   * {@code *} as {@code .*}, {@code ?} as {@code .}, a backslash escaping the next character). Fine
   * for short strings; exponential on long pathological ones, which is why it was replaced.
   */
  private static boolean reference(String pattern, String text) {
    StringBuilder regex = new StringBuilder();
    boolean escaped = false;
    for (int i = 0; i < pattern.length(); ) {
      int c = pattern.codePointAt(i);
      i += Character.charCount(c);
      String literal = Pattern.quote(new String(Character.toChars(c)));
      if (escaped) {
        regex.append(literal);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(literal);
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
  }

  private static Arbitrary<String> over(List<String> alphabet, int maxLength) {
    return Arbitraries.of(alphabet).list().ofMaxSize(maxLength).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<String> patterns() {
    return over(List.of("a", "b", "*", "?", "\\", "😀", "é"), 10);
  }

  @Provide
  Arbitrary<String> texts() {
    return over(List.of("a", "b", "*", "?", "\\", "😀", "é"), 14);
  }

  @Property(tries = 3000)
  void shouldAnswerAsTheRegularExpressionDid(@ForAll("patterns") String pattern, @ForAll("texts") String text) {
    assertThat(LikePattern.compile(pattern).matches(text)).as("'%s' like '%s'", text, pattern)
        .isEqualTo(reference(pattern, text));
  }

  @Property(tries = 500)
  void shouldFindEveryTextInItselfWithWildcardsAround(@ForAll("texts") String text) {
    // given: the text with every character escaped, as a segment between stars
    StringBuilder escaped = new StringBuilder();
    text.codePoints().forEach(c -> escaped.append('\\').appendCodePoint(c));
    // when / then
    assertThat(LikePattern.compile("*" + escaped + "*").matches("xx" + text + "yy")).isTrue();
    assertThat(LikePattern.compile(escaped.toString()).matches(text)).isTrue();
  }

  @Example
  void shouldRefuseTheReviewsPathologicalPatternWithoutBacktracking() {
    // given: finding 3 of the review, a JSON string of 150 'a's against *a*a…*b
    String text = "\"" + "a".repeat(150) + "\"";
    LikePattern pattern = LikePattern.compile("*a".repeat(25) + "*b");
    // when / then: a generous bound; the regular expression did not answer within 30 s
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(pattern.matches(text)).isFalse());
  }

  @Example
  void shouldMatchLongSegmentsInLongTextsInLinearTime() {
    // given: a megabyte of 'a' and a pattern of long segments that almost occur everywhere
    String text = "a".repeat(1_000_000);
    String segment = "a".repeat(100) + "b";
    LikePattern pattern = LikePattern.compile("*" + segment + "*" + segment + "*");
    // when / then
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertThat(pattern.matches(text)).isFalse();
      assertThat(pattern.matches(text + segment + "x" + segment)).isTrue();
    });
  }

  @Example
  void shouldTreatEscapedWildcardsAsLiterals() {
    assertThat(LikePattern.compile("a\\*b").matches("a*b")).isTrue();
    assertThat(LikePattern.compile("a\\*b").matches("axb")).isFalse();
    assertThat(LikePattern.compile("a\\?b").matches("axb")).isFalse();
    assertThat(LikePattern.compile("a\\\\*").matches("a\\anything")).isTrue();
    assertThat(LikePattern.compile("?").matches("😀")).as("one code point").isTrue();
    assertThat(LikePattern.compile("ab\\").matches("ab")).as("a trailing backslash is ignored").isTrue();
  }
}
