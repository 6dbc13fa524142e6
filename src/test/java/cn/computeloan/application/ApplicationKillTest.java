package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.application.ApprovalLoad.Completion;
import cn.computeloan.application.ApprovalLoad.Submission;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -9} of the whole application under load: a child JVM runs it (embedded engine, the
 * real BPMN, forms and workers, the JDBC case file) while intake officers submit applications and
 * an analyst and five head-office approvers work on their tasks over HTTP. Once enough work is
 * acknowledged it is killed with SIGKILL mid-load and started again on the same database. Every
 * acknowledged submission and vote must then be there exactly once, its task completed in the
 * engine, every audit chain intact, and the interrupted work must go on. Unacknowledged work may be
 * there or not; where it is, it is there exactly once too.
 */
class ApplicationKillTest {

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationKillTest.class);
  private static final List<String> APPROVERS = List.of("ho1", "ho2", "ho3", "ho4", "ho5");
  private static final Duration START = Duration.ofSeconds(150);
  private static final Duration LOAD = Duration.ofSeconds(120);
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final int SUBMISSIONS = 30;
  private static final int VOTES = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  @Test
  void shouldKeepEveryAcknowledgedSubmissionAndVoteExactlyOnceWhenKilledUnderLoadOnH2() throws Exception {
    try (KillTestDatabase database = KillTestDatabase.h2(folder)) {
      killUnderLoadAndRestart(database);
    }
  }

  /**
   * The same on PostgreSQL, in a schema of its own. Opt-in ({@code -Dcompute-loan.test.kill-postgres=true}):
   * two more application start-ups would take the suite past two minutes for this class on a busy
   * machine, and the journal's PostgreSQL path has its own kill-free restart tests.
   */
  @Test
  @EnabledIfSystemProperty(named = "compute-loan.test.kill-postgres", matches = "true")
  void shouldKeepEveryAcknowledgedSubmissionAndVoteExactlyOnceWhenKilledUnderLoadOnPostgres() throws Exception {
    try (KillTestDatabase database = KillTestDatabase.postgres()) {
      killUnderLoadAndRestart(database);
    }
  }

  private Map<String, String> properties(KillTestDatabase database) {
    Map<String, String> p = new LinkedHashMap<>(database.properties());
    p.put("spring.main.banner-mode", "off");
    p.put("compute-loan.security.dev-password", ApiClient.DEV_PASSWORD);
    List<String> users = new ArrayList<>(List.of("intake:INTAKE_OFFICER", "analyst:CREDIT_ANALYST",
        "auditor:AUDITOR", "manager:ACCOUNT_MANAGER"));
    APPROVERS.forEach(a -> users.add(a + ":HEAD_OFFICE_APPROVER"));
    for (int i = 0; i < users.size(); i++) {
      p.put("compute-loan.security.users[" + i + "].username", users.get(i).split(":")[0]);
      p.put("compute-loan.security.users[" + i + "].roles", users.get(i).split(":")[1]);
    }
    // jobs the killed JVM held come back soon after the restart, not after the default 5 minutes
    p.put("camunda.client.worker.defaults.timeout", "PT10S");
    // submissions interrupted between storing and starting their process are finished soon
    p.put("compute-loan.application.pending-start.interval", "PT1S");
    p.put("compute-loan.application.pending-start.grace", "PT2S");
    return p;
  }

  private void killUnderLoadAndRestart(KillTestDatabase database) throws Exception {
    Map<String, String> properties = properties(database);
    Path log = folder.resolve("application.log");
    String run = UUID.randomUUID().toString().substring(0, 8);

    // given: the application under load from intake officers, an analyst and five approvers
    ApprovalLoad load;
    long startedAt = System.nanoTime();
    try (ApplicationProcess first = ApplicationProcess.start(log, properties, START)) {
      long loadFrom = System.nanoTime();
      load = new ApprovalLoad(first.api, run).start(3, APPROVERS);
      try {
        awaitWork(first, load);

        // when: killed (SIGKILL) in the middle of it
        first.kill();
        LOG.info("Killed after {} ms of load: {} submissions, {} proposals and {} votes acknowledged "
            + "(start-up {} ms)", millis(loadFrom), load.submissions.size(), load.proposals.size(), load.votes.size(),
            (loadFrom - startedAt) / 1_000_000);
      } finally {
        load.close();
      }
    }
    assertThat(load.unexpected).as("answers under load").isEmpty();

    // then: started again on the same database
    long restartFrom = System.nanoTime();
    Set<String> applications;
    try (ApplicationProcess app = ApplicationProcess.start(log, properties, START)) {
      LOG.info("Restarted in {} ms", millis(restartFrom));
      try {
        applications = verify(app, load);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n--- application log (both runs) ---\n" + app.logTail(), e);
      }
    }
    verifyDatabase(database, load, applications);
  }

  /** Until enough work is acknowledged (or something no person should see was answered). */
  private static void awaitWork(ApplicationProcess app, ApprovalLoad load) {
    try {
      await().atMost(LOAD).pollInterval(Duration.ofMillis(20)).until(() ->
          load.submissions.size() >= SUBMISSIONS && load.votes.size() >= VOTES || !load.unexpected.isEmpty());
    } catch (RuntimeException e) {
      throw new AssertionError("not enough acknowledged work: " + load.submissions.size() + " submissions, "
          + load.votes.size() + " votes; unexpected " + load.unexpected + "\n" + app.logTail(), e);
    }
    assertThat(load.unexpected).as("answers under load").isEmpty();
  }

  private Set<String> verify(ApplicationProcess app, ApprovalLoad load) {
    // every acknowledged submission is the same application when its client retries it
    Set<String> applications = new LinkedHashSet<>();
    for (Submission s : load.submissions) {
      Response again = submit(app, s.idempotencyKey(), s.body());
      assertThat(again.status()).as(again.body()).isEqualTo(201);
      assertThat(again.json().path("applicationId").asText()).isEqualTo(s.applicationId());
      assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
      applications.add(s.applicationId());
    }
    // and a client that retries an unacknowledged one gets one application too, started once
    Set<String> acknowledged = load.submissions.stream().map(Submission::idempotencyKey).collect(Collectors.toSet());
    load.sent.forEach((key, body) -> {
      if (!acknowledged.contains(key)) {
        applications.add(await().atMost(SETTLE).pollInterval(Duration.ofMillis(200))
            .until(() -> submit(app, key, body), r -> r.status() == 201 && r.json().hasNonNull("processInstanceKey"))
            .json().path("applicationId").asText());
      }
    });
    Map<String, JsonNode> details = new HashMap<>();
    for (String id : applications) {
      JsonNode detail = app.api.send("auditor", "GET", "/api/applications/" + id, null).json();
      details.put(id, detail);
      JsonNode instances = app.asEngineClient("POST", "/v2/process-instances/search",
          "{\"filter\":{\"processDefinitionId\":\"compute-loan-approval\",\"variables\":[{\"name\":\"applicationId\","
              + "\"value\":\"\\\"" + id + "\\\"\"}]}}").json().path("items");
      assertThat(instances).as("process instances of " + id).hasSize(1);
      assertThat(instances.get(0).path("processInstanceKey").asText())
          .isEqualTo(detail.path("processInstanceKey").asText());
    }

    // every acknowledged vote and proposal is recorded once, under its person's name, its task completed
    Map<Long, List<String>> votes = recorded(details.values(), "APPROVAL-");
    Map<Long, List<String>> proposals = recorded(details.values(), "PREPARATION");
    assertThat(votes.values()).as("votes per task").allSatisfy(actors -> assertThat(actors).hasSize(1));
    assertThat(proposals.values()).as("proposals per task").allSatisfy(actors -> assertThat(actors).hasSize(1));
    for (Completion vote : load.votes) {
      assertThat(votes.get(vote.userTaskKey())).as("vote " + vote).containsExactly(vote.user());
    }
    for (Completion proposal : load.proposals) {
      assertThat(proposals.get(proposal.userTaskKey())).as("proposal " + proposal).containsExactly("analyst");
    }
    // and every recorded one, acknowledged or not, is a completed task (once the killed JVM's jobs time out)
    Set<Long> recorded = new LinkedHashSet<>(votes.keySet());
    recorded.addAll(proposals.keySet());
    for (long task : recorded) {
      await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(app.asEngineClient("GET", "/v2/user-tasks/" + task, null).json().path("state").asText())
              .as("state of task " + task).isEqualTo("COMPLETED"));
    }

    // the interrupted work goes on: a task of an acknowledged application gets done after the restart
    continueOneApplication(app, load, details);

    // every audit chain is intact
    for (String id : applications) {
      JsonNode verification = app.api.send("auditor", "GET", "/api/applications/" + id + "/audit/verification", null)
          .json();
      assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
    }
    LOG.info("Verified {} applications ({} acknowledged), {} votes ({} acknowledged), {} proposals ({} acknowledged)",
        applications.size(), load.submissions.size(), votes.size(), load.votes.size(), proposals.size(),
        load.proposals.size());
    return applications;
  }

  private static Response submit(ApplicationProcess app, String key, String body) {
    return app.api.send("intake", "POST", "/api/applications", body, "Idempotency-Key", key);
  }

  /** userTaskKey → actors of the recorded steps whose name starts with {@code step}. */
  private static Map<Long, List<String>> recorded(Iterable<JsonNode> details, String step) {
    Map<Long, List<String>> byTask = new HashMap<>();
    for (JsonNode detail : details) {
      for (JsonNode s : detail.path("steps")) {
        if (s.path("step").asText().startsWith(step)) {
          byTask.computeIfAbsent(s.at("/result/userTaskKey").asLong(), k -> new ArrayList<>())
              .add(s.path("actor").asText());
        }
      }
    }
    return byTask;
  }

  /**
   * Completes one open task (a proposal or a vote) of an acknowledged application, preferably one a
   * person saw before the kill: the engine carries on with instances it knows only from its journal.
   */
  private void continueOneApplication(ApplicationProcess app, ApprovalLoad load, Map<String, JsonNode> details) {
    Map<Long, String> acknowledged = new HashMap<>();
    load.submissions.forEach(s -> acknowledged.put(
        details.get(s.applicationId()).path("processInstanceKey").asLong(), s.applicationId()));
    JsonNode task = await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).until(() -> {
      List<JsonNode> open = new ArrayList<>();
      app.asEngineClient("POST", "/v2/user-tasks/search", "{\"filter\":{\"state\":\"CREATED\"},\"page\":{\"limit\":500}}")
          .json().path("items").forEach(t -> {
            if (Set.of(ApprovalLoad.PREPARE, ApprovalLoad.APPROVE).contains(t.path("elementId").asText())
                && acknowledged.containsKey(t.path("processInstanceKey").asLong())) {
              open.add(t);
            }
          });
      return open.stream().filter(t -> load.seen.containsKey(t.path("userTaskKey").asLong())).findFirst()
          .orElse(open.isEmpty() ? null : open.get(0));
    }, t -> t != null);
    long key = task.path("userTaskKey").asLong();
    String id = acknowledged.get(task.path("processInstanceKey").asLong());
    boolean proposal = task.path("elementId").asText().equals(ApprovalLoad.PREPARE);
    String user = task.hasNonNull("assignee") ? task.path("assignee").asText()
        : proposal ? "analyst" : freeApprover(app, id, task.path("processInstanceKey").asLong());
    String path = "/v2/user-tasks/" + key;
    if (!task.hasNonNull("assignee")) {
      Response claim = app.api.send(user, "POST", path + "/assignment", "{\"assignee\":\"" + user + "\"}");
      assertThat(claim.status()).as(claim.body()).isEqualTo(204);
    }
    Response done = app.api.send(user, "POST", path + "/completion", proposal ? ApprovalLoad.PROPOSAL : ApprovalLoad.VOTE);
    assertThat(done.status()).as(user + " completes " + task + ": " + done.body()).isEqualTo(204);

    JsonNode detail = app.api.send("auditor", "GET", "/api/applications/" + id, null).json();
    assertThat(recorded(List.of(detail), proposal ? "PREPARATION" : "APPROVAL-").get(key)).containsExactly(user);
    LOG.info("Continued {} of application {} after the restart as {} (seen before the kill: {})",
        task.path("elementId").asText(), id, user, load.seen.containsKey(key));
  }

  /** An approver with no vote and no seat in the instance yet. */
  private static String freeApprover(ApplicationProcess app, String applicationId, long instance) {
    Set<String> taken = new LinkedHashSet<>();
    JsonNode detail = app.api.send("auditor", "GET", "/api/applications/" + applicationId, null).json();
    recorded(List.of(detail), "APPROVAL-").values().forEach(taken::addAll);
    app.asEngineClient("POST", "/v2/user-tasks/search", "{\"filter\":{\"processInstanceKey\":\"" + instance
        + "\",\"state\":\"CREATED\"}}").json().path("items").forEach(t -> taken.add(t.path("assignee").asText()));
    return APPROVERS.stream().filter(a -> !taken.contains(a)).findFirst().orElseThrow();
  }

  /** The same in the database, read directly once the application is gone. */
  private static void verifyDatabase(KillTestDatabase database, ApprovalLoad load, Set<String> applications)
      throws Exception {
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      Map<String, List<String>> byKey = new HashMap<>();
      List<String> started = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT idempotency_key, id, process_instance_key FROM loan_application")) {
        while (r.next()) {
          byKey.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
          if (r.getObject(3) != null) {
            started.add(r.getString(2));
          }
        }
      }
      for (Submission submission : load.submissions) {
        assertThat(byKey.get(submission.idempotencyKey())).containsExactly(submission.applicationId());
      }
      assertThat(started).as("applications with their process").containsExactlyInAnyOrderElementsOf(applications);

      Map<Long, List<String>> votes = new HashMap<>();
      try (ResultSet r = s.executeQuery("SELECT result, actor FROM application_step WHERE step LIKE 'APPROVAL-%'")) {
        while (r.next()) {
          votes.computeIfAbsent(JSON.readTree(r.getString(1)).path("userTaskKey").asLong(), k -> new ArrayList<>())
              .add(r.getString(2));
        }
      }
      assertThat(votes.values()).as("vote rows per task").allSatisfy(actors -> assertThat(actors).hasSize(1));
      for (Completion vote : load.votes) {
        assertThat(votes.get(vote.userTaskKey())).as("vote row of " + vote).containsExactly(vote.user());
      }
      try (ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT job_key) FROM audit_event "
          + "WHERE action LIKE 'STEP_APPROVAL-%'")) {
        r.next();
        assertThat(r.getInt(1)).as("vote events").isEqualTo(votes.size()).isEqualTo(r.getInt(2));
      }
    }
  }

  private static long millis(long fromNanos) {
    return (System.nanoTime() - fromNanos) / 1_000_000;
  }

}
