package cn.computeloan.process.casefile;

import cn.computeloan.process.CaseFile;
import cn.computeloan.process.MonitoringIndicators;
import cn.computeloan.process.RepaymentLedger;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * In-memory fallbacks for the process ports. An auto-configuration (listed in
 * {@code META-INF/spring/...AutoConfiguration.imports}), so that it is evaluated after the
 * application's own beans: a persistent {@link CaseFile} anywhere in the application wins.
 */
@AutoConfiguration
public class InMemoryCaseFileConfiguration {

  @Bean
  @ConditionalOnMissingBean(CaseFile.class)
  public InMemoryCaseFile inMemoryCaseFile() {
    return new InMemoryCaseFile();
  }

  @Bean
  @ConditionalOnMissingBean(MonitoringIndicators.class)
  public InMemoryMonitoringIndicators inMemoryMonitoringIndicators() {
    return new InMemoryMonitoringIndicators();
  }

  @Bean
  @ConditionalOnMissingBean(RepaymentLedger.class)
  public InMemoryRepaymentLedger inMemoryRepaymentLedger() {
    return new InMemoryRepaymentLedger();
  }
}
