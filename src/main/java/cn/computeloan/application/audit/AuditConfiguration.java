package cn.computeloan.application.audit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit chain's keys, and the Flyway migration that seals the chains from before them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

  @Bean
  AuditKeys auditKeys(AuditProperties properties) {
    return AuditKeys.from(properties);
  }

  /** Spring Boot hands JavaMigration beans to Flyway next to the SQL scripts. */
  @Bean
  LegacyChainSealMigration legacyChainSealMigration(AuditKeys keys) {
    return new LegacyChainSealMigration(keys);
  }
}
