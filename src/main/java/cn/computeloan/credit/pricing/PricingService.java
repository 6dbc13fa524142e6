package cn.computeloan.credit.pricing;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.PolicyParameters;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.guarantee.GuaranteeResult;
import cn.computeloan.credit.limit.LimitResult;
import cn.computeloan.credit.model.EsgRating;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.score.ScoreResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pricing: LPR (a parameter) + risk premium by tier and guarantee cover - ESG discount. The ESG
 * discount follows the rating and its change and never exceeds 25 bp, whatever the table says.
 */
public final class PricingService {

  /** DMN decision id of the risk premium table. */
  public static final String PREMIUM = "RiskPremium";

  /** DMN decision id of the ESG discount table. */
  public static final String ESG = "EsgDiscount";

  /** DMN decision id of the interest subsidy table. */
  public static final String SUBSIDY = "InterestSubsidy";

  private final PolicyDecisions decisions;

  /** Creates the service on the given decisions. */
  public PricingService(PolicyDecisions decisions) {
    this.decisions = decisions;
  }

  /** Prices the loan after scoring, limit and guarantee, with the subsidy the application names. */
  public PricingResult price(PolicyParameters parameters, LoanApplication app, ScoreResult score,
      LimitResult limit, GuaranteeResult guarantee) {
    PricingResult priced = price(parameters, score.tier(), limit.approvedTermMonths(),
        guarantee.achievedCoverRatio(), app.esgRating(), app.previousEsgRating());
    String programme = app.interestSubsidyProgramme();
    if (programme == null || programme.isBlank()) {
      return priced; // no subsidy named: no table evaluated, the evaluation stays as cheap as before
    }
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("programme", programme);
    in.put("segment", app.applicant() == null ? null : String.valueOf(app.applicant().segment()));
    in.put("product", String.valueOf(app.product()));
    DecisionOutcome outcome = decisions.evaluate(SUBSIDY, in);
    InterestSubsidy subsidy = subsidy(outcome, programme, priced.finalRateBp());
    List<FiredRule> fired = new ArrayList<>(priced.firedRules());
    fired.addAll(FiredRule.from(outcome, null));
    Map<String, Object> inputs = new LinkedHashMap<>(priced.inputs());
    inputs.putAll(in);
    List<String> versions = new ArrayList<>(priced.policyVersions());
    versions.add(outcome.policyVersion());
    return new PricingResult(priced.baseRateName(), priced.baseRateBp(), priced.riskPremiumBp(),
        priced.esgDiscountBp(), priced.finalRateBp(), subsidy,
        priced.finalRateBp() - subsidy.subsidyBp(), priced.esgNotchChange(), inputs,
        List.copyOf(fired), List.copyOf(versions));
  }

  /**
   * The subsidy's terms; what it takes off the rate is its share of the contract rate or its basis
   * points, never more than the rate itself (the borrower's effective rate is never negative).
   */
  private static InterestSubsidy subsidy(DecisionOutcome outcome, String programme, int rateBp) {
    if (outcome.single() == null) {
      return new InterestSubsidy(programme, false, null, null, null, null, null, 0, null,
          "贴息表无匹配规则", "No rule of the subsidy table matched");
    }
    boolean eligible = Boolean.TRUE.equals(outcome.single().outputs().get("eligible"));
    BigDecimal share = outcome.number("shareOfInterest");
    BigDecimal bp = outcome.number("basisPoints");
    BigDecimal cap = outcome.number("capCny");
    BigDecimal months = outcome.number("periodMonths");
    int off = 0;
    if (eligible && share != null) {
      off = share.multiply(BigDecimal.valueOf(rateBp)).setScale(0, RoundingMode.HALF_UP).intValue();
    } else if (eligible && bp != null) {
      off = bp.intValue();
    }
    off = Math.max(0, Math.min(off, rateBp));
    return new InterestSubsidy(programme, eligible, outcome.text("issuer"), share,
        bp == null ? null : bp.intValue(), cap, months == null ? null : months.intValue(), off,
        outcome.single().ruleId(), outcome.text("reasonZh"), outcome.text("reasonEn"));
  }

  /** Prices a loan of a tier, term and achieved cover ratio. */
  public PricingResult price(PolicyParameters parameters, Tier tier, int termMonths,
      BigDecimal coverRatio, EsgRating esgRating, EsgRating previousEsgRating) {
    boolean longTerm = termMonths > parameters.lprFiveYearAboveTermMonths();
    int base = longTerm ? parameters.lprFiveYearBp() : parameters.lprOneYearBp();

    Map<String, Object> premiumIn = new LinkedHashMap<>();
    premiumIn.put("tier", tier.name());
    premiumIn.put("coverRatio", coverRatio);
    DecisionOutcome premium = decisions.evaluate(PREMIUM, premiumIn);
    int premiumBp = premium.number("premiumBp") == null ? 0 : premium.number("premiumBp").intValue();

    int notches = esgRating == null ? 0 : esgRating.notchesSince(previousEsgRating);
    Map<String, Object> esgIn = new LinkedHashMap<>();
    esgIn.put("esgRating", esgRating == null ? null : esgRating.name());
    esgIn.put("ratingChange", previousEsgRating == null ? null : notches);
    DecisionOutcome esg = decisions.evaluate(ESG, esgIn);
    int tableDiscount = esg.number("discountBp") == null ? 0 : esg.number("discountBp").intValue();
    List<FiredRule> fired = new ArrayList<>(FiredRule.from(premium, null));
    fired.addAll(FiredRule.from(esg, null));
    int discount = Math.max(0, Math.min(tableDiscount, parameters.maxEsgDiscountBp()));
    if (discount != tableDiscount) {
      fired.add(FiredRule.java("ESG_DISCOUNT_CAPPED", "ESG优惠以" + parameters.maxEsgDiscountBp()
          + "个基点为上限", "ESG discount capped at " + parameters.maxEsgDiscountBp() + " bp"));
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("termMonths", termMonths);
    inputs.putAll(premiumIn);
    inputs.putAll(esgIn);
    inputs.put("previousEsgRating", previousEsgRating == null ? null : previousEsgRating.name());
    int rate = base + premiumBp - discount;
    return new PricingResult(longTerm ? "LPR_5Y" : "LPR_1Y", base, premiumBp, discount,
        rate, null, rate, notches, inputs, List.copyOf(fired),
        List.of(parameters.policyVersion(), premium.policyVersion(), esg.policyVersion()));
  }
}
