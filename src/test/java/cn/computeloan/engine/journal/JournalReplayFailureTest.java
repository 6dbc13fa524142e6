package cn.computeloan.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.EmbeddedEngineConfiguration;
import cn.computeloan.engine.api.EngineCommand;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchableEntity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A journal entry that fails when the engine replays it at start is reported: a WARN line naming its
 * position and command type (never its payload) and the metric {@code
 * compute_loan.engine.journal.replay.failures}.
 */
@ExtendWith(OutputCaptureExtension.class)
class JournalReplayFailureTest {

  private static final String SECRET = "payload-secret-4711";

  @TempDir Path folder;

  @Test
  void shouldLogAndCountAnEntryThatFailsOnReplayWithoutItsPayload(CapturedOutput output) {
    try (DurableEngine engine = new DurableEngine(JournalDatabase.h2(folder))) {
      // given: a journal of a whole process, then an entry for a job that never existed
      EngineRestartScenario.run(engine, Set.of());
      engine.stop();
      DataSource db = engine.database.open();
      long last = JdbcClient.create(db).sql("SELECT MAX(position) FROM engine_journal").query(Long.class).single();
      JdbcJournal journal = new JdbcJournal(db);
      journal.awaitDurable(journal.append(List.of(new JournalEntry(last + 1, engine.clock.millis(),
          new EngineCommand.CompleteJob(4_711_000L, Map.of("note", SECRET), JobResult.none())))));
      journal.close();
      SimpleMeterRegistry registry = new SimpleMeterRegistry();

      // when
      engine.start();
      new EmbeddedEngineConfiguration().journalReplayFailuresMetric(engine.engine).bindTo(registry);

      // then
      assertThat(engine.engine.replayFailures()).isOne();
      assertThat(registry.get(EmbeddedEngineConfiguration.REPLAY_FAILURES_METRIC).functionCounter().count())
          .isEqualTo(1.0);
      assertThat(output.getOut()).containsPattern(
          "WARN .*Journal entry " + (last + 1) + " \\(complete-job\\) failed on replay: NOT_FOUND");
      assertThat(output.getAll()).doesNotContain(SECRET);
      // and the rest of the journal was replayed
      assertThat(engine.readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()).items())
          .singleElement().satisfies(i -> assertThat(i).containsEntry("state", "COMPLETED"));
      engine.database.close();
    }
  }

  @Test
  void shouldCountNothingWhenTheJournalReplaysCleanly() {
    try (DurableEngine engine = new DurableEngine(JournalDatabase.h2(folder))) {
      // given
      EngineRestartScenario.run(engine, Set.of());
      // when
      engine.restart();
      // then
      assertThat(engine.engine.replayFailures()).isZero();
      engine.database.close();
    }
  }
}
