package cn.computeloan.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.CreditPolicy;
import cn.computeloan.credit.decision.PolicyDecisions;
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
}
