package cn.computeloan.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.computeloan.engine.query.search.InvalidQueryException;
import cn.computeloan.engine.query.search.SearchLimits;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchTimeoutException;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.testing.Records;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The read model's searches: bounded patterns, a time budget, {@code $like} wherever a filter has it. */
class ReadModelSearchLimitsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Records records = new Records();
  private final ReadModel readModel = new ReadModel();

  private static SearchQuery filter(String json) throws Exception {
    return SearchQuery.all().withFilter(JSON.readTree(json));
  }

  private List<Object> keys(SearchableEntity entity, String filter, String key) throws Exception {
    return readModel.search(entity, filter(filter)).items().stream().map(item -> item.get(key)).toList();
  }

  /** Instance 1: customer ACME, a failed task with incident "disk full"; instance 2: customer Globex. */
  private void twoInstances() {
    readModel.onRecords(List.of(
        records.instance(1, "ELEMENT_ACTIVATING"),
        records.element(10, "ELEMENT_ACTIVATING", 1, "review-order", "USER_TASK", 1),
        records.variable(20, "CREATED", 1, 1, "customer", "\"ACME Ltd\""),
        records.userTask(30, "CREATED", 1, 10, null, -1),
        records.incident(40, "CREATED", 1, 10, 50),
        records.instance(2, "ELEMENT_ACTIVATING"),
        records.element(11, "ELEMENT_ACTIVATING", 2, "ship", "SERVICE_TASK", 2),
        records.variable(21, "CREATED", 2, 2, "customer", "\"Globex\"")));
  }

  @Test
  void shouldMatchLikeInJoinsAlternativesAndVariables() throws Exception {
    // given
    twoInstances();
    // when / then: the $like of every kind of filter property is matched after the lock is released
    assertThat(keys(SearchableEntity.PROCESS_INSTANCE,
        "{\"variables\":[{\"name\":\"customer\",\"value\":{\"$like\":\"*ACME*\"}}]}", "processInstanceKey"))
        .containsExactly("1");
    assertThat(keys(SearchableEntity.PROCESS_INSTANCE, "{\"errorMessage\":{\"$like\":\"bo?m\"}}", "processInstanceKey"))
        .containsExactly("1");
    assertThat(keys(SearchableEntity.PROCESS_INSTANCE, "{\"elementId\":{\"$like\":\"sh*\"}}", "processInstanceKey"))
        .containsExactly("2");
    assertThat(keys(SearchableEntity.PROCESS_INSTANCE,
        "{\"$or\":[{\"elementId\":{\"$like\":\"review*\"}},{\"variables\":[{\"name\":\"customer\",\"value\":\"\\\"Globex\\\"\"}]}]}",
        "processInstanceKey")).containsExactlyInAnyOrder("1", "2");
    assertThat(keys(SearchableEntity.USER_TASK,
        "{\"processInstanceVariables\":[{\"name\":\"customer\",\"value\":{\"$like\":\"\\\"ACME*\"}}]}", "userTaskKey"))
        .containsExactly("30");
    assertThat(keys(SearchableEntity.VARIABLE, "{\"value\":{\"$like\":\"*z*\"}}", "name")).isEmpty();
    assertThat(readModel.definitionElementStatistics(100, JSON.readTree("{\"elementId\":{\"$like\":\"sh*\"}}")))
        .extracting(s -> s.get("elementId")).containsExactly("ship");
  }

  @Test
  void shouldRefuseLikePatternsBeyondTheLimitsNamingWhereTheyAre() throws Exception {
    // given
    twoInstances();
    String tooLong = "a".repeat(SearchLimits.MAX_LIKE_LENGTH + 1);
    String tooWild = "?".repeat(SearchLimits.MAX_LIKE_WILDCARDS + 1);
    // when / then
    assertThatThrownBy(() -> readModel.search(SearchableEntity.VARIABLE,
        filter("{\"$or\":[{\"name\":\"x\"},{\"name\":{\"$like\":\"" + tooLong + "\"}}]}")))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("filter.$or[1].name.$like");
    assertThatThrownBy(() -> readModel.search(SearchableEntity.PROCESS_INSTANCE,
        filter("{\"variables\":[{\"name\":\"customer\",\"value\":{\"$like\":\"" + tooWild + "\"}}]}")))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("filter.variables[0].value.$like");
    assertThatThrownBy(() -> readModel.definitionElementStatistics(100,
        JSON.readTree("{\"elementId\":{\"$like\":{\"not\":\"text\"}}}")))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("filter.elementId.$like");
    // escaped wildcards are literals, not wildcards
    assertThat(readModel.search(SearchableEntity.VARIABLE,
        filter("{\"name\":{\"$like\":\"" + "\\\\*".repeat(SearchLimits.MAX_LIKE_WILDCARDS + 1) + "\"}}")).items()).isEmpty();
  }

  @Test
  void shouldStopASearchThatRunsPastItsTimeBudget() {
    // given
    List<Record> batch = new ArrayList<>();
    for (long key = 1; key <= 1000; key++) {
      batch.add(records.instance(key, "ELEMENT_ACTIVATING"));
    }
    readModel.onRecords(batch);
    readModel.searchTimeBudget(Duration.ofNanos(1));
    // when / then
    assertThatThrownBy(() -> readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()))
        .isInstanceOf(SearchTimeoutException.class).hasMessageContaining("time budget");
    // and a search within its budget answers
    readModel.searchTimeBudget(Duration.ofSeconds(30));
    assertThat(readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()).totalItems()).isEqualTo(1000);
  }
}
