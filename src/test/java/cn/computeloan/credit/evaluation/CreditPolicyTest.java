package cn.computeloan.credit.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.PolicyParameters;
import cn.computeloan.credit.TestData;
import cn.computeloan.credit.guarantee.OfferValuation;
import cn.computeloan.credit.model.GuaranteeType;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.ReviewOutcome;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.model.WarningLevel;
import cn.computeloan.credit.review.ReviewResult;
import cn.computeloan.credit.score.ScoreResult;
import cn.computeloan.credit.warning.MonitoringSnapshot;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/policy.md, end to end. */
class CreditPolicyTest {

  private final CreditPolicy policy = new CreditPolicy(TestData.DECISIONS, TestData.CLOCK);

  @Test
  void chipStartUpOnThirdPartyGuarantee() {
    PolicyEvaluation e = policy.evaluateAll(TestData.sample(TestData.CHIP));
    assertThat(e.applicationId()).isEqualTo("SAMPLE-CHIP-2025-001");
    assertThat(e.evaluatedAt()).isEqualTo(Instant.parse("2025-06-30T08:00:00Z"));
    assertThat(e.reviewOutcome()).isEqualTo(ReviewOutcome.REFER);
    assertThat(e.score().score()).isEqualByComparingTo("83");
    assertThat(e.tier()).isEqualTo(Tier.B);
    assertThat(e.approvedAmount()).isEqualByComparingTo("10000000");
    assertThat(e.limit().bindingCaps()).containsExactly("REQUESTED");
    assertThat(e.guarantee().requirementMet()).isTrue();
    assertThat(e.guarantee().selectedOffers()).extracting(OfferValuation::type)
        .containsExactly(GuaranteeType.THIRD_PARTY_GUARANTEE, GuaranteeType.IP_PLEDGE);
    assertThat(e.pricing().finalRateBp()).isEqualTo(420);
    assertThat(e.authority().level()).isEqualTo("BRANCH_RISK_DIRECTOR");
    assertThat(e.authority().requiredApprovals()).isEqualTo(2);
  }

  @Test
  void dataCentreProjectLoan() {
    PolicyEvaluation e = policy.evaluateAll(TestData.sample(TestData.DATA_CENTRE));
    assertThat(e.reviewOutcome()).isEqualTo(ReviewOutcome.PASS);
    assertThat(e.score().score()).isEqualByComparingTo("79");
    assertThat(e.tier()).isEqualTo(Tier.A);
    assertThat(e.approvedAmount()).isEqualByComparingTo("55600000");
    assertThat(e.limit().approvedTermMonths()).isEqualTo(96);
    assertThat(e.guarantee().requiredCover()).isEqualByComparingTo("44480000");
    assertThat(e.guarantee().selectedOffers()).extracting(OfferValuation::type)
        .containsExactly(GuaranteeType.MORTGAGE, GuaranteeType.EQUIPMENT_MORTGAGE, GuaranteeType.PLEDGE);
    assertThat(e.guarantee().selectedCost()).isEqualByComparingTo("281000");
    assertThat(e.pricing().baseRateName()).isEqualTo("LPR_5Y");
    assertThat(e.finalRateBp()).isEqualTo(385);
    assertThat(e.pricing().esgDiscountBp()).isEqualTo(25);
    assertThat(e.authority().level()).isEqualTo("HEAD_OFFICE_CREDIT_COMMITTEE");
  }

  @Test
  void aigcFirmWithLargeBuyerOrder() {
    PolicyEvaluation e = policy.evaluateAll(TestData.sample(TestData.AIGC));
    assertThat(e.score().score()).isEqualByComparingTo("87");
    assertThat(e.tier()).isEqualTo(Tier.B);
    assertThat(e.approvedAmount()).isEqualByComparingTo("19200000");
    assertThat(e.limit().bindingCaps()).containsExactly("TIER_SHARE");
    assertThat(e.guarantee().selectedOffers()).extracting(OfferValuation::type)
        .containsExactly(GuaranteeType.PLEDGE);
    assertThat(e.finalRateBp()).isEqualTo(410);
    assertThat(e.authority().candidateGroups()).containsExactly("credit-approver", "risk-director");
  }

  @Test
  void everyStepCarriesInputsRulesAndVersions() {
    PolicyEvaluation e = policy.evaluateAll(TestData.sample(TestData.AIGC));
    assertThat(e.policyVersions()).hasSize(11).allMatch(v -> v.matches("\\w+:v[12]:[0-9a-f]{12}"))
        .anyMatch(v -> v.startsWith("PolicyParameters:v2:"));
    assertThat(e.review().inputs()).isNotEmpty();
    assertThat(e.score().firedRules()).hasSize(12);
    assertThat(e.limit().firedRules()).isNotEmpty();
    assertThat(e.guarantee().firedRules()).isNotEmpty();
    assertThat(e.pricing().firedRules()).hasSize(2);
    assertThat(e.authority().firedRules()).hasSize(1);
    assertThat(e.score().firedRules()).allSatisfy(f -> {
      assertThat(f.reasonZh()).isNotBlank();
      assertThat(f.reasonEn()).isNotBlank();
    });
    assertThat(e.parameters().lprOneYearBp()).isEqualTo(300);
  }

  @Test
  void stepMethodsGiveTheSameAsTheChain() {
    LoanApplication app = TestData.sample(TestData.DATA_CENTRE);
    ReviewResult r = policy.review(app);
    ScoreResult s = policy.score(app, r);
    var l = policy.limit(app, r, s);
    var g = policy.guarantee(app, s, l);
    var p = policy.price(app, s, l, g);
    var a = policy.authority(app, s, l);
    PolicyEvaluation e = policy.evaluateAll(app);
    assertThat(r).isEqualTo(e.review());
    assertThat(s).isEqualTo(e.score());
    assertThat(l).isEqualTo(e.limit());
    assertThat(g).isEqualTo(e.guarantee());
    assertThat(p).isEqualTo(e.pricing());
    assertThat(a).isEqualTo(e.authority());
  }

  @Test
  void failedApplicationIsDeclinedButStillExplained() {
    LoanApplication app = TestData.sample(TestData.CHIP, a -> {
      ObjectNode bs = TestData.statement(a, 2, "balanceSheet");
      bs.put("longTermDebt", 60_000_000).put("totalLiabilities", 69_000_000)
          .put("totalEquity", -8_000_000);
    });
    PolicyEvaluation e = policy.evaluateAll(app);
    assertThat(e.reviewOutcome()).isEqualTo(ReviewOutcome.FAIL);
    assertThat(e.tier()).isEqualTo(Tier.C);
    assertThat(e.approvedAmount()).isEqualByComparingTo("0");
    assertThat(e.guarantee().requiredCover()).isEqualByComparingTo("0");
    assertThat(e.authority().level()).isEqualTo("BRANCH_CREDIT_COMMITTEE");
    assertThat(e.authority().amount()).isEqualByComparingTo("10000000");
  }

  @Test
  void earlyWarningAgainstTheApprovedApplication() {
    LoanApplication approved = TestData.sample(TestData.AIGC);
    LoanApplication refreshed = TestData.sample(TestData.AIGC,
        a -> ((ObjectNode) a.get("computeProfile")).put("orderBacklog", 40_000_000));
    MonitoringSnapshot now = new MonitoringSnapshot(LocalDate.of(2026, 3, 31),
        refreshed.computeProfile(), refreshed.statements().get(1));
    var result = policy.earlyWarning(approved, now);
    assertThat(result.level()).isEqualTo(WarningLevel.WARNING);
    assertThat(result.signals()).extracting(s -> s.signal()).containsExactly("ORDERS_FALL");
  }
}
