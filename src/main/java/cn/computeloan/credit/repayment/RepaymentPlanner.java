package cn.computeloan.credit.repayment;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.MatchedRule;
import cn.computeloan.credit.decision.PolicyDecisionException;
import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.pricing.InterestSubsidy;
import cn.computeloan.credit.repayment.DebtServiceCoverage.Basis;
import cn.computeloan.credit.repayment.DebtServiceCoverage.YearCoverage;
import cn.computeloan.credit.review.ReviewResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proposes the repayment plan of an approved limit: every method the {@code RepaymentMethods} table
 * permits for the product and tier is scheduled and tested against the cash flow, and the least
 * flexible one whose every year reaches the {@code MinimumDscr} is proposed. Computed once per case,
 * after pricing, never inside the full policy evaluation.
 */
public final class RepaymentPlanner {

  /** DMN decision id of the permitted methods. */
  public static final String METHODS = "RepaymentMethods";
  /** DMN decision id of the minimum coverage. */
  public static final String MINIMUM = "MinimumDscr";

  private final PolicyDecisions decisions;
  private final RepaymentScheduler scheduler;

  public RepaymentPlanner(PolicyDecisions decisions, BusinessCalendar calendar) {
    this.decisions = decisions;
    this.scheduler = new RepaymentScheduler(calendar);
  }

  /** The scheduler on the same calendar (the agreement and the disbursement schedule with it). */
  public RepaymentScheduler scheduler() {
    return scheduler;
  }

  /**
   * The plans of a case.
   *
   * @param amount the limit, CNY
   * @param termMonths the approved term
   * @param rateBp the contract rate
   * @param subsidy the loan's interest subsidy (null: none)
   * @param valueDate the planned value date
   */
  public PlanProposal propose(LoanApplication app, ReviewResult review, Tier tier, BigDecimal amount,
      int termMonths, int rateBp, InterestSubsidy subsidy, LocalDate valueDate) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("product", String.valueOf(app.product()));
    in.put("tier", tier.name());
    DecisionOutcome methods = decisions.evaluate(METHODS, in);
    DecisionOutcome minimum = decisions.evaluate(MINIMUM, in);
    BigDecimal minimumDscr = minimum.number("minimumDscr");
    if (minimumDscr == null) {
      throw new PolicyDecisionException(MINIMUM + " has no rule for " + in);
    }
    Basis basis = DebtServiceCoverage.basis(app, review);
    List<PlanOption> options = new ArrayList<>();
    if (amount != null && amount.signum() > 0 && termMonths > 0) {
      for (MatchedRule rule : methods.matchedRules()) {
        options.add(option(rule, app, amount, termMonths, rateBp, subsidy, valueDate, basis, minimumDscr));
      }
    }
    options.sort(Comparator.comparingInt(PlanOption::flexibilityRank));
    PlanOption proposed = options.stream().filter(o -> o.available() && o.meetsMinimum()).findFirst().orElse(null);
    String[] reason = reason(proposed, options, minimumDscr, basis);
    List<FiredRule> fired = new ArrayList<>(FiredRule.from(methods, null));
    fired.addAll(FiredRule.from(minimum, null));
    Map<String, Object> inputs = new LinkedHashMap<>(in);
    inputs.put("amount", amount);
    inputs.put("termMonths", termMonths);
    inputs.put("rateBp", rateBp);
    inputs.put("valueDate", valueDate.toString());
    return new PlanProposal(valueDate, minimumDscr, basis, List.copyOf(options),
        proposed == null ? null : proposed.method(), proposed != null, reason[0], reason[1], inputs,
        List.copyOf(fired), List.of(methods.policyVersion(), minimum.policyVersion()));
  }

  private PlanOption option(MatchedRule rule, LoanApplication app, BigDecimal amount, int termMonths, int rateBp,
      InterestSubsidy subsidy, LocalDate valueDate, Basis basis, BigDecimal minimumDscr) {
    RepaymentMethod method;
    try {
      method = RepaymentMethod.valueOf(rule.text("method"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new PolicyDecisionException(METHODS + " rule " + rule.ruleId() + " names no repayment method: "
          + rule.text("method"), e);
    }
    int rank = number(rule, "flexibilityRank", 99);
    int interval = Math.max(1, number(rule, "intervalMonths", 1));
    int grace = 0;
    BigDecimal balloon = (BigDecimal) rule.outputs().get("balloonShare");
    LocalDate bullet = null;
    String[] unavailable = null;
    if (method == RepaymentMethod.INTEREST_ONLY_GRACE) {
      int max = number(rule, "maxGraceMonths", 0);
      grace = max;
      if (Boolean.TRUE.equals(rule.outputs().get("graceUntilOperation"))) {
        LocalDate operates = app.projectOperationDate();
        grace = operates == null || !operates.isAfter(valueDate) ? 0
            : (int) Math.min(max, monthsUntil(valueDate, operates));
        if (grace == 0) {
          unavailable = new String[] {"未填报设施投产日期（或已投产），无宽限期可给",
              "No operation date of the facility after the value date: no grace to give"};
        }
      }
      grace = Math.min(grace, termMonths - interval);
      if (unavailable == null && grace <= 0) {
        unavailable = new String[] {"期限太短，无宽限期可给", "The term is too short for a grace period"};
      }
    }
    if (method == RepaymentMethod.BALLOON && rule.outputs().get("bulletDaysAfterPayment") instanceof BigDecimal days) {
      LocalDate paid = app.orderContract() == null ? null : app.orderContract().paymentDate();
      if (paid == null) {
        unavailable = new String[] {"订单未填报付款日，无法确定到期一次还本日",
            "The order has no payment date: the bullet's date is unknown"};
      } else {
        bullet = paid.plusDays(days.longValue());
        if (!bullet.isAfter(valueDate)) {
          unavailable = new String[] {"订单付款日已过", "The order's payment date has passed"};
        } else if (bullet.isAfter(valueDate.plusMonths(termMonths))) {
          unavailable = new String[] {"订单回款晚于贷款期限", "The order pays after the loan's term"};
        }
      }
    }
    if (method == RepaymentMethod.BALLOON && balloon == null) {
      throw new PolicyDecisionException(METHODS + " rule " + rule.ruleId() + ": a balloon needs a balloonShare");
    }
    if (unavailable != null) {
      return new PlanOption(method, rank, rule.ruleId(), rule.text("reasonZh"), rule.text("reasonEn"), false,
          unavailable[0], unavailable[1], null, 0, null, null, null, null, null, null, List.of(), null, false);
    }
    PlanTerms terms = new PlanTerms(method, amount, rateBp, valueDate, termMonths, interval, grace,
        method == RepaymentMethod.BALLOON ? balloon : null, bullet, subsidy);
    RepaymentSchedule schedule = scheduler.schedule(terms);
    List<YearCoverage> yearly = basis.known() ? DebtServiceCoverage.coverage(schedule, basis) : List.of();
    BigDecimal lowest = DebtServiceCoverage.lowest(yearly);
    RepaymentPeriod first = schedule.periods().get(0);
    return new PlanOption(method, rank, rule.ruleId(), rule.text("reasonZh"), rule.text("reasonEn"), true, null,
        null, terms, schedule.periods().size(), first.dueDate(), schedule.maturity(), first.payment(),
        schedule.largestPayment(), schedule.totalInterest(), schedule.totalSubsidy(), yearly, lowest,
        lowest != null && lowest.compareTo(minimumDscr) >= 0);
  }

  /** Whole months from {@code from} until {@code to}, rounded up (a grace ends on or after the date). */
  static long monthsUntil(LocalDate from, LocalDate to) {
    long months = ChronoUnit.MONTHS.between(from, to);
    return from.plusMonths(months).isBefore(to) ? months + 1 : months;
  }

  private static int number(MatchedRule rule, String output, int fallback) {
    return rule.outputs().get(output) instanceof BigDecimal n ? n.intValue() : fallback;
  }

  private static String[] reason(PlanOption proposed, List<PlanOption> options, BigDecimal minimum, Basis basis) {
    String min = minimum.stripTrailingZeros().toPlainString();
    if (proposed != null) {
      String low = proposed.lowestDscr().toPlainString();
      return new String[] {
          "最不灵活的达标方案：" + proposed.method() + "，各年偿债覆盖率最低 " + low + "，不低于 " + min,
          "The least flexible plan that fits: " + proposed.method() + ", lowest yearly DSCR " + low
              + ", at least the minimum " + min};
    }
    if (options.stream().noneMatch(PlanOption::available)) {
      return new String[] {"本产品与等级没有可用的还款方式，请经办人员确定",
          "No repayment method is available for this product and tier: the analyst must decide"};
    }
    if (!basis.known()) {
      return new String[] {"没有通过校验的报表，无法测算偿债覆盖率，请经办人员选择还款方案",
          "No statements passed validation, so coverage cannot be computed: the analyst must choose a plan"};
    }
    PlanOption best = options.stream().filter(o -> o.available() && o.lowestDscr() != null)
        .max(Comparator.comparing(PlanOption::lowestDscr)).orElse(null);
    String bestText = best == null ? "" : best.method() + " " + best.lowestDscr().toPlainString();
    return new String[] {
        "没有方案在每一年达到最低偿债覆盖率 " + min + "（最好的是 " + bestText + "），请经办人员选择方案并说明理由",
        "No permitted plan reaches the minimum DSCR " + min + " in every year (best: " + bestText
            + "): the analyst must choose a plan and give the reason"};
  }
}
