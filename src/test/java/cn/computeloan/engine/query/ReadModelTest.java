package cn.computeloan.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.computeloan.engine.query.projection.VariableProjection;
import cn.computeloan.engine.query.search.InvalidQueryException;
import cn.computeloan.engine.query.search.PageRequest;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchResult;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.query.search.SortField;
import cn.computeloan.engine.testing.Records;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadModelTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Records records = new Records();
  private final ReadModel readModel = new ReadModel();

  private static SearchQuery filter(String json) throws Exception {
    return SearchQuery.all().withFilter(JSON.readTree(json));
  }

  private void startInstance(long key) {
    readModel.onRecords(List.of(
        records.instance(key, "ELEMENT_ACTIVATING"),
        records.instance(key, "ELEMENT_ACTIVATED")));
  }

  @Test
  void shouldFollowProcessInstanceLifecycle() {
    // given
    startInstance(1);
    // when
    readModel.onRecords(List.of(records.instance(1, "ELEMENT_COMPLETING"), records.instance(1, "ELEMENT_COMPLETED")));
    // then
    Map<String, Object> instance = readModel.get(SearchableEntity.PROCESS_INSTANCE, 1).orElseThrow();
    assertThat(instance)
        .containsEntry("processInstanceKey", "1")
        .containsEntry("processDefinitionKey", "100")
        .containsEntry("state", "COMPLETED")
        .containsEntry("hasIncident", false)
        .doesNotContainKey("parentProcessInstanceKey");
    assertThat((String) instance.get("startDate")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(instance.get("endDate")).isNotNull();
  }

  @Test
  void shouldFilterByPlainAndAdvancedValues() throws Exception {
    // given
    startInstance(1);
    startInstance(2);
    readModel.onRecords(List.of(records.instance(2, "ELEMENT_TERMINATED")));
    // when
    SearchResult plain = readModel.search(SearchableEntity.PROCESS_INSTANCE, filter("{\"processInstanceKey\":\"2\"}"));
    SearchResult advanced = readModel.search(SearchableEntity.PROCESS_INSTANCE,
        filter("{\"state\":{\"$in\":[\"ACTIVE\"],\"$notIn\":[],\"$eq\":null},\"tags\":[],\"variables\":[],\"$or\":[]}"));
    SearchResult notIn = readModel.search(SearchableEntity.PROCESS_INSTANCE,
        filter("{\"processInstanceKey\":{\"$notIn\":[\"1\"]},\"endDate\":{\"$exists\":true}}"));
    // then
    assertThat(plain.items()).extracting(i -> i.get("state")).containsExactly("TERMINATED");
    assertThat(advanced.items()).extracting(i -> i.get("processInstanceKey")).containsExactly("1");
    assertThat(notIn.items()).extracting(i -> i.get("processInstanceKey")).containsExactly("2");
  }

  @Test
  void shouldMatchLikeAndRangeFilters() throws Exception {
    // given
    startInstance(1);
    readModel.onRecords(List.of(
        records.variable(10, "CREATED", 1, 1, "orderId", "\"A-100\""),
        records.variable(11, "CREATED", 1, 1, "amount", "250")));
    // when
    SearchResult like = readModel.search(SearchableEntity.VARIABLE, filter("{\"value\":{\"$like\":\"\\\"A-*\"}}"));
    SearchResult range = readModel.search(SearchableEntity.VARIABLE, filter("{\"variableKey\":{\"$gt\":\"10\",\"$lte\":11}}"));
    // then
    assertThat(like.items()).extracting(i -> i.get("name")).containsExactly("orderId");
    assertThat(range.items()).extracting(i -> i.get("name")).containsExactly("amount");
  }

  @Test
  void shouldFilterProcessInstancesByVariable() throws Exception {
    // given
    startInstance(1);
    startInstance(2);
    readModel.onRecords(List.of(records.variable(10, "CREATED", 2, 2, "customer", "\"ACME\"")));
    // when
    SearchResult result = readModel.search(SearchableEntity.PROCESS_INSTANCE,
        filter("{\"variables\":[{\"name\":\"customer\",\"value\":\"\\\"ACME\\\"\"}]}"));
    // then
    assertThat(result.items()).extracting(i -> i.get("processInstanceKey")).containsExactly("2");
  }

  @Test
  void shouldSortDescendingAndPageWithCursors() {
    // given
    for (long key = 1; key <= 5; key++) {
      startInstance(key);
    }
    List<SortField> sort = List.of(new SortField("startDate", true));
    // when
    SearchResult first = readModel.search(SearchableEntity.PROCESS_INSTANCE, new SearchQuery(null, sort, new PageRequest(0, 2, null, null)));
    SearchResult second = readModel.search(SearchableEntity.PROCESS_INSTANCE, new SearchQuery(null, sort, new PageRequest(0, 2, first.endCursor(), null)));
    SearchResult back = readModel.search(SearchableEntity.PROCESS_INSTANCE, new SearchQuery(null, sort, new PageRequest(0, 2, null, second.startCursor())));
    // then
    assertThat(first.totalItems()).isEqualTo(5);
    assertThat(first.items()).extracting(i -> i.get("processInstanceKey")).containsExactly("5", "4");
    assertThat(second.items()).extracting(i -> i.get("processInstanceKey")).containsExactly("3", "2");
    assertThat(back.items()).extracting(i -> i.get("processInstanceKey")).containsExactly("5", "4");
  }

  @Test
  void shouldPageWithOffset() {
    // given
    for (long key = 1; key <= 3; key++) {
      startInstance(key);
    }
    // when
    SearchResult page = readModel.search(SearchableEntity.PROCESS_INSTANCE, new SearchQuery(null, List.of(), new PageRequest(2, 10, null, null)));
    // then
    assertThat(page.items()).extracting(i -> i.get("processInstanceKey")).containsExactly("3");
    assertThat(page.totalItems()).isEqualTo(3);
  }

  @Test
  void shouldRejectForeignCursor() {
    // given
    PageRequest page = new PageRequest(0, 2, "not-a-cursor!", null);
    // when / then
    assertThatThrownBy(() -> readModel.search(SearchableEntity.PROCESS_INSTANCE, new SearchQuery(null, List.of(), page)))
        .isInstanceOf(InvalidQueryException.class);
  }

  @Test
  void shouldKeepVariableKeyOfCreatedRecordAcrossUpdates() {
    // given
    readModel.onRecords(List.of(records.variable(10, "CREATED", 1, 1, "x", "1")));
    // when
    readModel.onRecords(List.of(records.variable(77, "UPDATED", 1, 1, "x", "2")));
    // then
    assertThat(readModel.search(SearchableEntity.VARIABLE, SearchQuery.all()).items())
        .singleElement()
        .satisfies(v -> assertThat(v).containsEntry("variableKey", "10").containsEntry("value", "2"));
  }

  @Test
  void shouldTruncateLongVariableValuesButKeepFullValueForGet() {
    // given
    String longValue = "\"" + "x".repeat(9000) + "\"";
    // when
    readModel.onRecords(List.of(records.variable(10, "CREATED", 1, 1, "big", longValue)));
    // then
    Map<String, Object> found = readModel.search(SearchableEntity.VARIABLE, SearchQuery.all()).items().get(0);
    assertThat(found).containsEntry("isTruncated", true);
    assertThat((String) found.get("value")).hasSize(VariableProjection.MAX_VALUE_LENGTH);
    assertThat(readModel.get(SearchableEntity.VARIABLE, 10).orElseThrow()).containsEntry("value", longValue);
  }

  @Test
  void shouldMarkElementAndInstanceTreeWhileIncidentIsActive() {
    // given
    startInstance(1);
    readModel.onRecords(List.of(
        records.instance(2, "ELEMENT_ACTIVATING", 1, 5),
        records.element(20, "ELEMENT_ACTIVATING", 2, "task", "SERVICE_TASK", 2)));
    // when
    readModel.onRecords(List.of(records.incident(30, "CREATED", 2, 20, 40)));
    // then
    assertThat(readModel.get(SearchableEntity.ELEMENT_INSTANCE, 20).orElseThrow())
        .containsEntry("hasIncident", true).containsEntry("incidentKey", "30");
    assertThat(readModel.get(SearchableEntity.PROCESS_INSTANCE, 1).orElseThrow()).containsEntry("hasIncident", true);
    assertThat(readModel.processInstanceIncidents(1, SearchQuery.all()).items()).hasSize(1);

    // when
    readModel.onRecords(List.of(records.incident(30, "RESOLVED", 2, 20, 40)));
    // then
    assertThat(readModel.get(SearchableEntity.INCIDENT, 30).orElseThrow()).containsEntry("state", "RESOLVED");
    assertThat(readModel.get(SearchableEntity.PROCESS_INSTANCE, 1).orElseThrow()).containsEntry("hasIncident", false);
    assertThat(readModel.get(SearchableEntity.ELEMENT_INSTANCE, 20).orElseThrow()).doesNotContainKey("incidentKey");
  }

  @Test
  void shouldCountElementStatisticsAndListSequenceFlows() {
    // given
    startInstance(1);
    readModel.onRecords(List.of(
        records.element(10, "ELEMENT_ACTIVATING", 1, "start", "START_EVENT", 1),
        records.element(10, "ELEMENT_COMPLETED", 1, "start", "START_EVENT", 1),
        records.sequenceFlow(11, 1, "flow1"),
        records.element(12, "ELEMENT_ACTIVATING", 1, "task", "SERVICE_TASK", 1)));
    // when
    List<Map<String, Object>> statistics = readModel.elementStatistics(1);
    // then
    assertThat(statistics).containsExactly(
        Map.of("elementId", "start", "active", 0L, "canceled", 0L, "incidents", 0L, "completed", 1L),
        Map.of("elementId", "task", "active", 1L, "canceled", 0L, "incidents", 0L, "completed", 0L));
    assertThat(readModel.sequenceFlows(1)).singleElement()
        .satisfies(flow -> assertThat(flow).containsEntry("sequenceFlowId", "flow1").containsEntry("processInstanceKey", "1"));
    assertThat(readModel.search(SearchableEntity.ELEMENT_INSTANCE, SearchQuery.all()).items())
        .extracting(e -> e.get("type")).containsExactly("START_EVENT", "SERVICE_TASK");
  }

  @Test
  void shouldTrackJobStates() throws Exception {
    // given
    readModel.onRecords(List.of(records.job(5, "CREATED", 1, 10, 3), records.job(5, "ACTIVATED", 1, 10, 3)));
    // when
    readModel.onRecords(List.of(records.job(5, "FAILED", 1, 10, 2)));
    // then
    assertThat(readModel.search(SearchableEntity.JOB, filter("{\"state\":\"FAILED\"}")).items()).singleElement()
        .satisfies(job -> assertThat(job)
            .containsEntry("jobKey", "5")
            .containsEntry("retries", 2)
            .containsEntry("hasFailedWithRetriesLeft", true));
  }

  @Test
  void shouldTrackUserTaskStatesAndMatchCandidateGroup() throws Exception {
    // given
    readModel.onRecords(List.of(records.userTask(7, "CREATING", 1, 10, null, -1), records.userTask(7, "CREATED", 1, 10, null, -1)));
    // when
    readModel.onRecords(List.of(records.userTask(7, "ASSIGNING", 1, 10, "demo", -1), records.userTask(7, "ASSIGNED", 1, 10, "demo", -1)));
    // then
    assertThat(readModel.search(SearchableEntity.USER_TASK, filter("{\"candidateGroup\":\"clerks\",\"assignee\":\"demo\"}")).items())
        .singleElement()
        .satisfies(task -> assertThat(task).containsEntry("state", "CREATED").containsEntry("userTaskKey", "7"));

    // when
    readModel.onRecords(List.of(records.userTask(7, "COMPLETING", 1, 10, "demo", -1), records.userTask(7, "COMPLETED", 1, 10, "demo", -1)));
    // then
    assertThat(readModel.get(SearchableEntity.USER_TASK, 7).orElseThrow())
        .containsEntry("state", "COMPLETED").containsKey("completionDate");
  }

  @Test
  void shouldShowUserTaskVariablesWithInnerScopeHidingOuter() {
    // given
    startInstance(1);
    readModel.onRecords(List.of(
        records.element(10, "ELEMENT_ACTIVATING", 1, "review", "USER_TASK", 1),
        records.variable(20, "CREATED", 1, 1, "amount", "100"),
        records.variable(21, "CREATED", 1, 1, "customer", "\"ACME\""),
        records.variable(22, "CREATED", 10, 1, "amount", "200"),
        records.userTask(7, "CREATED", 1, 10, null, -1)));
    // when
    SearchResult variables = readModel.userTaskVariables(7, SearchQuery.all());
    // then
    assertThat(variables.items()).extracting(v -> v.get("name") + "=" + v.get("value"))
        .containsExactlyInAnyOrder("amount=200", "customer=\"ACME\"");
  }

  @Test
  void shouldTrackMessageSubscriptionsAndCorrelations() throws Exception {
    // given
    readModel.onRecords(List.of(records.messageSubscription(9, "CREATED", 1, 10, -1)));
    // when
    readModel.onRecords(List.of(records.messageSubscription(9, "CORRELATED", 1, 10, 55)));
    // then
    assertThat(readModel.search(SearchableEntity.MESSAGE_SUBSCRIPTION, filter("{\"messageSubscriptionState\":{\"$eq\":\"CORRELATED\"}}")).items())
        .hasSize(1);
    assertThat(readModel.search(SearchableEntity.CORRELATED_MESSAGE_SUBSCRIPTION, SearchQuery.all()).items())
        .singleElement()
        .satisfies(c -> assertThat(c).containsEntry("messageKey", "55").containsEntry("subscriptionKey", "9"));
  }

  @Test
  void shouldAnswerLatestProcessVersionAndXml() throws Exception {
    // given
    readModel.onRecords(List.of(
        records.process(100, "order", 1, "<xml v1/>"),
        records.process(101, "order", 2, "<xml v2/>")));
    // when
    SearchResult latest = readModel.search(SearchableEntity.PROCESS_DEFINITION, filter("{\"isLatestVersion\":true}"));
    // then
    assertThat(latest.items()).extracting(d -> d.get("processDefinitionKey")).containsExactly("101");
    assertThat(readModel.resource(100).orElseThrow().content()).isEqualTo("<xml v1/>");
  }

  @Test
  void shouldRemoveInstanceTreeAndClearEverything() {
    // given
    startInstance(1);
    readModel.onRecords(List.of(
        records.instance(2, "ELEMENT_ACTIVATING", 1, 5),
        records.variable(20, "CREATED", 2, 2, "x", "1")));
    startInstance(3);
    // when
    readModel.removeProcessInstanceTree(1);
    // then
    assertThat(readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()).items())
        .extracting(i -> i.get("processInstanceKey")).containsExactly("3");
    assertThat(readModel.search(SearchableEntity.VARIABLE, SearchQuery.all()).items()).isEmpty();

    // when
    readModel.clear();
    // then
    assertThat(readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()).totalItems()).isZero();
  }

  @Test
  void shouldIgnoreCommandRecords() {
    // given
    var command = new cn.computeloan.engine.record.Record(1, 1, 0, cn.computeloan.engine.record.RecordType.COMMAND,
        cn.computeloan.engine.record.ValueType.PROCESS_INSTANCE, "ACTIVATE_ELEMENT",
        records.instance(1, "ELEMENT_ACTIVATING").value());
    // when
    readModel.onRecords(List.of(command));
    // then
    assertThat(readModel.get(SearchableEntity.PROCESS_INSTANCE, 1)).isEmpty();
  }
}
