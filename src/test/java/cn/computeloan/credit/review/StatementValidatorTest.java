package cn.computeloan.credit.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.Violation;
import cn.computeloan.credit.model.FiscalYearStatements;
import cn.computeloan.credit.model.LoanApplication;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StatementValidatorTest {

  private final StatementValidator validator = new StatementValidator(TestData.PARAMETERS);

  private List<Violation> validate(Consumer<ObjectNode> change) {
    LoanApplication app = TestData.sample(TestData.CHIP, change);
    FiscalYearStatements year = app.statements().get(1);
    return validator.validate(year, 1);
  }

  private static List<String> codes(List<Violation> violations) {
    return violations.stream().map(v -> v.field() + ":" + v.code()).toList();
  }

  @Test
  void samplesAreValid() {
    for (String s : List.of(TestData.CHIP, TestData.DATA_CENTRE, TestData.AIGC)) {
      LoanApplication app = TestData.sample(s);
      for (int i = 0; i < app.statements().size(); i++) {
        assertThat(validator.validate(app.statements().get(i), i)).as(s + " year " + i).isEmpty();
      }
    }
  }

  @Test
  void unbalancedBalanceSheetIsReportedOnTotalAssets() {
    List<Violation> v = validate(app -> TestData.statement(app, 1, "balanceSheet")
        .put("totalEquity", 50_000_000));
    assertThat(codes(v)).containsExactly("statements[1].balanceSheet.totalAssets:BALANCE_MISMATCH");
    assertThat(v.get(0).message()).contains("60000000").contains("56500000");
  }

  @Test
  void differenceWithinToleranceIsAccepted() {
    // Tolerance is max(1000 CNY, 0.1% of 60,000,000 total assets) = 60,000 CNY.
    assertThat(validate(app -> TestData.statement(app, 1, "balanceSheet")
        .put("totalEquity", 53_500_000 + 59_000))).isEmpty();
    assertThat(validate(app -> TestData.statement(app, 1, "balanceSheet")
        .put("totalEquity", 53_500_000 + 61_000))).hasSize(1);
  }

  @Test
  void subtotalsAreCheckedFieldByField() {
    List<Violation> v = validate(app -> {
      TestData.statement(app, 1, "balanceSheet").put("totalCurrentLiabilities", 9_000_000);
      TestData.statement(app, 1, "incomeStatement").put("grossProfit", 9_000_000);
      TestData.statement(app, 1, "cashFlowStatement").put("netChangeInCash", 1);
    });
    assertThat(codes(v)).contains(
        "statements[1].balanceSheet.totalCurrentLiabilities:SUBTOTAL_MISMATCH",
        "statements[1].balanceSheet.totalLiabilities:SUBTOTAL_MISMATCH",
        "statements[1].incomeStatement.grossProfit:SUBTOTAL_MISMATCH",
        "statements[1].incomeStatement.operatingProfit:SUBTOTAL_MISMATCH",
        "statements[1].cashFlowStatement.netChangeInCash:SUBTOTAL_MISMATCH");
  }

  @Test
  void signsMustMakeSense() {
    List<Violation> v = validate(app -> {
      TestData.statement(app, 1, "incomeStatement").put("rdExpense", -1);
      TestData.statement(app, 1, "balanceSheet").put("inventory", -5);
      TestData.statement(app, 1, "cashFlowStatement").put("capitalExpenditure", -3);
    });
    assertThat(codes(v)).contains(
        "statements[1].incomeStatement.rdExpense:NEGATIVE_VALUE",
        "statements[1].balanceSheet.inventory:NEGATIVE_VALUE",
        "statements[1].cashFlowStatement.capitalExpenditure:NEGATIVE_VALUE");
  }

  @Test
  void missingLinesAreRequiredButOptionalLinesCountAsZero() {
    List<Violation> v = validate(app -> {
      TestData.statement(app, 1, "balanceSheet").putNull("cash");
      TestData.statement(app, 1, "incomeStatement").putNull("netProfit");
    });
    assertThat(codes(v)).containsExactlyInAnyOrder(
        "statements[1].balanceSheet.cash:REQUIRED", "statements[1].incomeStatement.netProfit:REQUIRED");

    assertThat(validate(app -> {
      ObjectNode bs = TestData.statement(app, 1, "balanceSheet");
      bs.putNull("otherNonCurrentAssets");
      bs.put("totalAssets", 59_500_000).put("totalEquity", 53_000_000);
    })).isEmpty();
  }

  @Test
  void missingStatementsAndZeroAssets() {
    assertThat(codes(validate(app -> ((ObjectNode) app.withArray("statements").get(1))
        .putNull("cashFlowStatement"))))
        .containsExactly("statements[1].cashFlowStatement:REQUIRED");
    assertThat(codes(validator.validate(null, 2))).containsExactly("statements[2]:REQUIRED");
    List<Violation> zero = validate(app -> {
      ObjectNode bs = TestData.statement(app, 1, "balanceSheet");
      for (String f : List.of("cash", "accountsReceivable", "inventory", "otherCurrentAssets",
          "totalCurrentAssets", "fixedAssets", "intangibleAssets", "otherNonCurrentAssets",
          "totalAssets", "shortTermDebt", "accountsPayable", "otherCurrentLiabilities",
          "totalCurrentLiabilities", "totalLiabilities", "totalEquity")) {
        bs.put(f, 0);
      }
    });
    assertThat(codes(zero)).contains("statements[1].balanceSheet.totalAssets:NOT_POSITIVE");
  }

  @Test
  void implausibleFiscalYear() {
    assertThat(codes(validate(app -> ((ObjectNode) app.withArray("statements").get(1))
        .put("fiscalYear", 1900)))).containsExactly("statements[1].fiscalYear:OUT_OF_RANGE");
  }
}
