package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.computeloan.application.ApiClient.Response;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two colleagues claiming the same free task at the same moment (found by ApplicationKillTest: five
 * approvers working through the same list). Both pass the guard's check while the task is free, so
 * only the engine, applying one claim after the other, can refuse the second.
 */
class ClaimRaceTest extends ApplicationIntegrationTest {

  private static final int ROUNDS = 15;

  @Test
  void shouldGiveAFreeTaskToOnlyOneOfTwoColleaguesClaimingItAtOnce() throws Exception {
    // given: a free branch-approval task, and two branch approvers
    long instance = Long.parseLong(api.send(ANALYST, "GET", "/api/applications/" + submitted(), null).json()
        .path("processInstanceKey").asText());
    UserTask task = await().atMost(Duration.ofSeconds(10)).until(() -> camunda.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).send().join().items(), l -> !l.isEmpty()).get(0);
    String path = "/v2/user-tasks/" + task.getUserTaskKey();
    List<String> approvers = List.of(BRANCH, "branch2");

    ExecutorService pool = Executors.newFixedThreadPool(approvers.size());
    try {
      for (int round = 0; round < ROUNDS; round++) {
        // when: both claim it at once
        CyclicBarrier start = new CyclicBarrier(approvers.size());
        List<Future<Response>> claims = new ArrayList<>();
        for (String approver : approvers) {
          claims.add(pool.submit(() -> {
            start.await();
            return api.send(approver, "POST", path + "/assignment", "{\"assignee\":\"" + approver + "\"}");
          }));
        }
        List<String> winners = new ArrayList<>();
        for (int i = 0; i < approvers.size(); i++) {
          Response claim = claims.get(i).get();
          assertThat(claim.status()).as(claim.body()).isIn(204, 403, 409);
          if (claim.status() == 204) {
            winners.add(approvers.get(i));
          }
        }

        // then: exactly one has it, the one who was told so; the other was refused
        assertThat(winners).as("round " + round).hasSize(1);
        assertThat(camunda.newUserTaskGetRequest(task.getUserTaskKey()).send().join().getAssignee())
            .isEqualTo(winners.get(0));
        assertThat(api.send(winners.get(0), "DELETE", path + "/assignee", null).status()).isEqualTo(204);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
