package cn.computeloan.policy;

import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.evaluation.CreditPolicy;
import cn.computeloan.credit.repayment.BusinessCalendar;
import cn.computeloan.credit.repayment.RepaymentPlanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Exposes the credit policy to the process workers and the REST API. The DMN files are parsed
 * once, here, at start-up; a broken table stops the application instead of failing a loan later.
 */
@Configuration(proxyBeanMethods = false)
public class CreditPolicyConfiguration {

  /** A calendar file is small (a few dozen lines a year); anything bigger is a mistake. */
  static final int MAX_CALENDAR_BYTES = 256 * 1024;

  /** The DMN decisions from the classpath folder {@code bpmn/}. */
  @Bean
  @ConditionalOnMissingBean(PolicyDecisions.class)
  public PolicyDecisions policyDecisions() {
    return new DmnScalaPolicyDecisions();
  }

  /** The credit policy facade. */
  @Bean
  @ConditionalOnMissingBean(CreditPolicy.class)
  public CreditPolicy creditPolicy(PolicyDecisions policyDecisions) {
    return new CreditPolicy(policyDecisions);
  }

  /**
   * The bank's business days for due dates, from {@code compute-loan.repayment.holiday-calendar}; a
   * malformed calendar stops the start instead of moving a due date wrongly.
   */
  @Bean
  @ConditionalOnMissingBean(BusinessCalendar.class)
  public BusinessCalendar businessCalendar(
      @Value("${compute-loan.repayment.holiday-calendar:classpath:calendar/cn-business-days.txt}") Resource file) {
    try (InputStream in = file.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_CALENDAR_BYTES + 1);
      if (bytes.length > MAX_CALENDAR_BYTES) {
        throw new IllegalStateException("holiday calendar " + file + " is larger than " + MAX_CALENDAR_BYTES + " bytes");
      }
      return BusinessCalendar.parse(new String(bytes, StandardCharsets.UTF_8).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the holiday calendar " + file, e);
    }
  }

  /** Repayment plans of approved limits, computed once per case after pricing. */
  @Bean
  @ConditionalOnMissingBean(RepaymentPlanner.class)
  public RepaymentPlanner repaymentPlanner(PolicyDecisions policyDecisions, BusinessCalendar businessCalendar) {
    return new RepaymentPlanner(policyDecisions, businessCalendar);
  }
}
