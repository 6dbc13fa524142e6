package cn.computeloan.credit.review;

import static cn.computeloan.credit.Money.orZero;
import static cn.computeloan.credit.Money.sum;

import cn.computeloan.credit.PolicyParameters;
import cn.computeloan.credit.Violation;
import cn.computeloan.credit.model.BalanceSheet;
import cn.computeloan.credit.model.CashFlowStatement;
import cn.computeloan.credit.model.FiscalYearStatements;
import cn.computeloan.credit.model.IncomeStatement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates one fiscal year's three statements field by field: required lines, signs, the balance
 * identity and subtotals. A year with any violation gets no ratios, so bad data never becomes a
 * figure. Lines named {@code other*}, {@code nonOperatingIncome}, {@code incomeTax} and {@code
 * debtPrincipalRepaid} are optional and count as zero.
 */
public final class StatementValidator {

  private final BigDecimal toleranceCny;
  private final BigDecimal toleranceRatio;

  /** Uses the balance tolerances of the given parameters. */
  public StatementValidator(PolicyParameters parameters) {
    this.toleranceCny = parameters.balanceToleranceCny();
    this.toleranceRatio = parameters.balanceToleranceRatio();
  }

  /** All violations of the statements at {@code statements[index]}; empty if valid. */
  public List<Violation> validate(FiscalYearStatements year, int index) {
    return validate(year, "statements[" + index + "]");
  }

  /** All violations of the statements, reported under the given path (e.g. {@code current.statements}). */
  public List<Violation> validate(FiscalYearStatements year, String base) {
    Checks c = new Checks(base);
    if (year == null) {
      c.add("", "REQUIRED", "fiscal year statements are missing");
      return c.violations;
    }
    if (year.fiscalYear() < 1990 || year.fiscalYear() > 2100) {
      c.add(".fiscalYear", "OUT_OF_RANGE", "fiscal year " + year.fiscalYear() + " is implausible");
    }
    BigDecimal tolerance = toleranceCny;
    if (year.balanceSheet() != null && year.balanceSheet().totalAssets() != null) {
      tolerance = tolerance.max(year.balanceSheet().totalAssets().abs().multiply(toleranceRatio));
    }
    balanceSheet(c, year.balanceSheet(), tolerance);
    incomeStatement(c, year.incomeStatement(), tolerance);
    cashFlow(c, year.cashFlowStatement(), tolerance);
    return c.violations;
  }

  private static void balanceSheet(Checks c, BalanceSheet b, BigDecimal tol) {
    String p = ".balanceSheet";
    if (b == null) {
      c.add(p, "REQUIRED", "balance sheet is missing");
      return;
    }
    c.nonNegative(p + ".cash", b.cash(), true);
    c.nonNegative(p + ".accountsReceivable", b.accountsReceivable(), true);
    c.nonNegative(p + ".inventory", b.inventory(), true);
    c.nonNegative(p + ".otherCurrentAssets", b.otherCurrentAssets(), false);
    c.nonNegative(p + ".totalCurrentAssets", b.totalCurrentAssets(), true);
    c.nonNegative(p + ".fixedAssets", b.fixedAssets(), true);
    c.nonNegative(p + ".intangibleAssets", b.intangibleAssets(), true);
    c.nonNegative(p + ".otherNonCurrentAssets", b.otherNonCurrentAssets(), false);
    c.nonNegative(p + ".totalAssets", b.totalAssets(), true);
    c.nonNegative(p + ".shortTermDebt", b.shortTermDebt(), true);
    c.nonNegative(p + ".accountsPayable", b.accountsPayable(), true);
    c.nonNegative(p + ".otherCurrentLiabilities", b.otherCurrentLiabilities(), false);
    c.nonNegative(p + ".totalCurrentLiabilities", b.totalCurrentLiabilities(), true);
    c.nonNegative(p + ".longTermDebt", b.longTermDebt(), true);
    c.nonNegative(p + ".otherNonCurrentLiabilities", b.otherNonCurrentLiabilities(), false);
    c.nonNegative(p + ".totalLiabilities", b.totalLiabilities(), true);
    c.required(p + ".totalEquity", b.totalEquity());
    if (b.totalAssets() != null && b.totalAssets().signum() == 0) {
      c.add(p + ".totalAssets", "NOT_POSITIVE", "total assets must be positive");
    }
    c.identity(p + ".totalCurrentAssets", b.totalCurrentAssets(), tol, "SUBTOTAL_MISMATCH",
        b.cash(), b.accountsReceivable(), b.inventory(), orZero(b.otherCurrentAssets()));
    c.identity(p + ".totalAssets", b.totalAssets(), tol, "SUBTOTAL_MISMATCH",
        b.totalCurrentAssets(), b.fixedAssets(), b.intangibleAssets(), orZero(b.otherNonCurrentAssets()));
    c.identity(p + ".totalCurrentLiabilities", b.totalCurrentLiabilities(), tol,
        "SUBTOTAL_MISMATCH", b.shortTermDebt(), b.accountsPayable(), orZero(b.otherCurrentLiabilities()));
    c.identity(p + ".totalLiabilities", b.totalLiabilities(), tol, "SUBTOTAL_MISMATCH",
        b.totalCurrentLiabilities(), b.longTermDebt(), orZero(b.otherNonCurrentLiabilities()));
    // The balance identity is reported on totalAssets: assets = liabilities + equity.
    c.identity(p + ".totalAssets", b.totalAssets(), tol, "BALANCE_MISMATCH",
        b.totalLiabilities(), b.totalEquity());
  }

  private static void incomeStatement(Checks c, IncomeStatement s, BigDecimal tol) {
    String p = ".incomeStatement";
    if (s == null) {
      c.add(p, "REQUIRED", "income statement is missing");
      return;
    }
    c.nonNegative(p + ".revenue", s.revenue(), true);
    c.nonNegative(p + ".costOfRevenue", s.costOfRevenue(), true);
    c.required(p + ".grossProfit", s.grossProfit());
    c.nonNegative(p + ".rdExpense", s.rdExpense(), true);
    c.nonNegative(p + ".sellingAndAdminExpense", s.sellingAndAdminExpense(), true);
    c.required(p + ".operatingProfit", s.operatingProfit());
    c.nonNegative(p + ".interestExpense", s.interestExpense(), true);
    c.required(p + ".netProfit", s.netProfit());
    c.nonNegative(p + ".depreciationAndAmortisation", s.depreciationAndAmortisation(), true);
    if (s.revenue() != null && s.costOfRevenue() != null) {
      c.identity(p + ".grossProfit", s.grossProfit(), tol, "SUBTOTAL_MISMATCH",
          s.revenue(), negate(s.costOfRevenue()));
    }
    if (s.rdExpense() != null && s.sellingAndAdminExpense() != null) {
      c.identity(p + ".operatingProfit", s.operatingProfit(), tol, "SUBTOTAL_MISMATCH",
          s.grossProfit(), negate(s.rdExpense()), negate(s.sellingAndAdminExpense()),
          orZero(s.otherOperatingIncome()));
    }
    if (s.interestExpense() != null) {
      c.identity(p + ".netProfit", s.netProfit(), tol, "SUBTOTAL_MISMATCH",
          s.operatingProfit(), negate(s.interestExpense()), orZero(s.nonOperatingIncome()),
          negate(orZero(s.incomeTax())));
    }
  }

  private static void cashFlow(Checks c, CashFlowStatement s, BigDecimal tol) {
    String p = ".cashFlowStatement";
    if (s == null) {
      c.add(p, "REQUIRED", "cash-flow statement is missing");
      return;
    }
    c.required(p + ".operatingCashFlow", s.operatingCashFlow());
    c.required(p + ".investingCashFlow", s.investingCashFlow());
    c.required(p + ".financingCashFlow", s.financingCashFlow());
    c.required(p + ".netChangeInCash", s.netChangeInCash());
    c.nonNegative(p + ".capitalExpenditure", s.capitalExpenditure(), true);
    c.nonNegative(p + ".debtPrincipalRepaid", s.debtPrincipalRepaid(), false);
    c.identity(p + ".netChangeInCash", s.netChangeInCash(), tol, "SUBTOTAL_MISMATCH",
        s.operatingCashFlow(), s.investingCashFlow(), s.financingCashFlow());
  }

  private static BigDecimal negate(BigDecimal v) {
    return v == null ? null : v.negate();
  }

  /** Collects violations under one path prefix. */
  private static final class Checks {
    private final String base;
    private final List<Violation> violations = new ArrayList<>();

    Checks(String base) {
      this.base = base;
    }

    void add(String field, String code, String message) {
      violations.add(new Violation(base + field, code, message));
    }

    boolean required(String field, BigDecimal value) {
      if (value == null) {
        add(field, "REQUIRED", "value is required");
        return false;
      }
      return true;
    }

    void nonNegative(String field, BigDecimal value, boolean required) {
      if (value == null) {
        if (required) {
          add(field, "REQUIRED", "value is required");
        }
      } else if (value.signum() < 0) {
        add(field, "NEGATIVE_VALUE", "must not be negative, was " + value.toPlainString());
      }
    }

    /**
     * Reports when the reported total differs from the sum of parts by more than the tolerance.
     * Skipped when the total or a part is missing: that is already reported as REQUIRED (callers
     * pass optional lines through {@code orZero}).
     */
    void identity(String field, BigDecimal reported, BigDecimal tol, String code,
        BigDecimal... parts) {
      if (reported == null) {
        return;
      }
      for (BigDecimal part : parts) {
        if (part == null) {
          return;
        }
      }
      BigDecimal expected = sum(parts);
      if (reported.subtract(expected).abs().compareTo(tol) > 0) {
        add(field, code, "reported " + reported.toPlainString() + " but components give "
            + expected.toPlainString() + " (tolerance " + tol.stripTrailingZeros().toPlainString()
            + ")");
      }
    }
  }
}
