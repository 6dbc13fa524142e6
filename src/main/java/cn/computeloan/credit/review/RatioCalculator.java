package cn.computeloan.credit.review;

import static cn.computeloan.credit.Money.change;
import static cn.computeloan.credit.Money.cny;
import static cn.computeloan.credit.Money.orZero;
import static cn.computeloan.credit.Money.ratio;

import cn.computeloan.credit.model.BalanceSheet;
import cn.computeloan.credit.model.CashFlowStatement;
import cn.computeloan.credit.model.FiscalYearStatements;
import cn.computeloan.credit.model.IncomeStatement;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Computes {@link YearRatios}. Callers pass validated statements only. */
public final class RatioCalculator {

  private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

  private RatioCalculator() {}

  /**
   * Ratios of {@code year}; growth ratios use {@code previous} only if it is the preceding fiscal
   * year (else null).
   */
  public static YearRatios compute(FiscalYearStatements year, FiscalYearStatements previous) {
    BalanceSheet b = year.balanceSheet();
    IncomeStatement i = year.incomeStatement();
    CashFlowStatement c = year.cashFlowStatement();
    BigDecimal ebitda = i.operatingProfit().add(i.depreciationAndAmortisation());
    BigDecimal debt = b.shortTermDebt().add(b.longTermDebt());
    BigDecimal debtService = i.interestExpense().add(orZero(c.debtPrincipalRepaid()));
    boolean consecutive = previous != null && previous.fiscalYear() == year.fiscalYear() - 1;
    BigDecimal revenue = i.revenue();
    return new YearRatios(
        year.fiscalYear(),
        ratio(b.totalLiabilities(), b.totalAssets()),
        ratio(b.totalCurrentAssets(), b.totalCurrentLiabilities()),
        ratio(b.totalCurrentAssets().subtract(b.inventory()), b.totalCurrentLiabilities()),
        ratio(i.operatingProfit(), i.interestExpense()),
        cny(ebitda),
        cny(debt),
        ebitda.signum() > 0 ? ratio(debt, ebitda) : null,
        ratio(ebitda, debtService),
        ratio(i.netProfit(), revenue),
        ratio(i.grossProfit(), revenue),
        consecutive ? change(revenue, previous.incomeStatement().revenue()) : null,
        consecutive
            ? change(b.accountsReceivable(), previous.balanceSheet().accountsReceivable())
            : null,
        ratio(i.rdExpense(), revenue),
        ratio(c.operatingCashFlow(), b.totalCurrentLiabilities()),
        runwayMonths(b, i, c));
  }

  // Runway matters for loss-making firms (most applicants are seed to Series A): months of cash
  // left at the year's burn rate, where burn = -(operating cash flow - capital expenditure).
  private static BigDecimal runwayMonths(BalanceSheet b, IncomeStatement i, CashFlowStatement c) {
    if (i.netProfit().signum() >= 0) {
      return null;
    }
    BigDecimal burn = c.capitalExpenditure().subtract(c.operatingCashFlow());
    if (burn.signum() <= 0) {
      return null;
    }
    return b.cash().multiply(TWELVE).divide(burn, 1, RoundingMode.HALF_UP);
  }
}
