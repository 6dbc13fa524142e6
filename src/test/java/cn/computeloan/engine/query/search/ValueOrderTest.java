package cn.computeloan.engine.query.search;

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

  @Test
  void shouldCutTheSamePageFromAHeapAsFromAFullSort() {
    // given: 2,000 hits with due dates (some equal, some missing) sorted by due date, then id
    java.util.Random random = new java.util.Random(7);
    List<DocumentIndex.Hit> hits = new ArrayList<>();
    List<SortField> sort = List.of(new SortField("dueDate", false));
    for (int i = 0; i < 2000; i++) {
      String due = i % 50 == 0 ? null : Instant.parse("2026-12-06T00:00:00Z").plusSeconds(random.nextInt(500) * 60L).toString();
      java.util.Map<String, Object> values = new java.util.HashMap<>();
      values.put("dueDate", due);
      hits.add(new DocumentIndex.Hit(java.util.Arrays.asList(due, String.valueOf(1000 + i)), String.valueOf(1000 + i), values));
    }
    for (int from : new int[] {0, 25, 475}) {
      // when: a first page (heap) and the same page of a query that must sort everything
      var heap = DocumentIndex.window(hits, new SearchQuery(null, sort, new PageRequest(from, 25, null, null)));
      var full = DocumentIndex.window(hits, new SearchQuery(null, sort, new PageRequest(0, 2000, null, null)));
      // then
      assertThat(heap.hits()).as("from " + from).isEqualTo(full.hits().subList(from, from + 25));
      assertThat(heap.total()).isEqualTo(2000);
    }
  }
}
