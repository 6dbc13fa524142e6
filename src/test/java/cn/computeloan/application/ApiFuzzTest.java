package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.LoanApplication;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.test.context.TestContextManager;

/**
 * Fuzzing the two places where people write: {@code POST /api/applications} with mutated samples and
 * random JSON, and {@code POST /v2/user-tasks/{key}/completion} as the assignee with random bodies,
 * on an open task and on tasks that do not exist. Every answer is a 4xx problem+json that changed
 * nothing, or a success whose effect is exactly what was sent; never a 5xx.
 *
 * <p>jqwik picks a new seed each run and prints it with a failure (and replays a failure first on
 * the next run); {@code @Property(seed = "...")} replays a given one. The application is the one the
 * other API tests share (Spring's context cache), reached through {@link Context}.
 */
class ApiFuzzTest {

  /** The shared integration-test application, as a test instance jqwik can hold. */
  static final class Context extends ApplicationIntegrationTest {}

  private static final ObjectMapper JSON = TestData.MAPPER;
  /** Numbers as the API reads them: every digit, never a double. */
  private static final ObjectReader EXACT = JSON.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> SAMPLES = List.of(TestData.AIGC, TestData.CHIP, TestData.DATA_CENTRE);

  private static Context app;
  /** The open task the completion fuzz works on (assigned to the branch approver), or null. */
  private static UserTask openTask;

  @BeforeContainer
  static void startApplication() throws Exception {
    app = new Context();
    new TestContextManager(Context.class).prepareTestInstance(app);
    app.connect();
  }

  // ---- POST /api/applications ----

  @Property(tries = 250)
  void shouldRefuseAMutatedApplicationCleanlyOrStoreExactlyWhatWasSent(@ForAll("mutatedApplications") String body)
      throws Exception {
    // given
    long before = storedRows();
    // when
    Response r = app.submit(body);
    // then
    assertThat(r.status()).as(r.body()).isLessThan(500);
    if (r.status() == 201) {
      String id = r.json().path("applicationId").asText();
      JsonNode stored = EXACT.readTree(app.api.send(ApplicationIntegrationTest.ANALYST, "GET",
          "/api/applications/" + id, null).body()).path("application");
      assertThat(sameApplication(EXACT.readTree(body), stored)).as("stored %s%nsent %s", stored, body).isTrue();
      assertThat(storedRows()).isGreaterThan(before);
    } else {
      assertRefused(r);
      assertThat(storedRows()).isEqualTo(before);
    }
  }

  @Property(tries = 150)
  void shouldRefuseRandomJsonAndTextCleanly(@ForAll("randomBodies") String body) {
    // given
    long before = storedRows();
    // when
    Response r = app.submit(body);
    // then
    assertRefused(r);
    assertThat(storedRows()).isEqualTo(before);
  }

  // ---- POST /v2/user-tasks/{key}/completion ----

  @Property(tries = 100)
  void shouldCompleteTheOpenTaskOrRefuseTheCompletionChangingNothing(@ForAll("completionBodies") String body,
      @ForAll("contentTypes") String contentType) {
    // given
    UserTask task = openTask();
    Map<String, String> variablesBefore = variables(task.getProcessInstanceKey());
    // when
    Response r = complete(Long.toString(task.getUserTaskKey()), body, contentType);
    // then
    assertThat(r.status()).as(r.body()).isLessThan(500);
    UserTask after = app.camunda.newUserTaskGetRequest(task.getUserTaskKey()).send().join();
    if (r.status() == 204) {
      assertThat(after.getState().name()).isEqualTo("COMPLETED");
      openTask = null;
    } else {
      assertRefused(r);
      assertThat(after.getState().name()).isEqualTo("CREATED");
      assertThat(after.getAssignee()).isEqualTo(ApplicationIntegrationTest.BRANCH);
      assertThat(variables(task.getProcessInstanceKey())).isEqualTo(variablesBefore);
    }
  }

  @Property(tries = 100)
  void shouldRefuseTheCompletionOfATaskThatDoesNotExist(@ForAll("missingTaskKeys") String key,
      @ForAll("completionBodies") String body) {
    // when
    Response r = complete(key, body, "application/json");
    // then
    assertRefused(r);
  }

  // ---- generators ----

  /** A sample with one to four changes: a field deleted, a value of the wrong type or size, a field added. */
  @Provide
  Arbitrary<String> mutatedApplications() {
    Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, 10_000), jsonValues()).as(Mutation::new);
    Arbitrary<String> duplicate = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of("applicant", "termMonths",
        "requestedAmount", "product", "statements").flatMap(k -> jsonValues().map(v -> "\"" + k + "\":" + v)),
        // number literals no tree can hold
        Arbitraries.of("\"requestedAmount\":1e9999999999", "\"termMonths\":1e-2147483649",
            "\"requestedAmount\":12345678901234567.89", "\"projectTotalInvestment\":-0.0"));
    return Combinators.combine(Arbitraries.of(SAMPLES), mutation.list().ofMinSize(1).ofMaxSize(4), duplicate)
        .as((sample, mutations, extraKey) -> {
          ObjectNode tree = TestData.json(sample);
          mutations.forEach(m -> m.applyTo(tree));
          String text = tree.toString();
          // a duplicate key at the end: the parser keeps the last value, which then has to be valid
          return extraKey.isEmpty() ? text : text.substring(0, text.length() - 1) + "," + extraKey + "}";
        });
  }

  /** JSON that is no application (arrays, scalars, objects of anything, deep nesting) and text that is no JSON. */
  @Provide
  Arbitrary<String> randomBodies() {
    return Arbitraries.oneOf(jsonValues().map(JsonNode::toString), Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.integers().between(1, 3_000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
        Arbitraries.integers().between(1, 3_000).map(depth -> "{\"applicant\":".repeat(depth) + "{}"
            + "}".repeat(depth)),
        Arbitraries.of("", "{", "{\"applicant\":", "null", "[]", "\"\"", "{}}", "{\"a\":1,}", "NaN", "{\"termMonths\":NaN}",
            "{\"requestedAmount\":1e9999999999}", "{\"requestedAmount\":1e-2147483649}"));
  }

  @Provide
  Arbitrary<String> completionBodies() {
    Arbitrary<ObjectNode> variables = Combinators.combine(keys(), jsonValues()).as(Map::entry).list().ofMaxSize(6)
        .map(entries -> {
          ObjectNode o = NODES.objectNode();
          entries.forEach(e -> o.set(e.getKey(), e.getValue()));
          return o;
        });
    return Arbitraries.oneOf(
        variables.map(v -> NODES.objectNode().set("variables", v).toString()),
        Combinators.combine(variables, jsonValues()).as((v, action) ->
            NODES.objectNode().<ObjectNode>set("variables", v).set("action", action).toString()),
        jsonValues().map(v -> NODES.objectNode().set("variables", v).toString()),
        jsonValues().map(JsonNode::toString),
        Arbitraries.strings().all().ofMaxLength(100),
        Arbitraries.integers().between(1, 3_000).map(depth -> "{\"variables\":{\"x\":" + "[".repeat(depth)
            + "]".repeat(depth) + "}}"),
        Arbitraries.of("", "{", "{\"variables\":", "null", "{\"variables\":{\"a\":1,}}"));
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just("application/json")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("text/plain", "application/x-www-form-urlencoded",
            "application/json; charset=ISO-8859-1", "application/xml")));
  }

  @Provide
  Arbitrary<String> missingTaskKeys() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1L << 60, Long.MAX_VALUE).map(Object::toString),
        Arbitraries.longs().between(Long.MIN_VALUE, 0).map(Object::toString),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
        Arbitraries.of("9223372036854775808", "1e3", "0x10", "..", "%00", " 1", "１２３"));
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(20), Arbitraries.strings().alpha().ofLength(1),
        Arbitraries.of("", "applicationId", "decision", "approvedAmount", "$like", "a.b", "x".repeat(5_000)));
  }

  /** Any JSON value, nested at most three levels, with the awkward scalars over-represented. */
  private static Arbitrary<JsonNode> jsonValues() {
    return Arbitraries.recursive(ApiFuzzTest::scalars, ApiFuzzTest::containers, 0, 3);
  }

  private static Arbitrary<JsonNode> containers(Arbitrary<JsonNode> inner) {
    return Arbitraries.oneOf(inner,
        inner.list().ofMaxSize(4).map(items -> {
          ArrayNode a = NODES.arrayNode();
          items.forEach(a::add);
          return a;
        }),
        Combinators.combine(keys(), inner).as(Map::entry).list().ofMaxSize(4).map(entries -> {
          ObjectNode o = NODES.objectNode();
          entries.forEach(e -> o.set(e.getKey(), e.getValue()));
          return o;
        }));
  }

  private static Arbitrary<JsonNode> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.just(NODES.nullNode()),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.bigDecimals().ofScale(2).map(NODES::numberNode),
        Arbitraries.of("1e999999999", "-1e999999999", "1e-999999999", "1e308", "-0", "0", "0.001", "1000000.005",
            "2147483648", "-2147483649", "99999999999999999", "100000000000000000.00", "12345678901234567.89",
            "123456789012345678901234567890").map(n -> NODES.numberNode(new BigDecimal(n))),
        Arbitraries.strings().all().ofMaxLength(30).map(NODES::textNode),
        Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').ofMinLength(150).ofMaxLength(400).map(NODES::textNode),
        Arbitraries.integers().between(190, 20_000).map(n -> NODES.textNode("a".repeat(n))),
        Arbitraries.of("NaN", "Infinity", "-Infinity", "1e999999999", "2025-02-30", "2025-06-01", "", " ", "null",
            "A", "PROJECT", "ORDER_FINANCING", "91310115MA1K4Y7B37", "\u0000", "\ud800", "\u202e").map(NODES::textNode));
  }

  /** One change of a sample: 0 delete, 1 replace, 2 add an unknown field, 3 replace inside a list. */
  record Mutation(int kind, int where, JsonNode value) {
    void applyTo(ObjectNode root) {
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      JsonNode target = containers.get(where % containers.size());
      if (target instanceof ObjectNode o && o.size() > 0) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String name = names.get(where % names.size());
        switch (kind) {
          case 0 -> o.remove(name);
          case 2 -> o.set("unknown" + where, value);
          default -> o.set(name, value);
        }
      } else if (target instanceof ArrayNode a && a.size() > 0) {
        int index = where % a.size();
        if (kind == 0) {
          a.remove(index);
        } else {
          a.set(index, value);
        }
      }
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
      if (node.isContainerNode()) {
        into.add(node);
        node.forEach(child -> collect(child, into));
      }
    }
  }

  // ---- helpers ----

  /** A refusal: a client error, as problem+json. */
  private static void assertRefused(Response r) {
    assertThat(r.status()).as(r.body()).isBetween(400, 499);
    assertThat(r.header("Content-Type")).as("%d %s", r.status(), r.body()).startsWith("application/problem+json");
  }

  /** Rows of everything a submission or upload stores. */
  private static long storedRows() {
    return app.jdbc.sql("SELECT (SELECT COUNT(*) FROM loan_application) + (SELECT COUNT(*) FROM audit_event) "
        + "+ (SELECT COUNT(*) FROM application_step) + (SELECT COUNT(*) FROM application_document)")
        .query(Long.class).single();
  }

  /** The same application, field by field; numbers by value (1.0 is 1.00). */
  private static boolean sameApplication(JsonNode sent, JsonNode stored) throws Exception {
    JsonNode expected = JSON.valueToTree(JSON.treeToValue(sent, LoanApplication.class));
    JsonNode actual = JSON.valueToTree(JSON.treeToValue(stored, LoanApplication.class));
    Comparator<JsonNode> byValue = (a, b) -> a.isNumber() && b.isNumber()
        ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;
    return expected.equals(byValue, actual);
  }

  /** The task the completion fuzz works on: a new application's task, claimed by the branch approver. */
  private static UserTask openTask() {
    if (openTask != null) {
      return openTask;
    }
    Response submitted = app.submit(ApplicationIntegrationTest.aigc());
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    long instance = Long.parseLong(submitted.json().path("processInstanceKey").asText());
    List<UserTask> tasks = app.camunda.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance))
        .send().join().items();
    assertThat(tasks).hasSize(1);
    Response claim = app.api.send(ApplicationIntegrationTest.BRANCH, "POST",
        "/v2/user-tasks/" + tasks.get(0).getUserTaskKey() + "/assignment", "{\"assignee\":\"branch\"}");
    assertThat(claim.status()).as(claim.body()).isEqualTo(204);
    openTask = app.camunda.newUserTaskGetRequest(tasks.get(0).getUserTaskKey()).send().join();
    return openTask;
  }

  private static Map<String, String> variables(long processInstanceKey) {
    Map<String, String> values = new TreeMap<>();
    for (Variable v : app.camunda.newVariableSearchRequest().filter(f -> f.processInstanceKey(processInstanceKey))
        .send().join().items()) {
      values.put(v.getName() + "@" + v.getScopeKey(), v.getValue());
    }
    return values;
  }

  private static Response complete(String key, String body, String contentType) {
    return app.api.execute(HttpRequest.newBuilder(app.api.uri("/v2/user-tasks/"
            + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20") + "/completion"))
        .header("Authorization", ApiClient.basic(ApplicationIntegrationTest.BRANCH, ApiClient.DEV_PASSWORD))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }
}
