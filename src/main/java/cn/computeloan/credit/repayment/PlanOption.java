package cn.computeloan.credit.repayment;

import cn.computeloan.credit.repayment.DebtServiceCoverage.YearCoverage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One permitted repayment plan of a case, computed and tested against the cash flow.
 *
 * @param method repayment method
 * @param flexibilityRank 1 = least flexible (the table's order of preference)
 * @param ruleId the {@code RepaymentMethods} rule that permits it
 * @param reasonZh the rule's reason in Chinese
 * @param reasonEn the rule's reason in English
 * @param available whether the case can have it (e.g. a bullet needs the order's payment date)
 * @param unavailableZh why not, in Chinese (null when available)
 * @param unavailableEn why not, in English
 * @param terms the terms the schedule was computed from (null when unavailable)
 * @param periods number of payments
 * @param firstDueDate the first payment's date
 * @param maturity the last payment's date
 * @param firstPayment the first payment, CNY
 * @param largestPayment the largest payment, CNY
 * @param totalInterest interest over the loan, CNY
 * @param totalSubsidy subsidy over the loan, CNY
 * @param yearly each calendar year's coverage
 * @param lowestDscr the lowest yearly coverage (null: no cash-flow basis)
 * @param meetsMinimum whether every year reaches the minimum DSCR
 */
public record PlanOption(
    RepaymentMethod method,
    int flexibilityRank,
    String ruleId,
    String reasonZh,
    String reasonEn,
    boolean available,
    String unavailableZh,
    String unavailableEn,
    PlanTerms terms,
    int periods,
    LocalDate firstDueDate,
    LocalDate maturity,
    BigDecimal firstPayment,
    BigDecimal largestPayment,
    BigDecimal totalInterest,
    BigDecimal totalSubsidy,
    List<YearCoverage> yearly,
    BigDecimal lowestDscr,
    boolean meetsMinimum) {}
