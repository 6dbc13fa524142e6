package cn.computeloan.engine.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One filter property against one field value: plain values, arrays and the advanced operators. */
class FieldConditionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** The condition's outcome, $like patterns resolved. */
  private static boolean holds(String condition, Object actual) {
    return FieldCondition.evaluate(json(condition), actual).resolve(SearchContext.unscanned(Duration.ofSeconds(5)));
  }

  @Test
  void shouldTreatNullAndEmptyConditionsAsNoCondition() {
    assertThat(FieldCondition.isEmpty(null)).isTrue();
    assertThat(FieldCondition.isEmpty(json("null"))).isTrue();
    assertThat(FieldCondition.isEmpty(json("[]"))).isTrue();
    assertThat(FieldCondition.isEmpty(json("{}"))).isTrue();
    assertThat(FieldCondition.isEmpty(json("\"ACTIVE\""))).isFalse();
    assertThat(FieldCondition.evaluate(json("{}"), "anything")).isSameAs(Residual.TRUE);
  }

  @Test
  void shouldCompareAPlainValueForEquality() {
    assertThat(holds("\"ACTIVE\"", "ACTIVE")).isTrue();
    assertThat(holds("\"ACTIVE\"", "COMPLETED")).isFalse();
    assertThat(holds("\"ACTIVE\"", null)).isFalse();
    assertThat(holds("42", 42L)).isTrue();
    assertThat(holds("true", true)).isTrue();
    assertThat(holds("true", false)).isFalse();
  }

  @Test
  void shouldReadAPlainValueAsContainsForListFields() {
    assertThat(holds("\"analysts\"", List.of("analysts", "managers"))).isTrue();
    assertThat(holds("\"auditors\"", List.of("analysts", "managers"))).isFalse();
    // an array asks for all of its values
    assertThat(holds("[\"analysts\",\"managers\"]", List.of("analysts", "managers"))).isTrue();
    assertThat(holds("[\"analysts\",\"auditors\"]", List.of("analysts", "managers"))).isFalse();
  }

  @Test
  void shouldApplyEveryOperatorGiven() {
    assertThat(holds("{\"$eq\":\"A\"}", "A")).isTrue();
    assertThat(holds("{\"$neq\":\"A\"}", "A")).isFalse();
    assertThat(holds("{\"$in\":[\"A\",\"B\"]}", "B")).isTrue();
    assertThat(holds("{\"$in\":[\"A\",\"B\"]}", "C")).isFalse();
    assertThat(holds("{\"$notIn\":[\"A\",\"B\"]}", "C")).isTrue();
    assertThat(holds("{\"$exists\":true}", null)).isFalse();
    assertThat(holds("{\"$exists\":false}", null)).isTrue();
    assertThat(holds("{\"$gt\":10,\"$lte\":20}", 20L)).isTrue();
    assertThat(holds("{\"$gt\":10,\"$lte\":20}", 10L)).isFalse();
    assertThat(holds("{\"$gte\":10,\"$lt\":20}", 10L)).isTrue();
    assertThat(holds("{\"$gte\":10,\"$lt\":20}", 20L)).isFalse();
    // all operators must hold
    assertThat(holds("{\"$in\":[\"A\",\"B\"],\"$neq\":\"B\"}", "B")).isFalse();
  }

  @Test
  void shouldCompareDatesInOrderNotAsText() {
    assertThat(holds("{\"$gt\":\"2026-12-06T09:00:00+08:00\"}", "2026-12-06T02:00:00.000Z")).isTrue();
    assertThat(holds("{\"$lt\":\"2026-12-06T09:00:00+08:00\"}", "2026-12-06T02:00:00.000Z")).isFalse();
    assertThat(holds("{\"$gt\":\"2026-01-01T00:00:00Z\"}", null)).isFalse();
  }

  @Test
  void shouldIgnoreOperatorsTheClientLeftUnset() {
    assertThat(holds("{\"$eq\":\"A\",\"$in\":[],\"$like\":null}", "A")).isTrue();
  }

  @Test
  void shouldLeaveLikeToBeResolvedOutsideTheLock() {
    Residual residual = FieldCondition.evaluate(json("{\"$like\":\"loan-*\"}"), "loan-2026");

    assertThat(residual).isNotIn(Residual.TRUE, Residual.FALSE);
    assertThat(holds("{\"$like\":\"loan-*\"}", "loan-2026")).isTrue();
    assertThat(holds("{\"$like\":\"loan-?\"}", "loan-2026")).isFalse();
    assertThat(FieldCondition.evaluate(json("{\"$like\":\"loan-*\"}"), null)).isSameAs(Residual.FALSE);
  }

  @Test
  void shouldRefuseAnUnknownOperator() {
    assertThatThrownBy(() -> FieldCondition.evaluate(json("{\"$regex\":\"a.*\"}"), "abc"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("$regex");
  }
}
