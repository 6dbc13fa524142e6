package cn.computeloan.policy;

import cn.computeloan.credit.CreditPolicy;
import cn.computeloan.credit.decision.PolicyDecisions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Exposes the credit policy to the process workers and the REST API. The DMN files are parsed
 * once, here, at start-up; a broken table stops the application instead of failing a loan later.
 */
@Configuration(proxyBeanMethods = false)
public class CreditPolicyConfiguration {

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
}
