package cn.computeloan.engine.rest;

import cn.computeloan.engine.api.EngineCommands;
import cn.computeloan.engine.query.HistoryRetention;
import cn.computeloan.engine.query.ReadModel;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Wires the embedded engine's REST API (v2): the read model fed by the engine's records and what
 * the controllers need. Expects an {@link EngineCommands} bean from the engine; without one the
 * application still starts and commands answer 503.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnEmbeddedEngine
public class EngineRestConfiguration {

  /**
   * {@code compute-loan.engine.search.time-budget} (default 2 s) bounds every search; past it the
   * search stops and answers 503.
   *
   * <p>With the journal on and a DataSource, finished process-instance trees move from memory to the
   * history archive in that database ({@code compute-loan.engine.history.archive.enabled}, default
   * true); otherwise the read model keeps the whole history in memory.
   */
  @Bean(destroyMethod = "close")
  @DependsOn("engineSchema") // the history archive's tables
  public ReadModel readModel(ObjectProvider<DataSource> dataSource,
      @Value("${compute-loan.engine.journal.enabled:true}") boolean journalled,
      @Value("${compute-loan.engine.history.archive.enabled:true}") boolean archived,
      @Value("${compute-loan.engine.search.time-budget:PT2S}") Duration searchTimeBudget) {
    ReadModel readModel = new ReadModel(journalled && archived ? dataSource.getIfAvailable() : null);
    readModel.searchTimeBudget(searchTimeBudget);
    return readModel;
  }

  /**
   * Finished instances stay searchable for {@code compute-loan.engine.history.retention} (ISO-8601
   * duration, default P30D) after they ended, by the engine clock.
   */
  @Bean(destroyMethod = "close")
  public HistoryRetention historyRetention(ReadModel readModel, ObjectProvider<EngineCommands> engine,
      @Value("${compute-loan.engine.history.retention:P30D}") Duration retention,
      @Value("${compute-loan.engine.history.retention-check-interval:PT1M}") Duration interval) {
    return new HistoryRetention(readModel, retention, () -> {
      EngineCommands commands = engine.getIfAvailable();
      return commands == null ? Instant.now() : commands.currentTime();
    }).every(interval);
  }

  @Bean
  public EngineAccess engineAccess(ObjectProvider<EngineCommands> engine) {
    return new EngineAccess(engine);
  }

  @Bean
  public ClusterState clusterState() {
    return new ClusterState();
  }

  @Bean
  public TestingApiSettings testingApiSettings(
      @Value("${compute-loan.engine.testing-api.enabled:false}") boolean enabled) {
    return new TestingApiSettings(enabled);
  }

  /**
   * Subscribes the read model once every singleton exists, so that the engine bean (which may
   * itself depend on beans of this configuration) is complete before it gets a listener.
   */
  @Bean
  public SmartInitializingSingleton readModelSubscription(ObjectProvider<EngineCommands> engine, ReadModel readModel) {
    return () -> engine.ifAvailable(commands -> {
      commands.addRecordListener(readModel);
      readModel.durabilityBarrier(commands::awaitJournalled);
    });
  }
}
