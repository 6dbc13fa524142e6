package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.application.audit.AuditEntry;
import cn.computeloan.application.audit.AuditHasher;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseFile.ProcessRef;
import cn.computeloan.testsupport.RepeatWhile;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code /audit/verification} against someone who can write the database: the keyed chain (an
 * edited event whose plain SHA-256 chain and head are recomputed) and the case file (steps and
 * votes, documents and their bytes, the status, the submitted application) must give them away.
 */
class AuditTrailVerificationTest extends ApplicationIntegrationTest {

  @Autowired CaseFileVerifier verifier;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void shouldNameTheRewrittenEventWhenTheAttackerRecomputesThePlainHashChainAndHead() {
    // given: an application with five events
    String id = applicationWithStatusChanges(4);
    // when: someone edits event 3 and recomputes every hash from there, and the head, as plain SHA-256
    jdbc.sql("UPDATE audit_event SET actor = 'someone-else' WHERE application_id = ? AND seq = 3").param(id).update();
    recomputePlainChain(id, 3, false);
    // then
    JsonNode v = verification(id);
    assertThat(v.path("intact").asBoolean()).as(v.toString()).isFalse();
    assertThat(v.path("verified").asBoolean()).isFalse();
    assertThat(v.path("firstBadSeq").asInt()).isEqualTo(3);
    assertThat(v.path("reason").asText()).contains("does not match its hash");
  }

  @Test
  void shouldNameTheRewrittenEventWhenTheAttackerPassesItOffAsOneFromBeforeTheKeys() {
    // given
    String id = applicationWithStatusChanges(4);
    // when: as above, and the key ids are removed, as if the events predated the keyed chain
    jdbc.sql("UPDATE audit_event SET actor = 'someone-else' WHERE application_id = ? AND seq = 3").param(id).update();
    recomputePlainChain(id, 1, true);
    // then: the first event without a key is refused, since this chain was never sealed as a plain one
    JsonNode v = verification(id);
    assertThat(v.path("intact").asBoolean()).as(v.toString()).isFalse();
    assertThat(v.path("firstBadSeq").asInt()).isEqualTo(1);
    assertThat(v.path("reason").asText()).contains("without the audit key");
  }

  @Test
  void shouldKeyNewEventsAndHaveTheSealingMigrationRun() {
    // given / when
    String id = submitted();
    // then
    assertThat(jdbc.sql("SELECT hmac_key_id FROM audit_event WHERE application_id = ?").param(id)
        .query(String.class).single()).isEqualTo("k1");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '3' AND success")
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void shouldVerifyAnUntouchedCaseFileWithStepsVotesStatusAndDocuments() {
    // given
    String id = caseWithStepsAndADocument();
    // when
    JsonNode v = verification(id);
    // then
    assertThat(v.path("verified").asBoolean()).as(v.toString()).isTrue();
    assertThat(v.path("intact").asBoolean()).isTrue();
    assertThat(v.at("/caseFile/verified").asBoolean()).isTrue();
    assertThat(v.at("/caseFile/steps").asInt()).isEqualTo(2);
    assertThat(v.at("/caseFile/documents").asInt()).isEqualTo(1);
    assertThat(v.at("/caseFile/status").asText()).isEqualTo("PENDING_APPROVAL");
    assertThat(v.at("/caseFile/firstProblem").isNull()).isTrue();
  }

  @Test
  void shouldNameTheStepWhoseStoredResultWasChanged() {
    // given
    String id = caseWithStepsAndADocument();
    long vote = jdbc.sql("SELECT id FROM application_step WHERE application_id = ? AND step = 'APPROVAL-1'")
        .param(id).query(Long.class).single();
    // when: the vote is rewritten in the step table (the audit trail is left alone)
    jdbc.sql("UPDATE application_step SET result = ? WHERE id = ?")
        .params("{\"decision\":\"APPROVE\",\"approvedAmount\":999999999}", vote).update();
    // then
    JsonNode v = verification(id);
    assertThat(v.path("intact").asBoolean()).isTrue();
    assertThat(v.path("verified").asBoolean()).isFalse();
    assertThat(v.at("/caseFile/firstProblem/kind").asText()).isEqualTo("STEP");
    assertThat(v.at("/caseFile/firstProblem/id").asText()).isEqualTo(Long.toString(vote));
    assertThat(v.at("/caseFile/firstProblem/detail").asText()).contains("APPROVAL-1", "result");
  }

  @Test
  void shouldNameAStepRowThatNoAuditEventRecords() {
    // given
    String id = caseWithStepsAndADocument();
    // when: a vote is added to the step table only
    jdbc.sql("""
            INSERT INTO application_step (application_id, step, result, actor, recorded_at)
            VALUES (?, 'APPROVAL-2', '{"decision":"APPROVE"}', 'committee', ?)""")
        .params(id, OffsetDateTime.now()).update();
    // then
    JsonNode v = verification(id);
    assertThat(v.path("verified").asBoolean()).isFalse();
    assertThat(v.at("/caseFile/firstProblem/kind").asText()).isEqualTo("STEP");
    assertThat(v.at("/caseFile/firstProblem/detail").asText()).contains("APPROVAL-2", "no audit event");
  }

  @Test
  void shouldNameTheDocumentWhoseStoredBytesWereReplaced() {
    // given
    String id = caseWithStepsAndADocument();
    String document = jdbc.sql("SELECT id FROM application_document WHERE application_id = ?").param(id)
        .query(String.class).single();
    // when: the bytes are replaced (same length, row and audit event untouched)
    jdbc.sql("UPDATE application_document SET content = ? WHERE id = ?")
        .params("资产负债表 2024 — BALANCE SHEET".getBytes(StandardCharsets.UTF_8), document).update();
    // then
    JsonNode v = verification(id);
    assertThat(v.path("intact").asBoolean()).isTrue();
    assertThat(v.path("verified").asBoolean()).isFalse();
    assertThat(v.at("/caseFile/firstProblem/kind").asText()).isEqualTo("DOCUMENT");
    assertThat(v.at("/caseFile/firstProblem/id").asText()).isEqualTo(document);
    assertThat(v.at("/caseFile/firstProblem/detail").asText()).contains("stored bytes");
  }

  @Test
  void shouldNameTheDocumentWhoseRowAndBytesWereReplacedTogether() {
    // given
    String id = caseWithStepsAndADocument();
    String document = jdbc.sql("SELECT id FROM application_document WHERE application_id = ?").param(id)
        .query(String.class).single();
    byte[] forged = "a different balance sheet".getBytes(StandardCharsets.UTF_8);
    // when: bytes, size and SHA-256 of the row are all made consistent with each other
    jdbc.sql("UPDATE application_document SET content = ?, size_bytes = ?, sha256 = ? WHERE id = ?")
        .params(forged, forged.length, AuditHasher.sha256(forged), document).update();
    // then: they no longer match the audit event
    JsonNode v = verification(id);
    assertThat(v.at("/caseFile/firstProblem/kind").asText()).isEqualTo("DOCUMENT");
    assertThat(v.at("/caseFile/firstProblem/id").asText()).isEqualTo(document);
    assertThat(v.at("/caseFile/firstProblem/detail").asText()).contains("sha256", "size");
  }

  @Test
  void shouldNoticeAChangedStatus() {
    // given
    String id = caseWithStepsAndADocument();
    // when
    jdbc.sql("UPDATE loan_application SET status = 'APPROVED' WHERE id = ?").param(id).update();
    // then
    JsonNode v = verification(id);
    assertThat(v.path("intact").asBoolean()).isTrue();
    assertThat(v.path("verified").asBoolean()).isFalse();
    assertThat(v.at("/caseFile/status").asText()).isEqualTo("APPROVED");
    assertThat(v.at("/caseFile/firstProblem/kind").asText()).isEqualTo("STATUS");
    assertThat(v.at("/caseFile/firstProblem/id").asText()).isEqualTo(id);
    assertThat(v.at("/caseFile/firstProblem/detail").asText()).contains("PENDING_APPROVAL");
  }

  @Test
  void shouldNoticeAChangedApplication() {
    // given
    String id = caseWithStepsAndADocument();
    // when: the stored application's amount is raised
    jdbc.sql("UPDATE loan_application SET requested_amount = requested_amount * 10 WHERE id = ?").param(id).update();
    // then
    JsonNode v = verification(id);
    assertThat(v.at("/caseFile/firstProblem/kind").asText()).isEqualTo("APPLICATION");
    assertThat(v.at("/caseFile/firstProblem/detail").asText()).contains("requestedAmount");
  }

  @Test
  void shouldVerifyAThousandsOfEventsTrailPageByPageAndFindAChangeDeepInIt() {
    // given: more than two pages of events and step rows
    String id = submitted();
    for (int i = 0; i < 1_200; i++) {
      caseFile.recordStep(id, "MONITORING", Map.of("check", i), null, "monitoring-worker",
          new ProcessRef(1, "Task_Monitor", 2, 50_000 + i));
    }
    assertThat(verification(id).path("verified").asBoolean()).isTrue();
    // when: a step deep in the trail is changed
    long row = jdbc.sql("SELECT id FROM application_step WHERE application_id = ? AND job_key = ?")
        .params(id, 51_100).query(Long.class).single();
    jdbc.sql("UPDATE application_step SET result = '{\"check\":-1}' WHERE id = ?").param(row).update();
    // then
    JsonNode v = verification(id);
    assertThat(v.path("events").asInt()).isEqualTo(1_201);
    assertThat(v.at("/caseFile/steps").asInt()).isEqualTo(1_200);
    assertThat(v.at("/caseFile/firstProblem/id").asText()).isEqualTo(Long.toString(row));
  }

  @Test
  void shouldVerifyAnUntouchedCaseWhileItsWorkersKeepWritingToIt() throws Exception {
    // given: workers recording steps and status changes on the case, one commit after another
    String id = submitted();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 400; i++) {
        caseFile.recordStep(id, "MONITORING", Map.of("check", i), null, "monitoring-worker",
            new ProcessRef(1, "Task_Monitor", 2, 90_000 + i));
        caseFile.changeStatus(id, i % 2 == 0 ? ApplicationStatus.IN_REVIEW : ApplicationStatus.PENDING_APPROVAL,
            "review-worker", new ProcessRef(1, "Task_Review", 2, 190_000 + i));
      }
    });
    // when: the case is verified again and again meanwhile, on its own and inside a caller's
    // read-only transaction (as the case page reads it, with the trail beside it)
    TransactionTemplate callers = new TransactionTemplate(transactions);
    callers.setReadOnly(true);
    RepeatWhile.Outcome outcome = RepeatWhile.running(writer, 20, run -> {
      AuditVerification v = run % 2 == 0 ? verifier.verify(id).orElseThrow()
          : callers.execute(t -> verifier.verify(id).orElseThrow());
      return v.verified() ? null : v.toString();
    });
    // then: a writer committing while the verifier reads is never taken for tampering
    assertThat(outcome.failures()).as("of %d verifications", outcome.runs()).isEmpty();
    assertThat(verification(id).path("events").asInt()).isEqualTo(801);
  }

  private JsonNode verification(String id) {
    Response r = api.send(AUDITOR, "GET", "/api/applications/" + id + "/audit/verification", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private String applicationWithStatusChanges(int changes) {
    String id = submitted();
    for (int i = 0; i < changes; i++) {
      caseFile.changeStatus(id, ApplicationStatus.IN_REVIEW, "review-worker", new ProcessRef(1, "Task_Review", 2,
          700 + i));
    }
    assertThat(verification(id).path("intact").asBoolean()).isTrue();
    return id;
  }

  /** A score, a vote, a status change and an uploaded balance sheet. */
  private String caseWithStepsAndADocument() {
    String id = submitted();
    caseFile.recordStep(id, "SCORE", Map.of("tier", "A", "totalScore", 82), "ComputeScorecard:v1", "score-worker",
        new ProcessRef(1, "Task_Score", 2, 3001));
    caseFile.changeStatus(id, ApplicationStatus.PENDING_APPROVAL, "worker", new ProcessRef(1, "Task_Prepare", 2, 3002));
    caseFile.recordStep(id, "APPROVAL-1", Map.of("decision", "APPROVE", "approvedAmount", 3_000_000), "Authority:v1",
        BRANCH, new ProcessRef(1, "Task_Approve", 5, 3003));
    Response upload = api.uploadBalanceSheet(ANALYST, id, "资产负债表 2024 — balance sheet".getBytes(StandardCharsets.UTF_8));
    assertThat(upload.status()).as(upload.body()).isEqualTo(201);
    return id;
  }

  /**
   * What someone with write access to the database but without the key can do: recompute each
   * event's plain SHA-256 from {@code fromSeq} on, relink the chain and move the head.
   */
  private void recomputePlainChain(String id, int fromSeq, boolean dropKeyIds) {
    record Row(long id, int seq, OffsetDateTime at, AuditEntry entry, String prevHash, String hash) {}
    List<Row> rows = jdbc.sql("SELECT * FROM audit_event WHERE application_id = ? ORDER BY seq").param(id)
        .query((rs, n) -> new Row(rs.getLong("id"), rs.getInt("seq"), rs.getObject("occurred_at", OffsetDateTime.class),
            new AuditEntry(rs.getString("actor"), rs.getString("role"), rs.getString("action"),
                rs.getString("before_state"), rs.getString("after_state"), (Long) rs.getObject("process_instance_key", Long.class),
                rs.getString("element_id"), rs.getObject("element_instance_key", Long.class),
                rs.getObject("job_key", Long.class), rs.getString("policy_version")),
            rs.getString("prev_hash"), rs.getString("hash")))
        .list();
    String prev = AuditHasher.GENESIS;
    for (Row r : rows) {
      if (r.seq() < fromSeq) {
        prev = r.hash();
        continue;
      }
      String hash = AuditHasher.legacyHash(id, r.seq(), r.at().toInstant(), r.entry(), prev);
      jdbc.sql("UPDATE audit_event SET prev_hash = ?, hash = ?" + (dropKeyIds ? ", hmac_key_id = NULL" : "")
          + " WHERE id = ?").params(prev, hash, r.id()).update();
      prev = hash;
    }
    jdbc.sql("UPDATE loan_application SET audit_head = ? WHERE id = ?").params(prev, id).update();
  }
}
