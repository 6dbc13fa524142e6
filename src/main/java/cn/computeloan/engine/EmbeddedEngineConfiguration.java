package cn.computeloan.engine;

import cn.computeloan.engine.processing.EmbeddedEngine;
import cn.computeloan.engine.rest.ConditionalOnEmbeddedEngine;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded engine as the application's default runtime. With {@code
 * compute-loan.engine.embedded.enabled=false} (profile {@code cluster}) none of it exists and the
 * Camunda client talks to a real cluster.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnEmbeddedEngine
public class EmbeddedEngineConfiguration {

  /** {@code compute-loan.engine.embedded.processing.enabled=false} serves the API alone (API tests). */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "compute-loan.engine.embedded.processing.enabled", havingValue = "true", matchIfMissing = true)
  public EmbeddedEngine embeddedEngine() {
    return new EmbeddedEngine(Clock.systemUTC());
  }
}
