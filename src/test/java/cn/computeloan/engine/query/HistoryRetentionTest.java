package cn.computeloan.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.testing.Records;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HistoryRetentionTest {

  private final Records records = new Records();
  private final ReadModel readModel = new ReadModel();
  private final AtomicReference<Instant> now = new AtomicReference<>();
  private final HistoryRetention retention = new HistoryRetention(readModel, Duration.ofDays(30), now::get);

  @Test
  void shouldRemoveFinishedInstancesOnlyOnceTheRetentionPeriodHasPassed() {
    readModel.onRecords(List.of(records.instance(1, "ELEMENT_ACTIVATING"), records.instance(1, "ELEMENT_COMPLETED"),
        records.instance(2, "ELEMENT_ACTIVATING")));
    Instant ended = endOf(1);

    now.set(ended.plus(Duration.ofDays(29)));
    assertThat(retention.runOnce()).isZero();
    assertThat(instances()).containsExactlyInAnyOrder("1", "2");

    now.set(ended.plus(Duration.ofDays(31)));
    assertThat(retention.runOnce()).isOne();
    assertThat(instances()).as("the active instance stays").containsExactly("2");
  }

  private Instant endOf(long key) {
    return Instant.parse((String) readModel.get(SearchableEntity.PROCESS_INSTANCE, key).orElseThrow().get("endDate"));
  }

  private List<Object> instances() {
    return readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()).items().stream()
        .map(i -> i.get("processInstanceKey")).toList();
  }
}
