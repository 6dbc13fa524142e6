package cn.computeloan.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.DeploymentResource;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.processing.EmbeddedEngine;
import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchableEntity;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive holds only acknowledged history, and a purge empties it. */
class HistoryArchiveAcknowledgementTest {

  private static final String BPMN = Bpmn.convertToString(Bpmn.createExecutableProcess("one")
      .startEvent().serviceTask("s", t -> t.zeebeJobType("s")).endEvent().done());

  @TempDir Path folder;

  /** The journal of the database, whose commits fail once {@link #failing} is set. */
  private static final class FailingJournal implements cn.computeloan.engine.journal.Journal {
    private final Journal delegate;
    volatile boolean failing;

    FailingJournal(Journal delegate) {
      this.delegate = delegate;
    }

    @Override
    public long replay(long position, Consumer<JournalEntry> consumer) {
      return delegate.replay(position, consumer);
    }

    @Override
    public long firstPosition() {
      return delegate.firstPosition();
    }

    @Override
    public long append(List<JournalEntry> entries) {
      return delegate.append(entries);
    }

    @Override
    public void awaitDurable(long position) {
      if (failing) {
        throw new JournalException("disk gone", null);
      }
      delegate.awaitDurable(position);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @Test
  void shouldNotArchiveATreeWhoseFinishingCommandWasNotAcknowledged() {
    try (JournalDatabase database = JournalDatabase.h2(folder)) {
      DataSource dataSource = database.open();
      FailingJournal journal = new FailingJournal(new JdbcJournal(dataSource));
      ReadModel readModel = new ReadModel(dataSource);
      EmbeddedEngine engine = new EmbeddedEngine(new MutableClock(Instant.parse("2026-01-05T08:00:00Z")), journal);
      try {
        engine.addRecordListener(readModel);
        readModel.durabilityBarrier(engine::awaitJournalled);
        engine.start();
        engine.deploy(List.of(new DeploymentResource("one.bpmn", BPMN.getBytes(StandardCharsets.UTF_8))), "<default>");
        long acknowledged = runOne(engine);
        readModel.beforeSnapshot();
        assertThat(archivedInstances(database)).isOne();

        long unacknowledged = create(engine);
        long job = activate(engine);
        journal.failing = true;
        assertThatThrownBy(() -> engine.completeJob(job, Map.of(), JobResult.none()))
            .as("the finishing completion is not acknowledged");
        assertThat(readModel.get(SearchableEntity.PROCESS_INSTANCE, unacknowledged).orElseThrow())
            .as("the read model saw it finish").containsEntry("state", "COMPLETED");

        assertThatThrownBy(readModel::beforeSnapshot).as("the archiver may not write it");
        assertThat(archivedInstances(database)).isOne();
        assertThat(readModel.documentsInMemory().get(SearchableEntity.PROCESS_INSTANCE))
            .as("the unacknowledged finished instance stays in memory only").isOne();
        assertThat(readModel.get(SearchableEntity.PROCESS_INSTANCE, unacknowledged)).isPresent();
        assertThat(readModel.get(SearchableEntity.PROCESS_INSTANCE, acknowledged)).isPresent();
      } finally {
        // after a journal failure the engine refuses every command, its closing step included
        catchThrowable(engine::close);
        readModel.close();
      }
    }
  }

  @Test
  void shouldEmptyTheArchiveWhenTheEngineIsPurged() {
    try (JournalDatabase database = JournalDatabase.h2(folder)) {
      DataSource dataSource = database.open();
      ReadModel readModel = new ReadModel(dataSource);
      try (EmbeddedEngine engine = new EmbeddedEngine(new MutableClock(Instant.parse("2026-01-05T08:00:00Z")),
          new JdbcJournal(dataSource))) {
        engine.addRecordListener(readModel);
        readModel.durabilityBarrier(engine::awaitJournalled);
        engine.start();
        engine.deploy(List.of(new DeploymentResource("one.bpmn", BPMN.getBytes(StandardCharsets.UTF_8))), "<default>");
        runOne(engine);
        readModel.beforeSnapshot();
        assertThat(archivedInstances(database)).isOne();

        engine.purge();
        readModel.beforeSnapshot();

        assertThat(archivedInstances(database)).isZero();
        assertThat(readModel.search(SearchableEntity.PROCESS_INSTANCE, SearchQuery.all()).totalItems()).isZero();
      } finally {
        readModel.close();
      }
    }
  }

  /** Creates an instance and completes its job; returns the instance key. */
  private static long runOne(EmbeddedEngine engine) {
    long instance = create(engine);
    engine.completeJob(activate(engine), Map.of(), JobResult.none());
    return instance;
  }

  private static long create(EmbeddedEngine engine) {
    return engine.createProcessInstance(new CreateInstanceCommand(-1, "one", -1, Map.of(), List.of(), false, 0,
        List.of(), "<default>")).join().processInstanceKey();
  }

  private static long activate(EmbeddedEngine engine) {
    ActivatedJob job = engine.activateJobs(new ActivateJobsCommand("s", "w", 60_000, 1, 0, List.of(), List.of()))
        .join().get(0);
    return job.jobKey();
  }

  private static long archivedInstances(JournalDatabase database) {
    try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM engine_history_document WHERE entity = 'PROCESS_INSTANCE'")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
