package cn.computeloan.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.evaluation.CreditPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CreditPolicyConfigurationTest {

  @Test
  void exposesDecisionsAndPolicyBeans() {
    new ApplicationContextRunner()
        .withUserConfiguration(CreditPolicyConfiguration.class)
        .run(context -> {
          assertThat(context).hasSingleBean(PolicyDecisions.class);
          assertThat(context).hasSingleBean(CreditPolicy.class);
          assertThat(context.getBean(CreditPolicy.class).parameters().maxEsgDiscountBp())
              .isEqualTo(25);
        });
  }

  @Test
  void shouldLoadTheHolidayCalendarAndTheRepaymentPlanner() {
    new ApplicationContextRunner()
        .withUserConfiguration(CreditPolicyConfiguration.class)
        .run(context -> {
          assertThat(context).hasSingleBean(cn.computeloan.credit.repayment.RepaymentPlanner.class);
          assertThat(context.getBean(cn.computeloan.credit.repayment.BusinessCalendar.class)
              .onOrAfter(java.time.LocalDate.of(2025, 10, 1))).isEqualTo(java.time.LocalDate.of(2025, 10, 9));
        });
  }

  @Test
  void shouldRefuseToStartWithAMalformedHolidayCalendar(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path broken = java.nio.file.Files.writeString(dir.resolve("days.txt"), "2025-10-01 FEAST\n");
    new ApplicationContextRunner()
        .withUserConfiguration(CreditPolicyConfiguration.class)
        .withPropertyValues("compute-loan.repayment.holiday-calendar=file:" + broken)
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("neither HOLIDAY nor WORKDAY"));
  }
}
