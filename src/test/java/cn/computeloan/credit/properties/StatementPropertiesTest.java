package cn.computeloan.credit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.Violation;
import cn.computeloan.credit.model.BalanceSheet;
import cn.computeloan.credit.model.CashFlowStatement;
import cn.computeloan.credit.model.FiscalYearStatements;
import cn.computeloan.credit.model.IncomeStatement;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.review.ReviewResult;
import cn.computeloan.credit.review.StatementValidator;
import cn.computeloan.credit.review.ThreeStatementReview;
import cn.computeloan.credit.review.YearRatios;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Consistent statements validate; a corrupted year never produces a ratio. */
class StatementPropertiesTest {

  private final StatementValidator validator = new StatementValidator(TestData.PARAMETERS);
  private final ThreeStatementReview review = new ThreeStatementReview(TestData.DECISIONS);

  private static Arbitrary<BigDecimal> money(long max) {
    return Arbitraries.longs().between(0, max).map(v -> BigDecimal.valueOf(v * 1000));
  }

  /** Statements built from components so that every identity holds. */
  @Provide
  Arbitrary<FiscalYearStatements> consistent() {
    Arbitrary<BalanceSheet> sheets = Combinators.combine(
        List.of(money(50_000), money(50_000), money(20_000), money(5_000), money(200_000),
            money(20_000), money(1), money(30_000), money(30_000), money(10_000),
            money(80_000), money(10_000))).as(v -> {
              BigDecimal tca = v.get(0).add(v.get(1)).add(v.get(2)).add(v.get(3));
              // otherNonCurrentAssets is fixed at 1,000 so total assets are always positive.
              BigDecimal ta = tca.add(v.get(4)).add(v.get(5)).add(BigDecimal.valueOf(1000));
              BigDecimal tcl = v.get(7).add(v.get(8)).add(v.get(9));
              BigDecimal tl = tcl.add(v.get(10)).add(v.get(11));
              return new BalanceSheet(v.get(0), v.get(1), v.get(2), v.get(3), tca, v.get(4),
                  v.get(5), BigDecimal.valueOf(1000), ta, v.get(7), v.get(8), v.get(9), tcl,
                  v.get(10), v.get(11), tl, ta.subtract(tl));
            });
    Arbitrary<IncomeStatement> incomes = Combinators.combine(
        List.of(money(100_000), money(80_000), money(40_000), money(20_000), money(5_000),
            money(3_000), money(10_000))).as(v -> {
              BigDecimal gp = v.get(0).subtract(v.get(1));
              BigDecimal op = gp.subtract(v.get(2)).subtract(v.get(3));
              BigDecimal np = op.subtract(v.get(4)).subtract(v.get(5));
              return new IncomeStatement(v.get(0), v.get(1), gp, v.get(2), v.get(3), null, op,
                  v.get(4), null, v.get(5), np, v.get(6));
            });
    Arbitrary<CashFlowStatement> flows = Combinators.combine(
        Arbitraries.longs().between(-50_000, 50_000), Arbitraries.longs().between(-50_000, 0),
        Arbitraries.longs().between(-50_000, 50_000), money(30_000), money(10_000))
        .as((o, i, f, capex, repaid) -> new CashFlowStatement(BigDecimal.valueOf(o * 1000),
            BigDecimal.valueOf(i * 1000), BigDecimal.valueOf(f * 1000),
            BigDecimal.valueOf((o + i + f) * 1000), capex, repaid));
    return Combinators.combine(Arbitraries.integers().between(2015, 2024), sheets, incomes, flows)
        .as(FiscalYearStatements::new);
  }

  @Property(tries = 300)
  void consistentStatementsValidate(@ForAll("consistent") FiscalYearStatements year) {
    assertThat(validator.validate(year, 0)).isEmpty();
  }

  @Property(tries = 300)
  void badStatementsNeverProduceARatio(@ForAll("consistent") FiscalYearStatements good,
      @ForAll("consistent") FiscalYearStatements other,
      @ForAll @IntRange(min = 0, max = 9) int corruption,
      @ForAll @IntRange(min = 2, max = 500) int offsetThousands) {
    FiscalYearStatements bad = corrupt(good, corruption, BigDecimal.valueOf(offsetThousands * 1000L));
    List<Violation> violations = validator.validate(bad, 0);
    assertThat(violations).isNotEmpty();

    FiscalYearStatements valid = new FiscalYearStatements(bad.fiscalYear() == 2024 ? 2023 : 2024,
        other.balanceSheet(), other.incomeStatement(), other.cashFlowStatement());
    LoanApplication base = TestData.sample(TestData.CHIP);
    List<FiscalYearStatements> years = new ArrayList<>(List.of(bad, valid));
    LoanApplication app = new LoanApplication(null, base.applicant(), base.product(),
        base.requestedAmount(), base.termMonths(), null, null, years, base.computeProfile(),
        base.guaranteeOffers(), null, null);
    ReviewResult r = review.review(app, TestData.PARAMETERS, TestData.TODAY);
    assertThat(r.ratios()).extracting(YearRatios::fiscalYear)
        .containsExactly(valid.fiscalYear());
    assertThat(r.violations()).isNotEmpty().allMatch(v -> v.field().startsWith("statements[0]"));
    assertThat(r.outcome().ordinal()).isGreaterThanOrEqualTo(1); // at least REFER
  }

  /** Breaks one line by more than the tolerance, or its sign, or removes it. */
  private static FiscalYearStatements corrupt(FiscalYearStatements y, int kind, BigDecimal by) {
    BalanceSheet b = y.balanceSheet();
    IncomeStatement i = y.incomeStatement();
    CashFlowStatement c = y.cashFlowStatement();
    // Offsets of at least 2,000 CNY beat the tolerance only if total assets are small enough,
    // so scale the offset with the sheet.
    BigDecimal big = by.add(b.totalAssets().multiply(new BigDecimal("0.01")));
    return switch (kind) {
      case 0 -> new FiscalYearStatements(y.fiscalYear(), withEquity(b, b.totalEquity().add(big)), i, c);
      case 1 -> new FiscalYearStatements(y.fiscalYear(), withEquity(b, null), i, c);
      case 2 -> new FiscalYearStatements(y.fiscalYear(), b, new IncomeStatement(i.revenue(),
          i.costOfRevenue(), i.grossProfit().add(big), i.rdExpense(), i.sellingAndAdminExpense(),
          i.otherOperatingIncome(), i.operatingProfit(), i.interestExpense(),
          i.nonOperatingIncome(), i.incomeTax(), i.netProfit(), i.depreciationAndAmortisation()), c);
      case 3 -> new FiscalYearStatements(y.fiscalYear(), b, new IncomeStatement(i.revenue(),
          i.costOfRevenue(), i.grossProfit(), i.rdExpense().negate().subtract(BigDecimal.ONE),
          i.sellingAndAdminExpense(), i.otherOperatingIncome(), i.operatingProfit(),
          i.interestExpense(), i.nonOperatingIncome(), i.incomeTax(), i.netProfit(),
          i.depreciationAndAmortisation()), c);
      case 4 -> new FiscalYearStatements(y.fiscalYear(), b, i, new CashFlowStatement(
          c.operatingCashFlow(), c.investingCashFlow(), c.financingCashFlow(),
          c.netChangeInCash().add(big), c.capitalExpenditure(), c.debtPrincipalRepaid()));
      case 5 -> new FiscalYearStatements(y.fiscalYear(), null, i, c);
      case 6 -> new FiscalYearStatements(y.fiscalYear(), b, null, c);
      case 7 -> new FiscalYearStatements(y.fiscalYear(), b, i, null);
      case 8 -> new FiscalYearStatements(y.fiscalYear(), new BalanceSheet(b.cash().add(big),
          b.accountsReceivable(), b.inventory(), b.otherCurrentAssets(), b.totalCurrentAssets(),
          b.fixedAssets(), b.intangibleAssets(), b.otherNonCurrentAssets(), b.totalAssets(),
          b.shortTermDebt(), b.accountsPayable(), b.otherCurrentLiabilities(),
          b.totalCurrentLiabilities(), b.longTermDebt(), b.otherNonCurrentLiabilities(),
          b.totalLiabilities(), b.totalEquity()), i, c);
      default -> new FiscalYearStatements(y.fiscalYear(), b, new IncomeStatement(null,
          i.costOfRevenue(), i.grossProfit(), i.rdExpense(), i.sellingAndAdminExpense(),
          i.otherOperatingIncome(), i.operatingProfit(), i.interestExpense(),
          i.nonOperatingIncome(), i.incomeTax(), i.netProfit(), i.depreciationAndAmortisation()), c);
    };
  }

  private static BalanceSheet withEquity(BalanceSheet b, BigDecimal equity) {
    return new BalanceSheet(b.cash(), b.accountsReceivable(), b.inventory(),
        b.otherCurrentAssets(), b.totalCurrentAssets(), b.fixedAssets(), b.intangibleAssets(),
        b.otherNonCurrentAssets(), b.totalAssets(), b.shortTermDebt(), b.accountsPayable(),
        b.otherCurrentLiabilities(), b.totalCurrentLiabilities(), b.longTermDebt(),
        b.otherNonCurrentLiabilities(), b.totalLiabilities(), equity);
  }
}
