package cn.computeloan.application;

import cn.computeloan.credit.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load on a running application over HTTP, as its people produce it: intake officers submit
 * applications (each with its own Idempotency-Key), an analyst prepares credit proposals, and
 * head-office approvers claim and vote on the approval seats, each as themself. Every operation the
 * application acknowledged (201, 204) is recorded here; so is every operation sent, acknowledged or
 * not, and every answer no person should ever get (a 5xx other than 503, a refused vote).
 */
final class ApprovalLoad implements AutoCloseable {

  static final String PREPARE = "Task_PrepareCreditProposal";
  static final String APPROVE = "Task_ApproveAtHeadOffice";
  static final String SIGN = "Task_SignCreditAgreement";
  static final String PROPOSAL = "{\"variables\":{\"recommendation\":\"APPROVE\","
      + "\"proposalSummary\":\"算力利用率高，订单充足，现金流稳定，建议批准本次授信。\"}}";
  static final String VOTE = "{\"variables\":{\"decision\":\"APPROVE\",\"comment\":\"同意，按方案执行。\"}}";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** An application the API acknowledged with 201. */
  record Submission(String idempotencyKey, String applicationId, String body) {}

  /** A user task completion the API acknowledged with 204. */
  record Completion(long userTaskKey, long processInstanceKey, String elementId, String user) {}

  final Map<String, String> sent = new ConcurrentHashMap<>();
  final Queue<Submission> submissions = new ConcurrentLinkedQueue<>();
  final Queue<Completion> votes = new ConcurrentLinkedQueue<>();
  final Queue<Completion> proposals = new ConcurrentLinkedQueue<>();
  final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
  /** Every open task a person saw (key → element), to tell work from before a restart. */
  final Map<Long, String> seen = new ConcurrentHashMap<>();

  private final ApiClient api;
  private final String run;
  private final AtomicInteger counter = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  ApprovalLoad(ApiClient api, String run) {
    this.api = api;
    this.run = run;
  }

  /** Starts {@code submitters} intake threads, one analyst and one thread per approver. */
  ApprovalLoad start(int submitters, List<String> approvers) {
    for (int i = 0; i < submitters; i++) {
      threads.add(new Thread(this::submit, "load-intake-" + i));
    }
    threads.add(new Thread(() -> work("analyst", PREPARE, PROPOSAL, proposals), "load-analyst"));
    for (String approver : approvers) {
      threads.add(new Thread(() -> work(approver, APPROVE, VOTE, votes), "load-" + approver));
    }
    threads.forEach(t -> {
      t.setDaemon(true);
      t.start();
    });
    return this;
  }

  /** A fresh data-centre project loan: five head-office seats (its amount is above 50m). */
  static String application(String reference) {
    ObjectNode app = TestData.json(TestData.DATA_CENTRE);
    app.put("applicationId", reference);
    ((ObjectNode) app.get("applicant")).put("name", "青海绿算数据科技有限公司 " + reference);
    return app.toString();
  }

  private void submit() {
    while (running) {
      String reference = "KILL-" + run + "-" + counter.incrementAndGet();
      String key = reference.toLowerCase();
      String body = application(reference);
      sent.put(key, body);
      try {
        ApiClient.Response r = send("intake", "POST", "/api/applications", body, "Idempotency-Key", key);
        if (r.status() == 201) {
          submissions.add(new Submission(key, r.json().path("applicationId").asText(), body));
        } else {
          expected(r, 503);
        }
      } catch (UncheckedIOException down) {
        // not acknowledged: the application is being killed, or is down
      }
      pause(250);
    }
  }

  /**
   * A person working through the open tasks of one element, oldest first: finishes a task they
   * hold, or claims one of an instance they have not worked on yet (four eyes: one seat each).
   */
  private void work(String user, String elementId, String completion, Queue<Completion> done) {
    Map<Long, Long> mine = new HashMap<>();
    while (running) {
      try {
        JsonNode task = next(user, elementId, mine);
        if (task == null) {
          pause(50);
          continue;
        }
        long key = task.path("userTaskKey").asLong();
        long instance = task.path("processInstanceKey").asLong();
        String path = "/v2/user-tasks/" + key;
        if (!user.equals(task.path("assignee").asText(null))) {
          mine.put(instance, key);
          ApiClient.Response claim = send(user, "POST", path + "/assignment", "{\"assignee\":\"" + user + "\"}");
          if (claim.status() != 204) {
            expected(claim, 403, 409, 503, 504);
            mine.remove(instance);
            continue;
          }
        }
        ApiClient.Response r = send(user, "POST", path + "/completion", completion);
        if (r.status() == 204) {
          done.add(new Completion(key, instance, elementId, user));
        } else {
          expected(r, 503, 504); // busy: not acknowledged, the task stays the person's to finish
        }
      } catch (UncheckedIOException down) {
        pause(50);
      }
    }
  }

  private JsonNode next(String user, String elementId, Map<Long, Long> mine) {
    ApiClient.Response r = send(user, "POST", "/v2/user-tasks/search",
        "{\"filter\":{\"state\":\"CREATED\",\"elementId\":\"" + elementId + "\"},\"page\":{\"limit\":200}}");
    if (r.status() != 200) {
      expected(r, 503);
      return null;
    }
    List<JsonNode> open = new ArrayList<>();
    r.json().path("items").forEach(open::add);
    open.sort(Comparator.comparingLong(t -> t.path("userTaskKey").asLong()));
    open.forEach(t -> seen.put(t.path("userTaskKey").asLong(), elementId));
    for (JsonNode t : open) {
      if (user.equals(t.path("assignee").asText(null))) {
        return t;
      }
    }
    for (JsonNode t : open) {
      if (t.path("assignee").isMissingNode() || t.path("assignee").isNull()) {
        if (!mine.containsKey(t.path("processInstanceKey").asLong())) {
          return t;
        }
      }
    }
    return null;
  }

  ApiClient.Response send(String user, String method, String path, String json, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path)).timeout(REQUEST_TIMEOUT)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .header("Authorization", ApiClient.basic(user, ApiClient.DEV_PASSWORD));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return api.execute(b.build());
  }

  /** Notes an answer outside {@code allowed}: no person should see it. */
  private void expected(ApiClient.Response r, Integer... allowed) {
    if (!Set.of(allowed).contains(r.status())) {
      unexpected.add(r.status() + " " + r.body());
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops every thread; what was in flight stays unacknowledged. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(40).toMillis());
    }
  }
}
