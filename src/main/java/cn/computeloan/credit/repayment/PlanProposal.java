package cn.computeloan.credit.repayment;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.repayment.DebtServiceCoverage.Basis;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repayment plans a case may have and the one proposed: the least flexible permitted plan
 * whose every year reaches the minimum debt service coverage, or none, with the reason.
 *
 * @param valueDate the value date the plans were computed from (the planned disbursement)
 * @param minimumDscr the minimum coverage every year must reach ({@code MinimumDscr})
 * @param basis the cash flow the coverage is computed from
 * @param options every permitted plan, least flexible first
 * @param proposedMethod the proposal, or null when no plan fits
 * @param fits whether a plan fits the cash flow
 * @param reasonZh why this plan (or why none), in Chinese
 * @param reasonEn the same in English
 * @param inputs the inputs of the tables
 * @param firedRules the rules that fired
 * @param policyVersions {@code RepaymentMethods} and {@code MinimumDscr}
 */
public record PlanProposal(
    LocalDate valueDate,
    BigDecimal minimumDscr,
    Basis basis,
    List<PlanOption> options,
    RepaymentMethod proposedMethod,
    boolean fits,
    String reasonZh,
    String reasonEn,
    Map<String, Object> inputs,
    List<FiredRule> firedRules,
    List<String> policyVersions) {

  /** The available option of a method. */
  public Optional<PlanOption> option(RepaymentMethod method) {
    return options.stream().filter(o -> o.method() == method && o.available()).findFirst();
  }
}
