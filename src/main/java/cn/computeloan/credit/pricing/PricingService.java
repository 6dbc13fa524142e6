package cn.computeloan.credit.pricing;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.PolicyParameters;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.guarantee.GuaranteeResult;
import cn.computeloan.credit.limit.LimitResult;
import cn.computeloan.credit.model.EsgRating;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.score.ScoreResult;
import java.math.BigDecimal;
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

  private final PolicyDecisions decisions;

  /** Creates the service on the given decisions. */
  public PricingService(PolicyDecisions decisions) {
    this.decisions = decisions;
  }

  /** Prices the loan after scoring, limit and guarantee. */
  public PricingResult price(PolicyParameters parameters, ScoreResult score, LimitResult limit,
      GuaranteeResult guarantee, EsgRating esgRating, EsgRating previousEsgRating) {
    return price(parameters, score.tier(), limit.approvedTermMonths(),
        guarantee.achievedCoverRatio(), esgRating, previousEsgRating);
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
    return new PricingResult(longTerm ? "LPR_5Y" : "LPR_1Y", base, premiumBp, discount,
        base + premiumBp - discount, notches, inputs, List.copyOf(fired),
        List.of(parameters.policyVersion(), premium.policyVersion(), esg.policyVersion()));
  }
}
