package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.computeloan.application.ApiClient.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a signed-in person can send to the engine's search API: bounded patterns and pages, and no
 * search that holds up the engine (review finding 3 and 6, issue 13 item C).
 */
class EngineSearchLimitsTest extends ApplicationIntegrationTest {

  private static final String SEARCH = "/v2/user-tasks/search";

  /** An approval task whose instance has an applicant name of 150 'a's; returns the instance key. */
  private long taskWithLongApplicantName() {
    long instance = camunda.newCreateInstanceCommand().bpmnProcessId("compute-loan-approval").latestVersion()
        .variables(Map.of("applicantName", "a".repeat(150))).send().join().getProcessInstanceKey();
    await().atMost(Duration.ofSeconds(10)).until(() -> !camunda.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).send().join().items().isEmpty());
    return instance;
  }

  private static String likeSearch(String pattern) {
    return "{\"filter\":{\"processInstanceVariables\":[{\"name\":\"applicantName\",\"value\":{\"$like\":\""
        + pattern + "\"}}]}}";
  }

  @Test
  void shouldAnswerPathologicalLikeQuicklyWhileTheEngineKeepsWorking() throws Exception {
    // given: the review's finding 3, and the same attack within the wildcard limit (16), both
    // patterns that keep a backtracking matcher busy for longer than anyone waits
    taskWithLongApplicantName();
    String reviewPattern = "*a".repeat(25) + "*b";
    String withinLimits = "*a".repeat(15) + "*b";
    // when: an analyst searches, and meanwhile the engine applies the records of a new instance
    CompletableFuture<Response> review = CompletableFuture.supplyAsync(
        () -> api.send(ANALYST, "POST", SEARCH, likeSearch(reviewPattern)));
    CompletableFuture<Response> search = CompletableFuture.supplyAsync(
        () -> api.send(ANALYST, "POST", SEARCH, likeSearch(withinLimits)));
    Thread.sleep(200);
    CompletableFuture<Long> created = camunda.newCreateInstanceCommand().bpmnProcessId("compute-loan-approval")
        .latestVersion().variables(Map.of("applicantName", "b")).send().toCompletableFuture()
        .thenApply(e -> e.getProcessInstanceKey());
    // then: the engine goes on, the review's pattern is refused naming the field, the other answered
    assertThat(created.get(5, TimeUnit.SECONDS)).isPositive();
    Response refused = review.get(5, TimeUnit.SECONDS);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("detail").asText()).contains("filter.processInstanceVariables[0].value.$like");
    Response answer = search.get(5, TimeUnit.SECONDS);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("items")).isEmpty();
  }

  @Test
  void shouldStillFindTasksByLikePattern() {
    // given
    long instance = taskWithLongApplicantName();
    // when
    Response answer = api.send(ANALYST, "POST", SEARCH, likeSearch("\\\"a*a\\\""));
    // then
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("items").findValuesAsText("processInstanceKey")).contains(Long.toString(instance));
  }

  @Test
  void shouldRefuseTooLongLikePatternNamingTheField() {
    // when
    Response answer = api.send(ANALYST, "POST", SEARCH, likeSearch("a".repeat(257)));
    // then
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().path("detail").asText())
        .contains("filter.processInstanceVariables[0].value.$like").contains("256");
  }

  @Test
  void shouldRefuseLikePatternWithTooManyWildcardsNamingTheField() {
    // when
    Response answer = api.send(ANALYST, "POST", SEARCH, "{\"filter\":{\"name\":{\"$like\":\"" + "*a".repeat(17) + "\"}}}");
    // then
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().path("detail").asText()).contains("filter.name.$like").contains("16");
  }

  @Test
  void shouldRefusePageLimitAboveOneThousandNamingTheField() {
    // when
    Response answer = api.send(ANALYST, "POST", SEARCH, "{\"page\":{\"limit\":1001}}");
    // then
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().path("detail").asText()).contains("page.limit").contains("1000");
    assertThat(api.send(ANALYST, "POST", SEARCH, "{\"page\":{\"limit\":1000}}").status()).isEqualTo(200);
  }

  @Test
  void shouldRefuseNegativePageStartNamingTheField() {
    // when
    Response answer = api.send(ANALYST, "POST", SEARCH, "{\"page\":{\"from\":-1}}");
    // then
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json().path("detail").asText()).contains("page.from");
  }

  @Test
  void shouldNotOverflowWhenStartPlusLimitPassesTheLargestInteger() {
    // given: two tasks, so that a page from 1 is not empty
    taskWithLongApplicantName();
    taskWithLongApplicantName();
    // when
    Response overflowing = api.send(ANALYST, "POST", SEARCH,
        "{\"page\":{\"from\":1,\"limit\":" + Integer.MAX_VALUE + "}}");
    Response farAway = api.send(ANALYST, "POST", SEARCH,
        "{\"page\":{\"from\":" + (Integer.MAX_VALUE - 5) + ",\"limit\":1000}}");
    // then
    assertThat(overflowing.status()).as(overflowing.body()).isEqualTo(400);
    assertThat(overflowing.json().path("detail").asText()).contains("page.limit");
    assertThat(farAway.status()).as(farAway.body()).isEqualTo(200);
    assertThat(farAway.json().path("items")).isEmpty();
    assertThat(farAway.json().at("/page/totalItems").asLong()).isGreaterThanOrEqualTo(2);
  }
}
