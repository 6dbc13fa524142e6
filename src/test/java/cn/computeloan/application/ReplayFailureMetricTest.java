package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient.Response;
import org.junit.jupiter.api.Test;

/**
 * The count of journal entries that failed on replay is an actuator metric, for admins only
 * (JournalReplayFailureTest shows it counting).
 */
class ReplayFailureMetricTest extends ApplicationIntegrationTest {

  private static final String METRIC = "/actuator/metrics/compute_loan.engine.journal.replay.failures";

  @Test
  void shouldShowTheReplayFailureCountToAdmins() {
    // when
    Response r = api.send("admin", "GET", METRIC, null);
    // then: this application's engine started from an empty journal
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().at("/measurements/0/statistic").asText()).isEqualTo("COUNT");
    assertThat(r.json().at("/measurements/0/value").asDouble()).isZero();
  }

  @Test
  void shouldShowMetricsToNobodyElse() {
    assertThat(api.send(null, "GET", METRIC, null).status()).isEqualTo(401);
    assertThat(api.send(ANALYST, "GET", METRIC, null).status()).isEqualTo(403);
    assertThat(api.send(ENGINE, "GET", "/actuator/metrics", null).status()).isEqualTo(403);
  }
}
