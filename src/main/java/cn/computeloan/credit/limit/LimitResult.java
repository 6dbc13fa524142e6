package cn.computeloan.credit.limit;

import cn.computeloan.credit.FiredRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The credit limit: the lowest of the requested amount, the product caps and the tier's share.
 *
 * @param requestedAmount requested amount, CNY
 * @param approvedAmount proposed limit, CNY (scale 2); never above any cap
 * @param requestedTermMonths requested term
 * @param approvedTermMonths proposed term: the requested term, capped by the product
 * @param caps every cap considered, with the binding ones flagged
 * @param bindingCaps codes of the caps that bound the amount (and {@code TERM_MAX} if the term
 *     was cut)
 * @param inputs inputs used
 * @param firedRules product and tier rules that fired
 * @param policyVersions versions of {@code ProductLimits} and {@code TierLimitShare}
 */
public record LimitResult(
    BigDecimal requestedAmount,
    BigDecimal approvedAmount,
    int requestedTermMonths,
    int approvedTermMonths,
    List<LimitCap> caps,
    List<String> bindingCaps,
    Map<String, Object> inputs,
    List<FiredRule> firedRules,
    List<String> policyVersions) {}
