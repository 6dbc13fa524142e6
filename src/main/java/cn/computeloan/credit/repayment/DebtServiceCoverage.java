package cn.computeloan.credit.repayment;

import cn.computeloan.credit.model.FiscalYearStatements;
import cn.computeloan.credit.model.IncomeStatement;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.ProjectCashFlow;
import cn.computeloan.credit.review.ReviewResult;
import cn.computeloan.credit.review.YearRatios;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each calendar year's debt service coverage under a plan: cash available for debt service over
 * what must be paid. Cash available is the latest valid year's operating cash flow (the three
 * statements; before interest, as Chinese GAAP reports interest paid under financing), plus for
 * project loans the project's projected cash flow of that year, both for the part of the year the
 * loan runs, plus an order's receipt in the year the buyer pays. What must be paid is the existing
 * debt service (that year's interest expense and principal repaid, for the same part of the year)
 * plus the plan's payments due in the year.
 */
public final class DebtServiceCoverage {

  private DebtServiceCoverage() {}

  /**
   * What the coverage is computed from.
   *
   * @param fiscalYear the statements' year (null: no valid year)
   * @param operatingCashFlow that year's operating cash flow, CNY
   * @param existingDebtService that year's interest expense plus principal repaid, CNY
   * @param projectCashFlows projected project cash flow by calendar year (PROJECT)
   * @param orderReceiptDate when the order's buyer pays (ORDER_FINANCING)
   * @param orderReceipt the contract amount received then, CNY
   */
  public record Basis(Integer fiscalYear, BigDecimal operatingCashFlow, BigDecimal existingDebtService,
      Map<Integer, BigDecimal> projectCashFlows, LocalDate orderReceiptDate, BigDecimal orderReceipt) {

    public Basis {
      projectCashFlows = projectCashFlows == null ? Map.of() : Map.copyOf(projectCashFlows);
    }

    /** Whether there are statements to cover debt service from. */
    public boolean known() {
      return fiscalYear != null && operatingCashFlow != null;
    }
  }

  /**
   * One year's coverage.
   *
   * @param year calendar year
   * @param shareOfYear part of the year the loan runs (days / days of the year)
   * @param cashAvailable cash available for debt service in the year, CNY
   * @param debtService what must be paid in the year, CNY
   * @param dscr {@code cashAvailable / debtService} at scale 4, null if nothing is due
   */
  public record YearCoverage(int year, BigDecimal shareOfYear, BigDecimal cashAvailable, BigDecimal debtService,
      BigDecimal dscr) {}

  /** The basis of an application after its review (the latest year that passed validation). */
  public static Basis basis(LoanApplication app, ReviewResult review) {
    YearRatios latest = review == null ? null : review.latestRatios();
    FiscalYearStatements year = latest == null ? null : app.statements().stream()
        .filter(s -> s != null && s.fiscalYear() == latest.fiscalYear()).findFirst().orElse(null);
    Map<Integer, BigDecimal> project = new TreeMap<>();
    for (ProjectCashFlow p : app.projectCashFlows()) {
      if (p != null && p.operatingCashFlow() != null) {
        project.merge(p.year(), p.operatingCashFlow(), BigDecimal::add);
      }
    }
    LocalDate receiptDate = app.orderContract() == null ? null : app.orderContract().paymentDate();
    BigDecimal receipt = receiptDate == null ? null : app.orderContract().amount();
    if (year == null || year.cashFlowStatement() == null || year.incomeStatement() == null) {
      return new Basis(null, null, null, project, receiptDate, receipt);
    }
    IncomeStatement i = year.incomeStatement();
    BigDecimal repaid = year.cashFlowStatement().debtPrincipalRepaid();
    BigDecimal existing = orZero(i.interestExpense()).add(orZero(repaid));
    return new Basis(year.fiscalYear(), year.cashFlowStatement().operatingCashFlow(), existing, project,
        receiptDate, receipt);
  }

  /** The coverage of every calendar year the schedule runs in. */
  public static List<YearCoverage> coverage(RepaymentSchedule schedule, Basis basis) {
    LocalDate start = schedule.terms().startDate();
    LocalDate end = schedule.maturity();
    List<YearCoverage> years = new ArrayList<>();
    for (int y = start.getYear(); y <= end.getYear(); y++) {
      LocalDate from = max(start, LocalDate.of(y, 1, 1));
      LocalDate to = min(end, LocalDate.of(y + 1, 1, 1));
      BigDecimal yearDays = BigDecimal.valueOf(LocalDate.of(y, 1, 1).lengthOfYear());
      BigDecimal days = BigDecimal.valueOf(Math.max(0, ChronoUnit.DAYS.between(from, to)));
      // the year's flows for the days the loan runs, divided last so that nothing is lost to rounding
      BigDecimal flows = orZero(basis.operatingCashFlow()).add(orZero(basis.projectCashFlows().get(y)));
      BigDecimal cash = flows.multiply(days).divide(yearDays, 2, RoundingMode.HALF_UP);
      if (basis.orderReceiptDate() != null && basis.orderReceiptDate().getYear() == y) {
        cash = cash.add(orZero(basis.orderReceipt()));
      }
      BigDecimal due = orZero(basis.existingDebtService()).multiply(days).divide(yearDays, 2, RoundingMode.HALF_UP);
      for (RepaymentPeriod p : schedule.periods()) {
        if (p.dueDate().getYear() == y) {
          due = due.add(p.payment());
        }
      }
      BigDecimal dscr = due.signum() > 0 ? cash.divide(due, 4, RoundingMode.HALF_UP) : null;
      years.add(new YearCoverage(y, days.divide(yearDays, 4, RoundingMode.HALF_UP), cash, due, dscr));
    }
    return years;
  }

  /** The lowest coverage of any year with debt service, or null if none has any. */
  public static BigDecimal lowest(List<YearCoverage> years) {
    return years.stream().map(YearCoverage::dscr).filter(java.util.Objects::nonNull)
        .min(BigDecimal::compareTo).orElse(null);
  }

  private static BigDecimal orZero(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
