package cn.computeloan.credit.limit;

import static cn.computeloan.credit.Money.cny;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.Product;
import cn.computeloan.credit.model.ReviewOutcome;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.review.ReviewResult;
import cn.computeloan.credit.score.ScoreResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Credit limit (授信额度): min(requested, product caps, tier share x product ceiling). The product
 * ceiling is the lowest product cap (fixed amount, share of project investment or of the order
 * contract); caps and shares come from the {@code ProductLimits} and {@code TierLimitShare} tables.
 */
public final class CreditLimitCalculator {

  /** DMN decision id of the product caps. */
  public static final String PRODUCT_LIMITS = "ProductLimits";

  /** DMN decision id of the tier shares. */
  public static final String TIER_SHARE = "TierLimitShare";

  private final PolicyDecisions decisions;

  /** Creates the calculator on the given decisions. */
  public CreditLimitCalculator(PolicyDecisions decisions) {
    this.decisions = decisions;
  }

  /** The proposed limit and term for an application after review and scoring. */
  public LimitResult limit(LoanApplication app, ReviewResult review, ScoreResult score) {
    return limit(app, review.outcome(), score.tier());
  }

  /** The proposed limit and term for a review outcome and tier. */
  public LimitResult limit(LoanApplication app, ReviewOutcome reviewOutcome, Tier tier) {
    Product product = app.product();
    Map<String, Object> productIn = new LinkedHashMap<>();
    productIn.put("product", String.valueOf(product));
    // Large-buyer orders (大厂订单) earn the published 80%; the flag only matters for order financing.
    productIn.put("buyerLargeEnterprise", product == Product.ORDER_FINANCING
        ? app.orderContract() != null && app.orderContract().buyerLargeEnterprise() : null);
    DecisionOutcome productRule = decisions.evaluate(PRODUCT_LIMITS, productIn);
    DecisionOutcome tierRule = decisions.evaluate(TIER_SHARE, Map.of("tier", tier.name()));
    List<FiredRule> fired = new ArrayList<>(FiredRule.from(productRule, null));
    fired.addAll(FiredRule.from(tierRule, null));

    List<PendingCap> caps = new ArrayList<>();
    BigDecimal requested = app.requestedAmount() == null || app.requestedAmount().signum() < 0
        ? BigDecimal.ZERO : app.requestedAmount();
    caps.add(new PendingCap("REQUESTED", cny(requested), "申请金额", "Requested amount"));
    if (productRule.single() == null) {
      caps.add(new PendingCap("MISSING_BASIS", cny(BigDecimal.ZERO), "产品未定义额度规则",
          "No limit rule for this product"));
    }
    BigDecimal maxAmount = productRule.number("maxAmount");
    if (maxAmount != null) {
      caps.add(new PendingCap("PRODUCT_MAX", cny(maxAmount),
          productRule.text("reasonZh"), productRule.text("reasonEn")));
    }
    BigDecimal projectShare = productRule.number("maxShareOfProjectInvestment");
    if (projectShare != null) {
      caps.add(shareCap("PROJECT_INVESTMENT_SHARE", projectShare, app.projectTotalInvestment(),
          productRule));
    }
    BigDecimal contractShare = productRule.number("maxShareOfContract");
    if (contractShare != null) {
      BigDecimal contract = app.orderContract() == null ? null : app.orderContract().amount();
      caps.add(shareCap("CONTRACT_SHARE", contractShare, contract, productRule));
    }
    // Product ceiling: the lowest product cap; the tier may use only its share of it.
    BigDecimal ceiling = null;
    for (PendingCap cap : caps.subList(1, caps.size())) {
      ceiling = ceiling == null ? cap.amount() : ceiling.min(cap.amount());
    }
    BigDecimal share = tierRule.number("share");
    if (ceiling != null && share != null) {
      caps.add(new PendingCap("TIER_SHARE", cny(ceiling.multiply(share).max(BigDecimal.ZERO)),
          tierRule.text("reasonZh"), tierRule.text("reasonEn")));
    }
    if (reviewOutcome == ReviewOutcome.FAIL) {
      caps.add(new PendingCap("REVIEW_FAILED", cny(BigDecimal.ZERO), "传统审查未通过，不予授信",
          "Traditional review failed: no limit"));
    }
    BigDecimal approved = caps.stream().map(PendingCap::amount).reduce(BigDecimal::min)
        .orElseThrow();
    List<LimitCap> result = new ArrayList<>();
    List<String> binding = new ArrayList<>();
    for (PendingCap cap : caps) {
      boolean binds = cap.amount().compareTo(approved) == 0;
      result.add(new LimitCap(cap.code(), cap.amount(), binds, cap.reasonZh(), cap.reasonEn()));
      if (binds) {
        binding.add(cap.code());
      }
    }
    int term = Math.max(app.termMonths(), 0);
    BigDecimal maxTerm = productRule.number("maxTermMonths");
    if (maxTerm != null && term > maxTerm.intValue()) {
      term = maxTerm.intValue();
      binding.add("TERM_MAX");
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("product", String.valueOf(product));
    inputs.put("tier", tier.name());
    inputs.put("reviewOutcome", reviewOutcome.name());
    inputs.put("requestedAmount", app.requestedAmount());
    inputs.put("termMonths", app.termMonths());
    inputs.put("projectTotalInvestment", app.projectTotalInvestment());
    inputs.put("orderContractAmount",
        app.orderContract() == null ? null : app.orderContract().amount());
    inputs.put("buyerLargeEnterprise", productIn.get("buyerLargeEnterprise"));
    return new LimitResult(cny(requested), approved, app.termMonths(), term, List.copyOf(result),
        List.copyOf(binding), inputs, List.copyOf(fired),
        List.of(productRule.policyVersion(), tierRule.policyVersion()));
  }

  // A share cap whose basis is missing is zero: no basis, no loan (the validator reports why).
  private static PendingCap shareCap(String code, BigDecimal share, BigDecimal basis,
      DecisionOutcome rule) {
    if (basis == null || basis.signum() <= 0) {
      return new PendingCap("MISSING_BASIS", cny(BigDecimal.ZERO),
          "缺少计算上限所需的金额（项目总投资或订单金额）",
          "Missing the amount the cap is based on (project investment or contract amount)");
    }
    return new PendingCap(code, cny(basis.multiply(share)), rule.text("reasonZh"),
        rule.text("reasonEn"));
  }

  private record PendingCap(String code, BigDecimal amount, String reasonZh, String reasonEn) {}
}
