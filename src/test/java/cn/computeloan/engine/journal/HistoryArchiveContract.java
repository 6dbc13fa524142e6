package cn.computeloan.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.DeploymentResource;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.search.PageRequest;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchResult;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.query.search.SortField;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history archive, once per database: finished trees leave memory for the database and every
 * query answers exactly as a read model that kept everything in memory (fed the same records).
 */
abstract class HistoryArchiveContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIMPLE = Bpmn.convertToString(Bpmn.createExecutableProcess("simple")
      .startEvent("start").serviceTask("s", t -> t.zeebeJobType("s")).endEvent("end").done());

  private DurableEngine engine;
  private final Map<String, Long> keys = new HashMap<>();
  private final List<Long> simpleInstances = new ArrayList<>();
  private long activeInstance;

  abstract JournalDatabase newDatabase();

  @BeforeEach
  void runInstances() {
    engine = new DurableEngine(newDatabase(), Instant.parse("2026-01-05T08:00:00Z"), true);
    List<EngineRestartScenario.Step> steps = EngineRestartScenario.steps();
    for (EngineRestartScenario.Step step : steps) {
      step.action().accept(engine, keys);
    }
    engine.engine.deploy(List.of(new DeploymentResource("simple.bpmn", SIMPLE.getBytes(StandardCharsets.UTF_8))),
        "<default>");
    for (int i = 1; i <= 5; i++) {
      simpleInstances.add(create(i * 100));
      engine.clock.advance(Duration.ofSeconds(1));
    }
    activeInstance = simpleInstances.remove(simpleInstances.size() - 1);
    for (ActivatedJob job : engine.activate("s", 10)) {
      if (job.processInstanceKey() != activeInstance) {
        engine.engine.completeJob(job.jobKey(), Map.of("amount", 150, "score", 7), JobResult.none());
      }
    }
  }

  @AfterEach
  void stop() {
    engine.close();
    engine.database.close();
  }

  private long create(int amount) {
    return engine.engine.createProcessInstance(new CreateInstanceCommand(-1, "simple", -1, Map.of("amount", amount),
        List.of(), false, 0, List.of(), "<default>")).join().processInstanceKey();
  }

  @Test
  void shouldKeepOnlyActiveInstancesInMemoryOnceFinishedTreesAreArchived() {
    engine.readModel.beforeSnapshot();

    Map<SearchableEntity, Integer> inMemory = engine.readModel.documentsInMemory();
    for (SearchableEntity entity : List.of(SearchableEntity.PROCESS_INSTANCE, SearchableEntity.ELEMENT_INSTANCE,
        SearchableEntity.VARIABLE, SearchableEntity.VARIABLE_CHANGE, SearchableEntity.JOB, SearchableEntity.USER_TASK,
        SearchableEntity.INCIDENT, SearchableEntity.MESSAGE_SUBSCRIPTION)) {
      long ofActive = engine.reference.search(entity, byInstance(activeInstance)).totalItems();
      assertThat(inMemory.get(entity)).as(entity + " documents in memory").isEqualTo((int) ofActive);
    }
    assertThat(inMemory.get(SearchableEntity.PROCESS_INSTANCE)).isOne();
    assertThat(archivedCounts()).containsEntry("PROCESS_INSTANCE", 5L).containsKey("SEQUENCE_FLOWS");
  }

  @Test
  void shouldAnswerSearchesGetsAndDiagramsOfArchivedInstancesAsIfAllWereInMemory() {
    engine.readModel.beforeSnapshot();
    assertSameAnswers();
  }

  @Test
  void shouldNotDuplicateArchivedTreesWhenReplayFinishesThemAgain() {
    engine.readModel.beforeSnapshot();
    Map<String, Long> before = archivedCounts();

    engine.restart();
    engine.readModel.beforeSnapshot();

    assertThat(archivedCounts()).isEqualTo(before);
    assertThat(engine.readModel.documentsInMemory().get(SearchableEntity.PROCESS_INSTANCE)).isOne();
    assertSameAnswers();
  }

  @Test
  void shouldDeleteArchivedTreesWhenTheRetentionPeriodHasPassed() {
    engine.readModel.beforeSnapshot();

    int removed = engine.readModel.removeFinishedBefore(engine.engine.currentTime().plus(Duration.ofDays(1)));

    assertThat(removed).isEqualTo(5);
    assertThat(archivedCounts()).isEmpty();
    assertThat(engine.readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()).items())
        .extracting(i -> i.get("processInstanceKey")).containsExactly(Long.toString(activeInstance));

    engine.restart();
    engine.readModel.beforeSnapshot();
    assertThat(archivedCounts()).as("replay finishes the trees again; they stay deleted").isEmpty();
    assertThat(engine.readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()).items())
        .extracting(i -> i.get("processInstanceKey")).containsExactly(Long.toString(activeInstance));
    assertThat(engine.readModel.removeFinishedBefore(engine.engine.currentTime().plus(Duration.ofDays(1)))).isZero();
  }

  @Test
  void shouldRecordEveryVariableChangeWithItsWriterAndTimeBeforeAndAfterArchiving() {
    long instance = simpleInstances.get(0);
    String variableKey = (String) engine.readModel.search(SearchableEntity.VARIABLE,
        query("{\"filter\":{\"processInstanceKey\":\"" + instance + "\",\"name\":\"amount\"}}")).items().get(0)
        .get("variableKey");
    String serviceTask = (String) engine.reference.search(SearchableEntity.ELEMENT_INSTANCE,
        query("{\"filter\":{\"processInstanceKey\":\"" + instance + "\",\"elementId\":\"s\"}}")).items().get(0)
        .get("elementInstanceKey");
    List<Map<String, Object>> inMemory =
        engine.readModel.variableChanges(Long.parseLong(variableKey), SearchQuery.all()).items();

    engine.readModel.beforeSnapshot();
    List<Map<String, Object>> archived =
        engine.readModel.variableChanges(Long.parseLong(variableKey), SearchQuery.all()).items();

    assertThat(archived).isEqualTo(inMemory).hasSize(2);
    assertThat(archived.get(0)).containsEntry("changeType", "CREATED").containsEntry("value", "100")
        .containsEntry("writerElementInstanceKey", Long.toString(instance)).containsEntry("writerElementId", "simple")
        .containsKey("changeTime");
    assertThat(archived.get(1)).containsEntry("changeType", "UPDATED").containsEntry("value", "150")
        .containsEntry("writerElementInstanceKey", serviceTask).containsEntry("writerElementId", "s")
        .containsEntry("scopeKey", Long.toString(instance));
    assertThat(Instant.parse((String) archived.get(1).get("changeTime")))
        .isAfterOrEqualTo(Instant.parse((String) archived.get(0).get("changeTime")));
    assertThat(engine.readModel.search(SearchableEntity.VARIABLE_CHANGE,
            query("{\"filter\":{\"name\":\"approved\"}}")).items())
        .singleElement().satisfies(change -> assertThat(change.get("writerElementId")).isEqualTo("approve"));
  }

  @Test
  void shouldAnswerLongInListsOverArchivedInstancesLikeTheReference() {
    // given: archived trees, and a filter with more keys than a statement may have parameters
    engine.readModel.beforeSnapshot();
    long pi = keys.get("pi");
    StringBuilder many = new StringBuilder("\"" + pi + "\"");
    for (long key = 1; key <= 40_000; key++) {
      many.append(",\"").append(key).append('"');
    }
    SearchQuery query = query("{\"filter\":{\"processInstanceKey\":{\"$in\":[" + many + "]}}}");
    // when
    SearchResult answer = engine.readModel.search(SearchableEntity.PROCESS_INSTANCE, query);
    // then
    assertThat(answer).isEqualTo(engine.reference.search(SearchableEntity.PROCESS_INSTANCE, query));
    assertThat(answer.items()).extracting(i -> i.get("processInstanceKey")).contains(Long.toString(pi));
  }

  /** Every kind of query, answered by the archiving read model and by the all-in-memory reference. */
  private void assertSameAnswers() {
    long pi = keys.get("pi");
    long simple = simpleInstances.get(1);
    List<String> searches = new ArrayList<>(List.of(
        "PROCESS_INSTANCE {}",
        "PROCESS_INSTANCE {\"filter\":{\"processInstanceKey\":\"" + pi + "\"}}",
        "PROCESS_INSTANCE {\"filter\":{\"state\":\"COMPLETED\"},\"sort\":[{\"field\":\"startDate\",\"order\":\"DESC\"}],\"page\":{\"limit\":2}}",
        "PROCESS_INSTANCE {\"filter\":{\"state\":{\"$in\":[\"COMPLETED\",\"ACTIVE\"]}},\"page\":{\"from\":2,\"limit\":2}}",
        "PROCESS_INSTANCE {\"filter\":{\"$or\":[{\"processDefinitionId\":\"durable\"},{\"state\":\"ACTIVE\"}]}}",
        "PROCESS_INSTANCE {\"filter\":{\"variables\":[{\"name\":\"amount\",\"value\":\"150\"}]}}",
        "PROCESS_INSTANCE {\"filter\":{\"variables\":[{\"name\":\"id\",\"value\":\"\\\"k1\\\"\"}]}}",
        "PROCESS_INSTANCE {\"filter\":{\"elementId\":\"approve\",\"elementInstanceState\":\"COMPLETED\"}}",
        "PROCESS_INSTANCE {\"filter\":{\"startDate\":{\"$gte\":\"2026-01-05T08:00:00Z\"},\"endDate\":{\"$exists\":true}}}",
        "PROCESS_INSTANCE {\"filter\":{\"processInstanceKey\":{\"$gt\":\"" + simple + "\"}}}",
        "ELEMENT_INSTANCE {\"filter\":{\"processInstanceKey\":\"" + pi + "\"},\"sort\":[{\"field\":\"elementId\"}]}",
        "ELEMENT_INSTANCE {\"filter\":{\"elementId\":\"b\",\"state\":\"COMPLETED\"}}",
        "ELEMENT_INSTANCE {\"filter\":{\"type\":\"SERVICE_TASK\"},\"page\":{\"limit\":3}}",
        "ELEMENT_INSTANCE {\"filter\":{\"elementInstanceScopeKey\":\"" + pi + "\"}}",
        "VARIABLE {\"filter\":{\"processInstanceKey\":\"" + pi + "\"},\"sort\":[{\"field\":\"name\"}]}",
        "VARIABLE {\"filter\":{\"name\":\"amount\",\"value\":\"150\"}}",
        "VARIABLE {\"filter\":{\"name\":{\"$like\":\"a*\"}}}",
        "VARIABLE_CHANGE {\"filter\":{\"processInstanceKey\":\"" + pi + "\"}}",
        "INCIDENT {}",
        "INCIDENT {\"filter\":{\"state\":\"RESOLVED\",\"errorType\":\"JOB_NO_RETRIES\"}}",
        "JOB {\"filter\":{\"processInstanceKey\":\"" + pi + "\"},\"sort\":[{\"field\":\"elementId\"}]}",
        "JOB {\"filter\":{\"type\":\"b\",\"state\":\"COMPLETED\"}}",
        "USER_TASK {\"filter\":{\"assignee\":\"alice\"}}",
        "USER_TASK {\"filter\":{\"processInstanceVariables\":[{\"name\":\"id\",\"value\":\"\\\"k1\\\"\"}]}}",
        "MESSAGE_SUBSCRIPTION {}",
        "MESSAGE_SUBSCRIPTION {\"filter\":{\"state\":{\"$exists\":false}}}",
        "MESSAGE_SUBSCRIPTION {\"filter\":{\"messageSubscriptionState\":\"CORRELATED\"}}",
        "PROCESS_INSTANCE {\"filter\":{\"endDate\":{\"$exists\":false}}}",
        "JOB {\"filter\":{\"worker\":\"worker\",\"retries\":{\"$gte\":0}},\"sort\":[{\"field\":\"endTime\",\"order\":\"DESC\"}]}",
        "USER_TASK {\"filter\":{\"name\":{\"$neq\":\"x\"}},\"sort\":[{\"field\":\"creationDate\",\"order\":\"DESC\"}]}",
        "VARIABLE_CHANGE {\"filter\":{\"writerElementId\":\"a\"}}",
        "VARIABLE_CHANGE {\"filter\":{\"changeType\":\"UPDATED\"},\"sort\":[{\"field\":\"changeTime\"}]}",
        "CORRELATED_MESSAGE_SUBSCRIPTION {}"));
    for (String search : searches) {
      int space = search.indexOf(' ');
      SearchableEntity entity = SearchableEntity.valueOf(search.substring(0, space));
      SearchQuery query = query(search.substring(space + 1));
      SearchResult expected = engine.reference.search(entity, query);
      assertThat(engine.readModel.search(entity, query)).as(search).isEqualTo(expected);
      if (expected.endCursor() != null) {
        SearchQuery next = new SearchQuery(query.filter(), query.sort(), new PageRequest(0, 2, expected.startCursor(), null));
        assertThat(engine.readModel.search(entity, next)).as(search + " after").isEqualTo(engine.reference.search(entity, next));
        SearchQuery previous = new SearchQuery(query.filter(), query.sort(), new PageRequest(0, 2, null, expected.endCursor()));
        assertThat(engine.readModel.search(entity, previous)).as(search + " before")
            .isEqualTo(engine.reference.search(entity, previous));
      }
    }
    assertThat(engine.readModel.search(SearchableEntity.PROCESS_INSTANCE, byInstance(pi)).items()).hasSize(1);

    for (SearchableEntity entity : List.of(SearchableEntity.PROCESS_INSTANCE, SearchableEntity.ELEMENT_INSTANCE,
        SearchableEntity.VARIABLE, SearchableEntity.INCIDENT, SearchableEntity.JOB, SearchableEntity.USER_TASK)) {
      for (Map<String, Object> item : engine.reference.search(entity, byInstance(pi)).items()) {
        String key = (String) item.get(idField(entity));
        assertThat(engine.readModel.get(entity, key)).as(entity + " " + key).isEqualTo(engine.reference.get(entity, key))
            .isPresent();
      }
    }
    ReadModel archived = engine.readModel;
    ReadModel reference = engine.reference;
    assertThat(archived.sequenceFlows(pi)).isEqualTo(reference.sequenceFlows(pi)).isNotEmpty();
    assertThat(archived.elementStatistics(pi)).isEqualTo(reference.elementStatistics(pi)).isNotEmpty();
    long definition = Long.parseLong((String) reference.get(SearchableEntity.PROCESS_INSTANCE, simple).orElseThrow()
        .get("processDefinitionKey"));
    assertThat(archived.definitionElementStatistics(definition, null))
        .isEqualTo(reference.definitionElementStatistics(definition, null)).isNotEmpty();
    JsonNode completed = query("{\"filter\":{\"state\":\"COMPLETED\"}}").filter();
    assertThat(archived.definitionElementStatistics(definition, completed))
        .isEqualTo(reference.definitionElementStatistics(definition, completed));
    assertThat(archived.callHierarchy(pi)).isEqualTo(reference.callHierarchy(pi)).hasSize(1);
    assertThat(archived.processInstanceIncidents(pi, SearchQuery.all()))
        .isEqualTo(reference.processInstanceIncidents(pi, SearchQuery.all()));
    assertThat(archived.processInstanceIncidents(pi, SearchQuery.all()).totalItems()).isOne();
    long task = keys.get("task");
    assertThat(archived.userTaskVariables(task, SearchQuery.all()))
        .isEqualTo(reference.userTaskVariables(task, SearchQuery.all()));
    assertThat(archived.userTaskVariables(task, SearchQuery.all()).totalItems()).isPositive();
  }

  private static String idField(SearchableEntity entity) {
    return switch (entity) {
      case PROCESS_INSTANCE -> "processInstanceKey";
      case ELEMENT_INSTANCE -> "elementInstanceKey";
      case VARIABLE -> "variableKey";
      case INCIDENT -> "incidentKey";
      case JOB -> "jobKey";
      default -> "userTaskKey";
    };
  }

  private static SearchQuery byInstance(long processInstanceKey) {
    return query("{\"filter\":{\"processInstanceKey\":\"" + processInstanceKey + "\"},\"page\":{\"limit\":1000}}");
  }

  private static SearchQuery query(String json) {
    try {
      JsonNode body = JSON.readTree(json);
      List<SortField> sort = new ArrayList<>();
      body.path("sort").forEach(field -> sort.add(new SortField(field.get("field").asText(),
          "DESC".equals(field.path("order").asText()))));
      JsonNode page = body.path("page");
      return new SearchQuery(body.get("filter"), sort, new PageRequest(page.path("from").asInt(0),
          page.path("limit").asInt(PageRequest.DEFAULT_LIMIT), null, null));
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  /** Archived documents per entity kind, read straight from the table. */
  private Map<String, Long> archivedCounts() {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(engine.database.url(), engine.database.user(), engine.database.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT entity, COUNT(*) FROM engine_history_document GROUP BY entity")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

}
