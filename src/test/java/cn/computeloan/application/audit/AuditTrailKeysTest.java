package cn.computeloan.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.computeloan.application.CaseFileVerifier;
import cn.computeloan.testsupport.RepeatWhile;
import cn.computeloan.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keyed chain over the life of a database: chains written before the keys (plain SHA-256) keep
 * verifying after the migration, but only as sealed then; keys rotate without breaking old events;
 * the development key file. Runs on H2 and on PostgreSQL (the tests' server, {@link TestPostgres}, a
 * schema of its own).
 */
class AuditTrailKeysTest {

  private static final byte[] K1 = "audit-key-one-0123456789abcdefgh".getBytes();
  private static final byte[] K2 = "audit-key-two-0123456789abcdefgh".getBytes();

  @TempDir Path folder;
  private String schema;
  private TestPostgres.Schema postgres;

  @AfterEach
  void dropSchema() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void shouldKeepVerifyingAChainFromBeforeTheKeysAndContinueItKeyed(String database) throws Exception {
    // given: a database of the previous release (V1 and the engine's V100+) with a plain SHA-256 chain
    DataSource db = previousRelease(database);
    JdbcClient jdbc = JdbcClient.create(db);
    String id = legacyApplication(jdbc, 3);
    // when: this release migrates it and appends to the chain
    AuditKeys keys = AuditKeys.of("k1", Map.of("k1", K1));
    migrate(db, keys);
    AuditTrail trail = trail(jdbc, keys);
    ChainVerification before = trail.verify(id).orElseThrow();
    trail.append(id, AuditEntry.of("review-worker", "WORKER", "STATUS_CHANGED", "{\"status\":\"SUBMITTED\"}",
        "{\"status\":\"IN_REVIEW\"}"));
    jdbc.sql("UPDATE loan_application SET status = 'IN_REVIEW' WHERE id = ?").param(id).update();
    // then
    assertThat(before.intact()).as(before.toString()).isTrue();
    ChainVerification after = trail.verify(id).orElseThrow();
    assertThat(after.intact()).as(after.toString()).isTrue();
    assertThat(after.events()).isEqualTo(4);
    assertThat(trail.events(id)).extracting(AuditEvent::hmacKeyId).containsExactly(null, null, null, "k1");
    var caseFile = new CaseFileVerifier(jdbc, trail, new ObjectMapper(), db,
        new DataSourceTransactionManager(db)).verify(id).orElseThrow();
    assertThat(caseFile.verified()).as(caseFile.toString()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void shouldRefuseAChangedEventFromBeforeTheKeysEvenWithItsPlainChainRecomputed(String database) throws Exception {
    // given
    DataSource db = previousRelease(database);
    JdbcClient jdbc = JdbcClient.create(db);
    String id = legacyApplication(jdbc, 3);
    AuditKeys keys = AuditKeys.of("k1", Map.of("k1", K1));
    migrate(db, keys);
    // when: event 2 is edited and the plain chain and head are recomputed from there
    jdbc.sql("UPDATE audit_event SET actor = 'someone-else' WHERE application_id = ? AND seq = 2").param(id).update();
    String prev = jdbc.sql("SELECT hash FROM audit_event WHERE application_id = ? AND seq = 1").param(id)
        .query(String.class).single();
    for (AuditEvent e : trail(jdbc, keys).events(id).subList(1, 3)) {
      String hash = AuditHasher.legacyHash(new AuditEvent(e.id(), e.applicationId(), e.seq(), e.occurredAt(), e.actor(),
          e.role(), e.action(), e.before(), e.after(), e.processInstanceKey(), e.elementId(), e.elementInstanceKey(),
          e.jobKey(), e.policyVersion(), prev, null, null));
      jdbc.sql("UPDATE audit_event SET prev_hash = ?, hash = ? WHERE id = ?").params(prev, hash, e.id()).update();
      prev = hash;
    }
    jdbc.sql("UPDATE loan_application SET audit_head = ? WHERE id = ?").params(prev, id).update();
    // then: the sealed head no longer matches
    ChainVerification v = trail(jdbc, keys).verify(id).orElseThrow();
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBadSeq()).isEqualTo(3);
    assertThat(v.reason()).contains("sealed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void shouldNeverTakeAnAppendCommittedDuringAVerificationForTampering(String database) throws Exception {
    // given: an application whose status a worker keeps changing, each change one transaction
    DataSource db = previousRelease(database);
    JdbcClient jdbc = JdbcClient.create(db);
    String id = legacyApplication(jdbc, 1);
    AuditKeys keys = AuditKeys.of("k1", Map.of("k1", K1));
    migrate(db, keys);
    AuditTrail trail = trail(jdbc, keys);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(db);
    TransactionTemplate worker = new TransactionTemplate(transactions);
    CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
      String status = "SUBMITTED";
      for (int i = 0; i < 200; i++) {
        String from = status;
        String to = i % 2 == 0 ? "IN_REVIEW" : "PENDING_APPROVAL";
        worker.executeWithoutResult(t -> {
          trail.append(id, AuditEntry.of("review-worker", "WORKER", "STATUS_CHANGED",
              "{\"status\":\"" + from + "\"}", "{\"status\":\"" + to + "\"}"));
          jdbc.sql("UPDATE loan_application SET status = ? WHERE id = ?").params(to, id).update();
        });
        status = to;
      }
    });
    // when: it is verified meanwhile, on its own and inside a caller's read-committed transaction
    CaseFileVerifier verifier = new CaseFileVerifier(jdbc, trail, new ObjectMapper(), db, transactions);
    TransactionTemplate caller = new TransactionTemplate(transactions);
    caller.setReadOnly(true);
    RepeatWhile.Outcome outcome = RepeatWhile.running(writes, 20, run -> {
      var v = run % 2 == 0 ? verifier.verify(id).orElseThrow()
          : caller.execute(t -> verifier.verify(id).orElseThrow());
      return v.verified() ? null : v.toString();
    });
    // then: every verification saw one consistent state of the chain and the case file
    assertThat(outcome.failures()).as("of %d verifications", outcome.runs()).isEmpty();
    assertThat(verifier.verify(id).orElseThrow().events()).isEqualTo(201);
  }

  @Test
  void shouldRefuseEventsFromBeforeTheKeysOnceTheirSealIsGone() throws Exception {
    // given
    DataSource db = previousRelease("h2");
    JdbcClient jdbc = JdbcClient.create(db);
    String id = legacyApplication(jdbc, 2);
    AuditKeys keys = AuditKeys.of("k1", Map.of("k1", K1));
    migrate(db, keys);
    // when
    jdbc.sql("DELETE FROM audit_legacy_seal WHERE application_id = ?").param(id).update();
    // then
    ChainVerification v = trail(jdbc, keys).verify(id).orElseThrow();
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBadSeq()).isEqualTo(1);
    assertThat(v.reason()).contains("without the audit key");
  }

  @Test
  void shouldNotSealAgainOnceKeyedEventsExist() throws Exception {
    // given: a migrated database whose chains have been continued with the key
    DataSource db = previousRelease("h2");
    JdbcClient jdbc = JdbcClient.create(db);
    String id = legacyApplication(jdbc, 2);
    AuditKeys keys = AuditKeys.of("k1", Map.of("k1", K1));
    migrate(db, keys);
    trail(jdbc, keys).append(id, AuditEntry.of("w", "WORKER", "NOTE", null, "{}"));
    // when: someone deletes the seal and has the sealing migration run again
    jdbc.sql("DELETE FROM audit_legacy_seal").update();
    try (Connection c = db.getConnection()) {
      new LegacyChainSealMigration(keys).migrate(context(c));
    }
    // then
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_legacy_seal").query(Long.class).single()).isZero();
    assertThat(trail(jdbc, keys).verify(id).orElseThrow().intact()).isFalse();
  }

  @Test
  void shouldVerifyEventsOfARetiredKeyAfterARotationAndNameAMissingKey() throws Exception {
    // given: events under k1
    DataSource db = previousRelease("h2");
    JdbcClient jdbc = JdbcClient.create(db);
    migrate(db, AuditKeys.of("k1", Map.of("k1", K1)));
    String id = legacyApplication(jdbc, 0);
    AuditTrail underK1 = trail(jdbc, AuditKeys.of("k1", Map.of("k1", K1)));
    underK1.append(id, AuditEntry.of("intake", "INTAKE_OFFICER", "NOTE", null, "{\"n\":1}"));
    // when: the key is rotated to k2, k1 kept for verification
    AuditTrail rotated = trail(jdbc, AuditKeys.of("k2", Map.of("k1", K1, "k2", K2)));
    rotated.append(id, AuditEntry.of("intake", "INTAKE_OFFICER", "NOTE", null, "{\"n\":2}"));
    // then
    assertThat(rotated.verify(id).orElseThrow().intact()).isTrue();
    assertThat(rotated.events(id)).extracting(AuditEvent::hmacKeyId).containsExactly("k1", "k2");
    ChainVerification withoutK1 = trail(jdbc, AuditKeys.of("k2", Map.of("k2", K2))).verify(id).orElseThrow();
    assertThat(withoutK1.intact()).isFalse();
    assertThat(withoutK1.firstBadSeq()).isEqualTo(1);
    assertThat(withoutK1.reason()).contains("'k1'", "not configured");
    ChainVerification wrongK1 = trail(jdbc, AuditKeys.of("k2", Map.of("k1", K2, "k2", K2))).verify(id).orElseThrow();
    assertThat(wrongK1.firstBadSeq()).isEqualTo(1);
    assertThat(wrongK1.reason()).contains("does not match its hash");
  }

  @Test
  void shouldReadTheRotationFromConfiguration() {
    // given
    String k1 = Base64.getEncoder().encodeToString(K1);
    String k2 = Base64.getEncoder().encodeToString(K2);
    // when
    AuditKeys keys = AuditKeys.from(new AuditProperties(k2, "k2", Map.of("k1", k1), null));
    // then
    assertThat(keys.currentId()).isEqualTo("k2");
    assertThat(keys.knows("k1")).isTrue();
    assertThat(keys.mac("k2", "x")).isEqualTo(AuditKeys.of("k2", Map.of("k2", K2)).mac("k2", "x"));
  }

  @Test
  void shouldRefuseKeysThatAreShortNotBase64OrInConflict() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
    assertThatThrownBy(() -> AuditKeys.from(new AuditProperties(shortKey, null, null, null)))
        .hasMessageContaining("compute-loan.audit.hmac-key").hasMessageContaining("32");
    assertThatThrownBy(() -> AuditKeys.from(new AuditProperties("not base64!", null, null, null)))
        .hasMessageContaining("base64");
    assertThatThrownBy(() -> AuditKeys.from(new AuditProperties(Base64.getEncoder().encodeToString(K1), "k1",
        Map.of("k1", Base64.getEncoder().encodeToString(K2)), null))).hasMessageContaining("different keys");
    assertThatThrownBy(() -> AuditKeys.from(new AuditProperties(null, "k3",
        Map.of("k1", Base64.getEncoder().encodeToString(K1)), null))).hasMessageContaining("'k3'");
  }

  @Test
  void shouldGenerateADevelopmentKeyFileOnceAndKeepUsingIt() throws IOException {
    // given: no key configured
    Path file = folder.resolve("data/audit-hmac.key");
    AuditProperties none = new AuditProperties(null, null, null, file.toString());
    // when
    AuditKeys first = AuditKeys.from(none);
    AuditKeys second = AuditKeys.from(none);
    // then
    assertThat(first.currentId()).startsWith("file-").isEqualTo(second.currentId());
    assertThat(first.mac(first.currentId(), "x")).isEqualTo(second.mac(second.currentId(), "x"));
    assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(AuditKeys.MIN_KEY_BYTES);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
  }

  // --- a database as the previous release left it -------------------------------------------------

  private DataSource previousRelease(String database) throws IOException, URISyntaxException {
    DriverManagerDataSource db;
    if (database.equals("h2")) {
      db = new DriverManagerDataSource("jdbc:h2:mem:audit-keys-" + UUID.randomUUID()
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
    } else {
      postgres = TestPostgres.newSchema("audit_keys");
      schema = postgres.name();
      db = new DriverManagerDataSource(postgres.url(), postgres.user(), postgres.password());
    }
    // the previous release's migrations in one history: the application's V1 and the engine's V100+
    Path scripts = Files.createDirectories(folder.resolve("previous-release"));
    for (String location : new String[] {"/db/migration", "/db/engine"}) {
      try (var files = Files.list(Path.of(getClass().getResource(location).toURI()))) {
        for (Path f : files.filter(f -> f.getFileName().toString().matches("V(1|1\\d\\d)__.*\\.sql")).toList()) {
          Files.copy(f, scripts.resolve(f.getFileName()));
        }
      }
    }
    flyway(db).locations("filesystem:" + scripts).load().migrate();
    return db;
  }

  private org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource db) {
    var config = Flyway.configure().dataSource(db);
    if (schema != null) {
      config.schemas(schema).createSchemas(true);
    }
    return config;
  }

  /** This release's migrations, configured as the application configures Flyway. */
  private void migrate(DataSource db, AuditKeys keys) {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yml"));
    boolean outOfOrder = Boolean.parseBoolean(yaml.getObject().getProperty("spring.flyway.out-of-order", "false"));
    // the engine's migrations moved to their own history; the application's must not miss them
    String ignored = yaml.getObject().getProperty("spring.flyway.ignore-migration-patterns", "");
    var config = flyway(db).locations("classpath:db/migration").outOfOrder(outOfOrder)
        .javaMigrations(new LegacyChainSealMigration(keys));
    if (!ignored.isBlank()) {
      config.ignoreMigrationPatterns(ignored.split("\\s*,\\s*"));
    }
    config.load().migrate();
  }

  /** An application whose chain of {@code events} events was written by the previous release. */
  private static String legacyApplication(JdbcClient jdbc, int events) {
    String id = UUID.randomUUID().toString();
    String payload = "{\"applicant\":{\"name\":\"旧数据科技\"}}";
    String requestHash = AuditHasher.sha256(payload);
    OffsetDateTime at = OffsetDateTime.of(2026, 5, 1, 8, 0, 0, 0, ZoneOffset.UTC);
    jdbc.sql("""
            INSERT INTO loan_application (id, status, product, applicant_name, applicant_code, requested_amount,
              term_months, payload, process_instance_key, submitted_by, submitted_at, updated_at, request_hash,
              audit_seq, audit_head)
            VALUES (?, 'SUBMITTED', 'PROJECT', '旧数据科技', '91310115MA1K4Y7B37', 5000000.00, 36, ?, ?, 'intake', ?, ?, ?,
              0, ?)""")
        .params(id, payload, 42L, at, at, requestHash, AuditHasher.GENESIS).update();
    String prev = AuditHasher.GENESIS;
    for (int seq = 1; seq <= events; seq++) {
      Instant when = at.toInstant().plusSeconds(seq);
      AuditEntry entry = seq == 1
          ? new AuditEntry("intake", "INTAKE_OFFICER", "SUBMITTED", null, "{\"status\":\"SUBMITTED\",\"product\":"
              + "\"PROJECT\",\"requestedAmount\":5000000.00,\"requestHash\":\"" + requestHash
              + "\",\"idempotencyKey\":null}", 42L, null, null, null, "v1")
          : AuditEntry.of("auditor", "AUDITOR", "NOTE", null, "{\"n\":" + seq + "}");
      String hash = AuditHasher.legacyHash(id, seq, when, entry, prev);
      jdbc.sql("""
              INSERT INTO audit_event (application_id, seq, occurred_at, actor, role, action, before_state,
                after_state, process_instance_key, element_id, element_instance_key, job_key, policy_version,
                prev_hash, hash)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(id, seq, OffsetDateTime.ofInstant(when, ZoneOffset.UTC), entry.actor(), entry.role(), entry.action(),
              entry.before(), entry.after(), entry.processInstanceKey(), entry.elementId(), entry.elementInstanceKey(),
              entry.jobKey(), entry.policyVersion(), prev, hash)
          .update();
      prev = hash;
    }
    jdbc.sql("UPDATE loan_application SET audit_seq = ?, audit_head = ? WHERE id = ?").params(events, prev, id).update();
    return id;
  }

  private static AuditTrail trail(JdbcClient jdbc, AuditKeys keys) {
    return new AuditTrail(jdbc, keys, new StaticListableBeanFactory().getBeanProvider(java.time.Clock.class));
  }

  private static Context context(Connection c) {
    return new Context() {
      @Override
      public Configuration getConfiguration() {
        return Flyway.configure();
      }

      @Override
      public Connection getConnection() {
        return c;
      }
    };
  }
}
