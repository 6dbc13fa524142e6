package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.security.Role;
import cn.computeloan.credit.InputLimits;
import cn.computeloan.credit.model.Product;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.review.UnifiedSocialCreditCode;
import cn.computeloan.process.ApplicationStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The lengths the API validates ({@link InputLimits}) are the column sizes the application's
 * migrations (V1..V99) create: a migration that changes a column, or adds a bounded one, fails here
 * until the validation says what may go into it.
 */
class InputLimitsMatchTheDatabaseTest {

  /** Columns that hold what callers send, and the limit the API validates for each. */
  private static final Map<String, Integer> VALIDATED = Map.ofEntries(
      Map.entry("loan_application.applicant_name", InputLimits.NAME),
      Map.entry("loan_application.applicant_code", UnifiedSocialCreditCode.LENGTH),
      Map.entry("loan_application.idempotency_key", InputLimits.IDEMPOTENCY_KEY),
      Map.entry("loan_application.submitted_by", InputLimits.USERNAME),
      Map.entry("application_step.actor", InputLimits.USERNAME),
      Map.entry("audit_event.actor", InputLimits.USERNAME),
      Map.entry("application_document.uploaded_by", InputLimits.USERNAME),
      Map.entry("application_document.file_name", InputLimits.FILE_NAME),
      Map.entry("application_document.content_type", InputLimits.CONTENT_TYPE),
      Map.entry("application_document.kind", InputLimits.DOCUMENT_KIND),
      // PaymentController.PAYMENT_ID: at most 64 characters
      Map.entry("repayment_payment.payment_id", 64),
      Map.entry("repayment_payment.recorded_by", InputLimits.USERNAME),
      // ProcessDeployments.checkedName: the uploaded file's name; the deployer is the signed-in user
      Map.entry("deployment_log.resource_name", InputLimits.FILE_NAME),
      Map.entry("deployment_log.deployed_by", InputLimits.USERNAME));

  /** Bounded columns no caller writes freely: generated, hashes, or values from a closed set (checked below). */
  private static final Set<String> INTERNAL = Set.of(
      "loan_application.id", "application_step.application_id", "audit_event.application_id",
      "application_document.id", "application_document.application_id", "repayment_payment.application_id",
      "loan_application.status", "loan_application.product", "loan_application.tier",
      "loan_application.request_hash", "loan_application.audit_head", "audit_event.prev_hash", "audit_event.hash",
      "application_document.sha256",
      // written by the job workers and the case file, from the deployed models and the policy
      "application_step.step", "application_step.policy_version", "application_step.element_id",
      "audit_event.role", "audit_event.action", "audit_event.policy_version", "audit_event.element_id",
      // audit keys: ids from configuration, checked at start-up (AuditKeys: 1-40 of A-Z a-z 0-9 . _ -)
      "audit_event.hmac_key_id", "audit_legacy_seal.application_id", "audit_legacy_seal.last_hash",
      "audit_legacy_seal.hmac_key_id", "audit_legacy_seal.seal",
      // the deployment log: a closed set, the engine's ids (DeploymentLog.cut shortens longer ones), a hash
      "deployment_log.kind", "deployment_log.definition_id", "deployment_log.sha256");

  private static Map<String, Integer> bounded;

  @BeforeAll
  static void migrate() throws Exception {
    String url = "jdbc:h2:mem:limits-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    // the application's migrations only: V1..V99 (V100 and later belong to the engine)
    int newest = Arrays.stream(new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql"))
        .map(r -> Integer.parseInt(r.getFilename().substring(1, r.getFilename().indexOf("__")).split("[._]")[0]))
        .filter(v -> v < 100).max(Integer::compare).orElseThrow();
    Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target(Integer.toString(newest))
        .load().migrate();
    bounded = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        ResultSet rows = c.createStatement().executeQuery("""
            SELECT table_name, column_name, character_maximum_length FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
              AND LOWER(data_type) IN ('character varying', 'character')""")) {
      while (rows.next()) {
        long length = rows.getLong(3);
        // H2 reports an unbounded VARCHAR as its maximum (1,000,000,000)
        if (!rows.wasNull() && length < 1_000_000) {
          bounded.put(rows.getString(1) + "." + rows.getString(2), (int) length);
        }
      }
    }
  }

  @Test
  void shouldValidateEveryUserInputColumnToItsExactSize() {
    assertThat(bounded).containsAllEntriesOf(VALIDATED);
  }

  @Test
  void shouldKnowEveryBoundedColumnOfTheApplicationsTables() {
    assertThat(bounded).isNotEmpty();
    assertThat(bounded.keySet()).allSatisfy(column -> assertThat(VALIDATED.containsKey(column)
        || INTERNAL.contains(column)).as(column + " (VARCHAR(" + bounded.get(column) + ")) is neither validated "
        + "for callers (InputLimits) nor listed as internal").isTrue());
  }

  @Test
  void shouldFitEveryValueOfTheClosedSetsIntoTheirColumns() {
    assertThat(Arrays.stream(ApplicationStatus.values()).mapToInt(s -> s.name().length()).max().orElseThrow())
        .isLessThanOrEqualTo(bounded.get("loan_application.status"));
    assertThat(Arrays.stream(Product.values()).mapToInt(p -> p.name().length()).max().orElseThrow())
        .isLessThanOrEqualTo(bounded.get("loan_application.product"));
    assertThat(Arrays.stream(Tier.values()).mapToInt(t -> t.name().length()).max().orElseThrow())
        .isLessThanOrEqualTo(bounded.get("loan_application.tier"));
    assertThat(DocumentService.KINDS).allSatisfy(k -> assertThat(k.length()).isLessThanOrEqualTo(InputLimits.DOCUMENT_KIND));
    assertThat(DocumentRules.DEFAULT_CONTENT_TYPES)
        .allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(InputLimits.CONTENT_TYPE));
    assertThat(Arrays.stream(cn.computeloan.workspace.processes.DeploymentLog.Kind.values())
        .mapToInt(k -> k.name().length()).max().orElseThrow()).isLessThanOrEqualTo(bounded.get("deployment_log.kind"));
    // a person with every role is recorded with all of them
    assertThat(String.join(",", Role.staff().stream().map(Enum::name).toList()).length())
        .isLessThanOrEqualTo(bounded.get("audit_event.role"));
  }
}
