package cn.computeloan.engine;

import cn.computeloan.engine.journal.JdbcJournal;
import cn.computeloan.engine.journal.Journal;
import cn.computeloan.engine.processing.EmbeddedEngine;
import cn.computeloan.engine.rest.ConditionalOnEmbeddedEngine;
import cn.computeloan.engine.snapshot.H2StoreCompaction;
import cn.computeloan.engine.snapshot.SnapshotSettings;
import cn.computeloan.engine.snapshot.SnapshotStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded engine as the application's default runtime. With {@code
 * compute-loan.engine.embedded.enabled=false} (profile {@code cluster}) none of it exists and the
 * Camunda client talks to a real cluster.
 *
 * <p>The engine journals every command in the application's database ({@code engine_journal},
 * created by the engine's own Flyway, see {@link EngineSchema}) and replays it when it starts, before
 * the web server takes requests.
 * {@code compute-loan.engine.journal.enabled=false} keeps the engine in memory only;
 * {@code compute-loan.engine.journal.commit-linger} (default 0) lets the group commit wait that long
 * for more entries before it commits. Snapshots ({@code compute-loan.engine.snapshot.*}, see
 * docs/engine-durability.md) bound the replay: the engine restores the newest one and replays only
 * the journal after it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnEmbeddedEngine
public class EmbeddedEngineConfiguration {

  /** {@code compute-loan.engine.embedded.processing.enabled=false} serves the API alone (API tests). */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "compute-loan.engine.embedded.processing.enabled", havingValue = "true", matchIfMissing = true)
  public EmbeddedEngine embeddedEngine(EngineSchema tablesFirst, ObjectProvider<DataSource> dataSource,
      @Value("${compute-loan.engine.journal.enabled:true}") boolean journalled,
      @Value("${compute-loan.engine.journal.commit-linger:0ms}") Duration commitLinger,
      @Value("${compute-loan.engine.snapshot.enabled:true}") boolean snapshots,
      @Value("${compute-loan.engine.snapshot.every-commands:50000}") long everyCommands,
      @Value("${compute-loan.engine.snapshot.interval:PT10M}") Duration interval,
      @Value("${compute-loan.engine.snapshot.on-shutdown:true}") boolean onShutdown,
      @Value("${compute-loan.engine.snapshot.compaction.enabled:true}") boolean compact,
      @Value("${compute-loan.engine.snapshot.compaction.retain:2}") int retain) {
    DataSource db = journalled ? dataSource.getIfAvailable() : null;
    Journal journal = db == null ? Journal.none() : new JdbcJournal(db, commitLinger);
    if (db == null || !snapshots) {
      return new EmbeddedEngine(Clock.systemUTC(), journal);
    }
    return new EmbeddedEngine(Clock.systemUTC(), journal, new SnapshotStore(db),
        new SnapshotSettings(everyCommands, interval, onShutdown, compact, retain));
  }

  /**
   * The engine's tables in the application's database, migrated by the engine's own Flyway (history
   * {@value EngineSchema#HISTORY_TABLE}) after the application's Flyway, and before the engine or the
   * history archive use them. In the schema of {@code compute-loan.engine.schema}, by default the
   * first of {@code spring.flyway.schemas} (else the connection's).
   */
  @Bean
  public EngineSchema engineSchema(ObjectProvider<DataSource> dataSource,
      ObjectProvider<FlywayMigrationInitializer> applicationMigration,
      @Value("${compute-loan.engine.journal.enabled:true}") boolean journalled,
      @Value("${compute-loan.engine.schema:${spring.flyway.schemas:}}") String schema) {
    // the application's Flyway first: it refuses a schema that has tables but not its own history
    applicationMigration.ifAvailable(migration -> { });
    DataSource db = journalled ? dataSource.getIfAvailable() : null;
    return db == null ? EngineSchema.none() : EngineSchema.migrate(db, schema.split(",")[0].trim());
  }

  /** Name of the counter of journal entries that failed on replay (see {@link EmbeddedEngine#replayFailures()}). */
  public static final String REPLAY_FAILURES_METRIC = "compute_loan.engine.journal.replay.failures";

  /**
   * Counts journal entries that failed when the engine replayed them at start, as an actuator metric
   * ({@code /actuator/metrics/compute_loan.engine.journal.replay.failures}): a restart that skipped
   * the effects of some entries should page someone, not only leave a WARN line in the log.
   */
  @Bean
  @ConditionalOnProperty(name = "compute-loan.engine.embedded.processing.enabled", havingValue = "true", matchIfMissing = true)
  public MeterBinder journalReplayFailuresMetric(EmbeddedEngine engine) {
    return registry -> FunctionCounter.builder(REPLAY_FAILURES_METRIC, engine, EmbeddedEngine::replayFailures)
        .description("Journal entries that failed when the embedded engine replayed them at start")
        .register(registry);
  }

  /**
   * Rewrites sparse chunks of an H2 file database, whose own housekeeping stops with the journal's
   * {@code WRITE_DELAY 0} (see {@link H2StoreCompaction}); nothing for other databases. {@code
   * compute-loan.engine.h2-compaction.interval=0} turns it off.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "compute-loan.engine.journal.enabled", havingValue = "true", matchIfMissing = true)
  public AutoCloseable h2StoreCompaction(ObjectProvider<DataSource> dataSource,
      @Value("${compute-loan.engine.h2-compaction.interval:1s}") Duration interval,
      @Value("${compute-loan.engine.h2-compaction.target-fill-rate:50}") int targetFillRate,
      @Value("${compute-loan.engine.h2-compaction.write-limit-bytes:16777216}") int writeLimitBytes) {
    DataSource db = dataSource.getIfAvailable();
    Optional<H2StoreCompaction> compaction = db == null ? Optional.empty()
        : H2StoreCompaction.startIfH2File(db, interval, targetFillRate, writeLimitBytes);
    return compaction.<AutoCloseable>map(c -> c).orElse(() -> { });
  }

  /**
   * Starts (replays) the engine once every singleton exists, so the read model is already listening,
   * and before the web server and the Camunda client's workers start.
   */
  @Bean
  @ConditionalOnProperty(name = "compute-loan.engine.embedded.processing.enabled", havingValue = "true", matchIfMissing = true)
  public SmartLifecycle embeddedEngineStarter(EmbeddedEngine engine) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        engine.start();
        running = true;
      }

      @Override
      public void stop() {
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }

      @Override
      public int getPhase() {
        return Integer.MIN_VALUE + 1000;
      }
    };
  }
}
