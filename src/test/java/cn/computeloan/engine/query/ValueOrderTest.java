package cn.computeloan.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sort keys made once per document order exactly as the raw values do, and dates are not numbers. */
class ValueOrderTest {

  @Test
  void shouldNotReadADateTimeAsANumber() {
    assertThat(ValueOrder.number("2026-12-06T10:00:00.000Z")).isNull();
    assertThat(ValueOrder.number("2251799813685409")).isEqualByComparingTo("2251799813685409");
    assertThat(ValueOrder.number("-1.5e-3")).isEqualByComparingTo("-0.0015");
    assertThat(ValueOrder.number("12a")).isNull();
  }

  @Test
  void shouldOrderSortKeysAsTheValuesThemselves() {
    List<Object> values = List.of("2026-12-06T10:00:00.000Z", "2026-12-06T09:00:00+08:00", "2025-01-01T00:00:00Z",
        "analyst", "2251799813685409", "17", 3, new BigDecimal("2.5"), true, false);
    for (Object left : values) {
      for (Object right : values) {
        assertThat(Integer.signum(ValueOrder.compare(ValueOrder.sortKey(left), ValueOrder.sortKey(right))))
            .as(left + " vs " + right).isEqualTo(Integer.signum(ValueOrder.compare(left, right)));
      }
    }
    assertThat(ValueOrder.sortKey("2026-12-06T09:00:00+08:00")).isEqualTo(Instant.parse("2026-12-06T01:00:00Z"));
    List<Object> keys = new ArrayList<>();
    keys.add(ValueOrder.sortKey(null));
    keys.add(ValueOrder.sortKey("2026-12-06T10:00:00.000Z"));
    keys.sort(ValueOrder.NULLS_LAST);
    assertThat(keys.get(1)).isNull();
  }
}
