package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.LoanDates;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The core banking system reports repayments: only it may, only for a disbursed loan that exists,
 * once per payment id, and a bad report is refused naming every bad field (docs/security.md,
 * "Repayments").
 */
class PaymentApiTest extends ApplicationIntegrationTest {

  static final String CORE = "core-banking";

  private String disbursed() {
    String id = submitted();
    caseFile.changeStatus(id, ApplicationStatus.DISBURSED, "disburse-loan", null);
    return id;
  }

  private static String payment(String paymentId, String valueDate, String amount) {
    return "{\"paymentId\":\"" + paymentId + "\",\"valueDate\":\"" + valueDate + "\",\"amount\":" + amount + "}";
  }

  private Response report(String user, String id, String body) {
    return api.send(user, "POST", "/api/applications/" + id + "/payments", body);
  }

  private long storedPayments(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM repayment_payment WHERE application_id = ?").param(id).query(Long.class)
        .single();
  }

  private static List<String> errors(Response r) {
    return StreamSupport.stream(r.json().path("errors").spliterator(), false)
        .map(e -> e.path("field").asText() + ":" + e.path("code").asText()).toList();
  }

  @Test
  void shouldRecordAPaymentOnceHoweverOftenTheCoreBankingSystemReportsIt() {
    // given: a disbursed loan
    String id = disbursed();
    String body = payment("CB-2026-000123", "2026-11-30", "261666.67");

    // when: the same payment is reported twice
    Response first = report(CORE, id, body);
    Response again = report(CORE, id, body);

    // then: stored once, the repeat answered with the first record
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().path("recordedAt").asText()).isEqualTo(first.json().path("recordedAt").asText());
    assertThat(storedPayments(id)).isEqualTo(1);
    JsonNode events = api.send(AUDITOR, "GET", "/api/applications/" + id + "/audit", null).json().path("events");
    assertThat(StreamSupport.stream(events.spliterator(), false).filter(e -> e.path("action").asText()
        .equals(PaymentService.PAYMENT_RECORDED))).singleElement()
        .satisfies(e -> assertThat(e.path("actor").asText()).isEqualTo(CORE));
    // and staff (and the core banking system) read it back
    Response list = api.send("risk", "GET", "/api/applications/" + id + "/payments", null);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().at("/payments/0/paymentId").asText()).isEqualTo("CB-2026-000123");
    assertThat(list.json().at("/payments/0/amount").decimalValue()).isEqualByComparingTo("261666.67");
    assertThat(api.send(CORE, "GET", "/api/applications/" + id + "/payments", null).status()).isEqualTo(200);
  }

  @Test
  void shouldRefuseThePaymentIdOfAnotherPayment() {
    String id = disbursed();
    assertThat(report(CORE, id, payment("CB-1", "2026-11-30", "100.00")).status()).isEqualTo(201);

    Response other = report(CORE, id, payment("CB-1", "2026-11-30", "100.01"));

    assertThat(other.status()).isEqualTo(409);
    assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    assertThat(errors(other)).containsExactly("paymentId:CONFLICT");
    assertThat(storedPayments(id)).isEqualTo(1);
  }

  @Test
  void shouldLetOnlyTheCoreBankingSystemReportPayments() {
    String id = disbursed();
    for (String user : List.of(INTAKE, ANALYST, "risk", "manager", AUDITOR, "admin", ENGINE)) {
      Response r = report(user, id, payment("CB-" + user, "2026-11-30", "100.00"));
      assertThat(r.status()).as(user).isEqualTo(403);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
    assertThat(storedPayments(id)).isZero();
    // and the core banking system may do nothing else
    assertThat(api.send(CORE, "GET", "/api/applications/" + id, null).status()).isEqualTo(403);
    assertThat(api.send(CORE, "POST", "/api/applications", aigc()).status()).isEqualTo(403);
    assertThat(api.send(CORE, "POST", "/v2/user-tasks/search", "{}").status()).isEqualTo(403);
    assertThat(api.send(null, "POST", "/api/applications/" + id + "/payments", "{}").status()).isEqualTo(401);
  }

  @Test
  void shouldAnswer404ForAnUnknownApplication() {
    Response r = report(CORE, "NO-SUCH-" + UUID.randomUUID(), payment("CB-1", "2026-11-30", "100.00"));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.send("risk", "GET", "/api/applications/NO-SUCH/payments", null).status()).isEqualTo(404);
  }

  @Test
  void shouldRefuseAPaymentBeforeTheLoanIsDisbursed() {
    String id = submitted();

    Response r = report(CORE, id, payment("CB-1", "2026-11-30", "100.00"));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("detail").asText()).contains("disbursed");
    assertThat(storedPayments(id)).isZero();
  }

  @Test
  void shouldRefuseBadAmountsAndFieldsNamingEachAndStoreNothing() {
    String id = disbursed();
    String tomorrow = LocalDate.now(LoanDates.ZONE).plusDays(1).toString();

    assertThat(errors(report(CORE, id, payment("CB-1", "2026-11-30", "0")))).containsExactly("amount:NOT_POSITIVE");
    assertThat(errors(report(CORE, id, payment("CB-1", "2026-11-30", "-5.00")))).containsExactly("amount:NOT_POSITIVE");
    assertThat(errors(report(CORE, id, payment("CB-1", "2026-11-30", "1.234")))).containsExactly("amount:INVALID_SCALE");
    assertThat(errors(report(CORE, id, payment("CB-1", "2026-11-30", "10000000000.01"))))
        .containsExactly("amount:TOO_LARGE");
    assertThat(errors(report(CORE, id, payment("CB-1", "2026-11-30", "\"abc\"")))).containsExactly("amount:INVALID_TYPE");
    Response everything = report(CORE, id,
        "{\"paymentId\":\"has space\",\"valueDate\":\"" + tomorrow + "\",\"amount\":null,\"period\":3}");
    assertThat(everything.status()).isEqualTo(400);
    assertThat(everything.header("Content-Type")).startsWith("application/problem+json");
    assertThat(errors(everything)).containsExactlyInAnyOrder("period:UNKNOWN_FIELD", "paymentId:INVALID_FORMAT",
        "valueDate:OUT_OF_RANGE", "amount:REQUIRED");
    assertThat(errors(report(CORE, id, "{}"))).containsExactly("paymentId:REQUIRED", "valueDate:REQUIRED",
        "amount:REQUIRED");
    // a field is named once: a date that is not a date is not reported missing as well
    assertThat(errors(report(CORE, id, payment("x".repeat(65), "2026-13-01", "1")))).containsExactly(
        "valueDate:INVALID_TYPE", "paymentId:INVALID_FORMAT");
    assertThat(storedPayments(id)).isZero();
  }

  @Test
  void shouldAcceptTheCoreBankingSystemsTokenFromTheIdentityProvider() {
    String id = disbursed();

    Response core = api.sendWithAuthorization("Bearer " + IdentityProvider.token("cbs-client", "CORE_BANKING"), "POST",
        "/api/applications/" + id + "/payments", payment("CB-OIDC-1", "2026-11-30", "100.00"));
    Response engine = api.sendWithAuthorization("Bearer " + IdentityProvider.token("x", "ENGINE_CLIENT"), "POST",
        "/api/applications/" + id + "/payments", payment("CB-OIDC-2", "2026-11-30", "100.00"));

    assertThat(core.status()).as(core.body()).isEqualTo(201);
    assertThat(core.json().path("recordedBy").asText()).isEqualTo("cbs-client");
    assertThat(engine.status()).isEqualTo(403);
  }
}
