package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.credit.TestData;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseFile;
import cn.computeloan.process.CaseFile.ProcessRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.CamundaClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The application API end to end over HTTP, against the embedded engine with a stand-in approval
 * process; run on H2 and on PostgreSQL by the subclasses.
 */
abstract class ApplicationApiTestBase extends ApplicationIntegrationTest {

  @Test
  void shouldStoreSubmissionStartItsProcessAndAuditIt() {
    // when
    Response r = submit(aigc());
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    String id = r.json().path("applicationId").asText();
    long instanceKey = Long.parseLong(r.json().path("processInstanceKey").asText());
    assertThat(r.json().path("status").asText()).isEqualTo("SUBMITTED");
    assertThat(r.header("Location")).isEqualTo("/api/applications/" + id);
    assertThat(camunda.newProcessInstanceGetRequest(instanceKey).send().join().getProcessDefinitionId())
        .isEqualTo("compute-loan-approval");
    assertThat(camunda.newVariableSearchRequest().filter(f -> f.processInstanceKey(instanceKey)).send().join().items())
        .extracting(v -> v.getName()).contains("applicationId", "product", "requestedAmount", "termMonths");

    Response detail = api.send(ANALYST, "GET", "/api/applications/" + id, null);
    assertThat(detail.status()).isEqualTo(200);
    assertThat(detail.json().at("/application/applicant/unifiedSocialCreditCode").asText()).isEqualTo("91310115MA1K4Y7B37");
    assertThat(detail.json().at("/application/orderContract/buyerLargeEnterprise").asBoolean()).isTrue();
    assertThat(detail.json().path("processInstanceKey").asText()).isEqualTo(Long.toString(instanceKey));
    assertThat(detail.json().path("submittedBy").asText()).isEqualTo(INTAKE);

    JsonNode events = api.send(AUDITOR, "GET", "/api/applications/" + id + "/audit", null).json().path("events");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("action").asText()).isEqualTo("SUBMITTED");
    assertThat(events.get(0).path("actor").asText()).isEqualTo(INTAKE);
    assertThat(events.get(0).path("role").asText()).isEqualTo("INTAKE_OFFICER");
    assertThat(events.get(0).path("processInstanceKey").asText()).isEqualTo(Long.toString(instanceKey));
    assertThat(events.get(0).path("policyVersion").asText()).isNotBlank();
    assertThat(events.get(0).path("prevHash").asText()).isEqualTo("0".repeat(64));
    Response verification = api.send(AUDITOR, "GET", "/api/applications/" + id + "/audit/verification", null);
    assertThat(verification.json().path("intact").asBoolean()).isTrue();
    assertThat(verification.json().path("events").asInt()).isEqualTo(1);
  }

  @Test
  void shouldRejectInvalidApplicationListingEveryFieldAndStoreNothing() {
    // given
    long before = countApplications();
    String body = sample(TestData.AIGC, n -> {
      ((ObjectNode) n.get("applicant")).put("segment", "QUANTUM_COMPUTING");
      ((ObjectNode) n.get("applicant")).put("unifiedSocialCreditCode", "91310115MA1K4Y7B38");
      n.put("requestedAmount", -5);
      n.put("termMonths", "twelve");
      n.put("colour", "blue");
      ((ObjectNode) n.get("computeProfile")).put("averageUtilisation", 1.5);
      ((ObjectNode) n.withArray("statements").get(0).get("balanceSheet")).put("cash", "lots");
      ((ObjectNode) n.withArray("statements").get(1).get("balanceSheet")).put("totalAssets", 1);
    });
    // when
    Response r = submit(body);
    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    Map<String, String> errors = new java.util.HashMap<>();
    r.json().path("errors").forEach(e -> errors.putIfAbsent(e.path("field").asText(), e.path("code").asText()));
    assertThat(errors).containsEntry("applicant.segment", "UNKNOWN_VALUE")
        .containsEntry("applicant.unifiedSocialCreditCode", "INVALID_CHECK_DIGIT")
        .containsEntry("requestedAmount", "NOT_POSITIVE")
        .containsEntry("termMonths", "INVALID_TYPE")
        .containsEntry("colour", "UNKNOWN_FIELD")
        .containsEntry("computeProfile.averageUtilisation", "OUT_OF_RANGE")
        .containsEntry("statements[0].balanceSheet.cash", "INVALID_TYPE");
    assertThat(errors.keySet()).anyMatch(f -> f.startsWith("statements[1].balanceSheet"));
    r.json().path("errors").forEach(e -> assertThat(e.path("message").asText()).isNotBlank());
    assertThat(countApplications()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource({
      "/applicant/name, '', applicant.name, REQUIRED",
      "/applicant/foundingDate, '2099-01-01', applicant.foundingDate, OUT_OF_RANGE",
      "/applicant/foundingDate, 'yesterday', applicant.foundingDate, INVALID_TYPE",
      "/applicant/fundingStage, 'IPO_SOON', applicant.fundingStage, UNKNOWN_VALUE",
      "/product, 'CAR_LOAN', product, UNKNOWN_VALUE",
      "/termMonths, '0', termMonths, NOT_POSITIVE",
      "/orderContract/buyer, '', orderContract.buyer, REQUIRED",
      "/computeProfile/pue, '0.5', computeProfile.pue, OUT_OF_RANGE",
      "/computeProfile/gpuCount, '-3', computeProfile.gpuCount, NEGATIVE_VALUE",
      "/guaranteeOffers/0/type, 'HANDSHAKE', guaranteeOffers[0].type, UNKNOWN_VALUE",
      "/esgRating, 'Z', esgRating, UNKNOWN_VALUE",
      "/orderContract/paymentDate, 'soon', orderContract.paymentDate, INVALID_TYPE",
      "/interestSubsidyProgramme, 'sci tech', interestSubsidyProgramme, INVALID_FORMAT",
      "/projectOperationDate, '2027-01-01', projectOperationDate, NOT_APPLICABLE",
      "/guaranteeOffers/3/equipment, 'H800', guaranteeOffers[3].equipment, INVALID_TYPE",
  })
  void shouldNameEachInvalidField(String pointer, String value, String field, String code) {
    // given
    String body = sample(TestData.AIGC, n -> {
      int slash = pointer.lastIndexOf('/');
      JsonNode parent = n.at(pointer.substring(0, slash));
      String name = pointer.substring(slash + 1);
      JsonNode v = value.matches("-?[0-9.]+") ? n.numberNode(new java.math.BigDecimal(value)) : n.textNode(value);
      if (parent.isArray()) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(name), v);
      } else {
        ((ObjectNode) parent).set(name, v);
      }
    });
    long before = countApplications();
    // when
    Response r = submit(body);
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().path("errors").findValuesAsText("field")).contains(field);
    List<String> codes = new ArrayList<>();
    r.json().path("errors").forEach(e -> {
      if (e.path("field").asText().equals(field)) {
        codes.add(e.path("code").asText());
      }
    });
    assertThat(codes).contains(code);
    assertThat(countApplications()).isEqualTo(before);
  }

  @Test
  void shouldNameEachInvalidFieldOfTheProjectPlanAndTheGpuCollateral() {
    // given: the data-centre project loan with a bad projected cash flow and bad GPU hardware
    String body = sample(TestData.DATA_CENTRE, n -> {
      ((ObjectNode) n.withArray("projectCashFlows").get(0)).put("year", "next");
      ((ObjectNode) n.withArray("projectCashFlows").get(1)).put("year", 2025);
      ((ObjectNode) n.withArray("guaranteeOffers").get(1).get("equipment")).put("gpuGeneration", "H100")
          .put("ageMonths", 400);
    });
    long before = countApplications();

    // when
    Response r = submit(body);

    // then: each field named, nothing stored
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    Map<String, String> errors = new java.util.HashMap<>();
    r.json().path("errors").forEach(e -> errors.putIfAbsent(e.path("field").asText(), e.path("code").asText()));
    assertThat(errors).containsEntry("projectCashFlows[0].year", "INVALID_TYPE")
        .containsEntry("guaranteeOffers[1].equipment.gpuGeneration", "UNKNOWN_VALUE")
        .containsEntry("guaranteeOffers[1].equipment.ageMonths", "OUT_OF_RANGE");
    assertThat(countApplications()).isEqualTo(before);
  }

  @Test
  void shouldRejectBodiesThatAreNotApplications() {
    assertThat(submit("{not json").status()).isEqualTo(400);
    assertThat(submit("[]").json().path("errors").get(0).path("code").asText()).isEqualTo("INVALID_TYPE");
    Response empty = submit("{}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().path("errors").findValuesAsText("field"))
        .contains("applicant", "product", "requestedAmount", "statements", "computeProfile");
  }

  @Test
  void shouldReturnFirstResultForRepeatedIdempotencyKey() {
    // given
    String key = "retry-" + UUID.randomUUID();
    long before = countApplications();
    // when
    Response first = submit(aigc(), "Idempotency-Key", key);
    Response second = submit(aigc(), "Idempotency-Key", key);
    Response other = submit(sample(TestData.AIGC, n -> n.put("termMonths", 6)), "Idempotency-Key", key);
    // then
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(second.json()).isEqualTo(first.json());
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    assertThat(countApplications()).isEqualTo(before + 1);
  }

  @Test
  void shouldStoreConcurrentRetriesOfOneKeyOnce() throws Exception {
    // given
    String key = "concurrent-" + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Response>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(() -> submit(aigc(), "Idempotency-Key", key));
      }
      // when
      List<Response> responses = new ArrayList<>();
      for (Future<Response> f : pool.invokeAll(calls)) {
        responses.add(f.get());
      }
      // then: one stored; a retry that came while it was in progress was asked to retry (409), never given it early
      assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(201, 409));
      assertThat(responses).anySatisfy(r -> assertThat(r.status()).isEqualTo(201));
      Set<String> ids = responses.stream().filter(r -> r.status() == 201)
          .map(r -> r.json().path("applicationId").asText()).collect(Collectors.toSet());
      assertThat(ids).hasSize(1);
      assertThat(responses).filteredOn(r -> r.status() == 201)
          .allSatisfy(r -> assertThat(r.json().path("processInstanceKey").isTextual()).as(r.body()).isTrue());
      assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_application WHERE idempotency_key = ?").param(key)
          .query(Long.class).single()).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void shouldStoreNothingWhenTheProcessCannotBeStarted() {
    // given
    doThrow(new IllegalStateException("engine down")).when(starter).start(any());
    long before = countApplications();
    String key = "failing-" + UUID.randomUUID();
    // when
    Response r = submit(aigc(), "Idempotency-Key", key);
    // then
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(countApplications()).isEqualTo(before);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE application_id NOT IN (SELECT id FROM loan_application)")
        .query(Long.class).single()).isZero();

    // and a retry with the same key, once the engine is back, stores it once
    reset(starter);
    Response retry = submit(aigc(), "Idempotency-Key", key);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("false");
    assertThat(countApplications()).isEqualTo(before + 1);
  }

  @Test
  void shouldCancelTheStartedProcessWhenTheApplicationCannotBeCompleted() {
    // given: the process starts, but the application row vanishes before the start is recorded
    long before = countApplications();
    List<Long> started = new ArrayList<>();
    org.mockito.Mockito.doAnswer(inv -> {
      long key = (long) inv.callRealMethod();
      started.add(key);
      Map<?, ?> variables = inv.getArgument(0);
      jdbc.sql("DELETE FROM loan_application WHERE id = ?").param(variables.get("applicationId")).update();
      return key;
    }).when(starter).start(any());
    // when
    Response r = submit(aigc());
    // then
    assertThat(r.status()).isEqualTo(503);
    assertThat(countApplications()).isEqualTo(before);
    assertThat(started).hasSize(1);
    assertThat(camunda.newProcessInstanceGetRequest(started.get(0)).send().join().getState().name())
        .isEqualTo("TERMINATED");
  }

  @Test
  void shouldCompleteAnInterruptedSubmission() {
    // given: two applications stored before a crash; one had its process started already
    String withProcess = submitted();
    long key = Long.parseLong(api.send(ANALYST, "GET", "/api/applications/" + withProcess, null).json()
        .path("processInstanceKey").asText());
    jdbc.sql("UPDATE loan_application SET process_instance_key = NULL, audit_seq = 0, audit_head = ? WHERE id = ?")
        .params("0".repeat(64), withProcess).update();
    jdbc.sql("DELETE FROM audit_event WHERE application_id = ?").param(withProcess).update();
    String withoutProcess = submitted();
    jdbc.sql("UPDATE loan_application SET process_instance_key = NULL, audit_seq = 0, audit_head = ? WHERE id = ?")
        .params("0".repeat(64), withoutProcess).update();
    jdbc.sql("DELETE FROM audit_event WHERE application_id = ?").param(withoutProcess).update();
    // when
    int done = submissions.completePendingStarts(Instant.now().plusSeconds(1));
    // then
    assertThat(done).isGreaterThanOrEqualTo(2);
    assertThat(jdbc.sql("SELECT process_instance_key FROM loan_application WHERE id = ?").param(withProcess)
        .query(Long.class).single()).isEqualTo(key);
    Long restarted = jdbc.sql("SELECT process_instance_key FROM loan_application WHERE id = ?").param(withoutProcess)
        .query(Long.class).single();
    assertThat(restarted).isNotNull();
    assertThat(api.send(AUDITOR, "GET", "/api/applications/" + withoutProcess + "/audit/verification", null).json()
        .path("intact").asBoolean()).isTrue();
  }

  @Test
  void shouldRecordStepsAndStatusOncePerJobAndShowThem() {
    // given
    String id = submitted();
    ProcessRef job = new ProcessRef(1, "Task_ScoreComputeCapability", 2, 3001);
    Map<String, Object> score = Map.of("tier", "A", "totalScore", 82);
    // when
    caseFile.changeStatus(id, ApplicationStatus.IN_REVIEW, "review-worker", job);
    caseFile.changeStatus(id, ApplicationStatus.IN_REVIEW, "review-worker", job);
    caseFile.recordStep(id, "SCORE", score, "ComputeScorecard:v1", "score-worker", job);
    caseFile.recordStep(id, "SCORE", score, "ComputeScorecard:v1", "score-worker", job);
    caseFile.recordStep(id, "APPROVAL", Map.of("decision", "APPROVE", "comment", "同意"), "ApprovalAuthority:v1",
        BRANCH, new ProcessRef(1, "Task_ApproveApplication", 5, 3002));
    // then
    assertThat(caseFile.actors(id, "SCORE")).containsExactly("score-worker");
    assertThat(caseFile.actors(id, "APPROVAL")).containsExactly(BRANCH);
    assertThat(caseFile.application(id)).get().extracting(a -> a.applicant().name()).isEqualTo("上海言川智能科技有限公司");
    JsonNode detail = api.send(ANALYST, "GET", "/api/applications/" + id, null).json();
    assertThat(detail.path("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(detail.path("tier").asText()).isEqualTo("A");
    assertThat(detail.at("/results/SCORE/result/totalScore").asInt()).isEqualTo(82);
    assertThat(detail.at("/results/SCORE/policyVersion").asText()).isEqualTo("ComputeScorecard:v1");
    assertThat(detail.path("steps")).hasSize(2);
    assertThat(detail.at("/approvals/0/approver").asText()).isEqualTo(BRANCH);
    assertThat(detail.at("/approvals/0/decision").asText()).isEqualTo("APPROVE");
    assertThat(detail.at("/approvals/0/comment").asText()).isEqualTo("同意");
    JsonNode events = api.send(AUDITOR, "GET", "/api/applications/" + id + "/audit", null).json().path("events");
    assertThat(events.findValuesAsText("action"))
        .containsExactly("SUBMITTED", "STATUS_CHANGED", "STEP_SCORE", "STEP_APPROVAL");
    assertThat(events.get(1).at("/before/status").asText()).isEqualTo("SUBMITTED");
    assertThat(events.get(1).at("/after/status").asText()).isEqualTo("IN_REVIEW");
    assertThat(events.get(1).path("jobKey").asText()).isEqualTo("3001");
    assertThat(events.get(1).path("elementId").asText()).isEqualTo("Task_ScoreComputeCapability");
    assertThat(events.get(1).path("role").asText()).isEqualTo("WORKER");
    assertThat(events.get(3).path("role").asText()).isEqualTo("BRANCH_APPROVER");
    assertThat(events.get(3).path("policyVersion").asText()).isEqualTo("ApprovalAuthority:v1");
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).path("prevHash").asText()).isEqualTo(events.get(i - 1).path("hash").asText());
    }
  }

  @Test
  void shouldNameTheFirstTamperedAuditRow() {
    // given
    String id = submitted();
    for (int i = 0; i < 4; i++) {
      caseFile.changeStatus(id, ApplicationStatus.IN_REVIEW, "review-worker", new ProcessRef(1, "Task_Review", 2, 100 + i));
    }
    long thirdId = jdbc.sql("SELECT id FROM audit_event WHERE application_id = ? AND seq = 3").param(id)
        .query(Long.class).single();
    // when: someone edits event 3 in the database
    jdbc.sql("UPDATE audit_event SET actor = 'someone-else' WHERE id = ?").param(thirdId).update();
    // then
    JsonNode v = api.send(AUDITOR, "GET", "/api/applications/" + id + "/audit/verification", null).json();
    assertThat(v.path("intact").asBoolean()).isFalse();
    assertThat(v.path("firstBadSeq").asInt()).isEqualTo(3);
    assertThat(v.path("firstBadEventId").asLong()).isEqualTo(thirdId);
    assertThat(v.path("reason").asText()).contains("hash");

    // and a re-hashed edit is caught by the next link
    jdbc.sql("UPDATE audit_event SET hash = ? WHERE id = ?").params("f".repeat(64), thirdId).update();
    JsonNode relinked = api.send(AUDITOR, "GET", "/api/applications/" + id + "/audit/verification", null).json();
    assertThat(relinked.path("firstBadSeq").asInt()).isEqualTo(3);
  }

  @Test
  void shouldDetectDeletedAuditRows() {
    // given
    String id = submitted();
    for (int i = 0; i < 3; i++) {
      caseFile.changeStatus(id, ApplicationStatus.IN_REVIEW, "review-worker", new ProcessRef(1, "Task_Review", 2, 200 + i));
    }
    // when: the last event is deleted
    jdbc.sql("DELETE FROM audit_event WHERE application_id = ? AND seq = 4").param(id).update();
    // then
    JsonNode last = api.send(AUDITOR, "GET", "/api/applications/" + id + "/audit/verification", null).json();
    assertThat(last.path("intact").asBoolean()).isFalse();
    assertThat(last.path("firstBadSeq").asInt()).isEqualTo(4);
    // when: an event in the middle is deleted
    jdbc.sql("DELETE FROM audit_event WHERE application_id = ? AND seq = 2").param(id).update();
    // then
    JsonNode middle = api.send(AUDITOR, "GET", "/api/applications/" + id + "/audit/verification", null).json();
    assertThat(middle.path("firstBadSeq").asInt()).isEqualTo(3);
    assertThat(middle.path("reason").asText()).contains("event 2 is missing");
  }

  @Test
  void shouldOfferNoWayToChangeTheAuditTrail() {
    String id = submitted();
    for (String method : List.of("PUT", "PATCH", "DELETE", "POST")) {
      Response r = api.send(AUDITOR, method, "/api/applications/" + id + "/audit", "{}");
      assertThat(r.status()).as(method).isIn(403, 405);
    }
    assertThat(api.send("admin", "DELETE", "/api/applications/" + id + "/audit", null).status()).isIn(403, 405);
  }

  @Test
  void shouldAnswerUnknownApplicationsWithNotFound() {
    assertThat(api.send(ANALYST, "GET", "/api/applications/nope", null).status()).isEqualTo(404);
    assertThat(api.send(AUDITOR, "GET", "/api/applications/nope/audit", null).status()).isEqualTo(404);
    assertThat(api.send(AUDITOR, "GET", "/api/applications/nope/audit/verification", null).status()).isEqualTo(404);
  }

  @Test
  void shouldStoreUploadedDocumentWithItsHashAndAuditIt() throws Exception {
    // given
    String id = submitted();
    byte[] content = "资产负债表 2024 — balance sheet".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String boundary = "----cl" + UUID.randomUUID();
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nBALANCE_SHEET\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bs-2024.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\n";
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(multipart.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // when
    Response upload = api.execute(java.net.http.HttpRequest.newBuilder(api.uri("/api/applications/" + id + "/documents"))
        .header("Authorization", ApiClient.basic(ANALYST, ApiClient.DEV_PASSWORD))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    // then
    assertThat(upload.status()).as(upload.body()).isEqualTo(201);
    String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    assertThat(upload.json().path("sha256").asText()).isEqualTo(sha256);
    assertThat(upload.json().path("size").asLong()).isEqualTo(content.length);
    String documentId = upload.json().path("documentId").asText();

    JsonNode list = api.send(INTAKE, "GET", "/api/applications/" + id + "/documents", null).json();
    assertThat(list.findValuesAsText("documentId")).containsExactly(documentId);
    java.net.http.HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(api.uri("/api/applications/" + id + "/documents/" + documentId))
            .header("Authorization", ApiClient.basic(ANALYST, ApiClient.DEV_PASSWORD)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.body()).isEqualTo(content);
    assertThat(download.headers().firstValue("ETag")).contains("\"" + sha256 + "\"");
    JsonNode events = api.send(AUDITOR, "GET", "/api/applications/" + id + "/audit", null).json().path("events");
    assertThat(events.get(events.size() - 1).path("action").asText()).isEqualTo("DOCUMENT_UPLOADED");
    assertThat(events.get(events.size() - 1).at("/after/sha256").asText()).isEqualTo(sha256);
    assertThat(events.get(events.size() - 1).path("actor").asText()).isEqualTo(ANALYST);
  }

  @Test
  void shouldSearchByStatusProductTierApplicantAndDate() {
    // given: applications of a unique applicant
    String name = "检索测试-" + UUID.randomUUID();
    Instant start = Instant.now().minusSeconds(1);
    String operating = submit(sample(TestData.AIGC, n -> ((ObjectNode) n.get("applicant")).put("name", name)))
        .json().path("applicationId").asText();
    String project = submit(sample(TestData.DATA_CENTRE, n -> ((ObjectNode) n.get("applicant")).put("name", name)))
        .json().path("applicationId").asText();
    caseFile.recordStep(project, "SCORE", Map.of("tier", "B"), "v1", "score-worker", new ProcessRef(1, "s", 2, 9001));
    caseFile.changeStatus(project, ApplicationStatus.PENDING_APPROVAL, "worker", new ProcessRef(1, "s", 2, 9002));
    String q = "/api/applications?applicant=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    // when / then
    assertThat(ids(q)).containsExactly(project, operating);
    assertThat(ids(q + "&status=PENDING_APPROVAL")).containsExactly(project);
    assertThat(ids(q + "&product=PROJECT")).containsExactly(project);
    assertThat(ids(q + "&product=ORDER_FINANCING")).containsExactly(operating);
    assertThat(ids(q + "&tier=B")).containsExactly(project);
    assertThat(ids(q + "&submittedFrom=" + start)).hasSize(2);
    assertThat(ids(q + "&submittedTo=" + start)).isEmpty();
    JsonNode page = api.send(ANALYST, "GET", q + "&size=1&page=1", null).json();
    assertThat(page.path("total").asLong()).isEqualTo(2);
    assertThat(page.path("items").get(0).path("applicationId").asText()).isEqualTo(operating);
    assertThat(page.path("items").get(0).path("applicantName").asText()).isEqualTo(name);
  }

  @Test
  void shouldRefuseBadSearchParameters() {
    Response r = api.send(ANALYST, "GET", "/api/applications?size=0&page=-1&status=LOST", null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.send(ANALYST, "GET", "/api/applications?size=500", null).json().path("errors")
        .findValuesAsText("field")).containsExactly("size");
  }

  private List<String> ids(String query) {
    Response r = api.send(ANALYST, "GET", query, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("items").findValuesAsText("applicationId");
  }
}
