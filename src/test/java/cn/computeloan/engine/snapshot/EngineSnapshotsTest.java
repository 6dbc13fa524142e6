package cn.computeloan.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.EngineSchema;
import cn.computeloan.engine.journal.Journal;
import cn.computeloan.engine.journal.JournalEntry;
import cn.computeloan.engine.state.EngineState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When {@link EngineSnapshots} asks for a snapshot by command count, against an engine stand-in
 * whose journal position the test moves: one snapshot per {@code everyCommands} commands, and a
 * request the snapshot has answered does not stay pending.
 */
class EngineSnapshotsTest {

  private final Host host = new Host();
  private SnapshotStore store;

  @BeforeEach
  void database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:engine-snapshots-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    EngineSchema.migrate(h2, null);
    store = new SnapshotStore(h2);
  }

  @Test
  void shouldAskForASnapshotOnlyOnceTheConfiguredNumberOfCommandsIsJournalled() {
    // given
    EngineSnapshots snapshots = everyFiveCommands();
    // when
    commands(snapshots, 4);
    boolean afterFour = snapshots.requested();
    commands(snapshots, 1);
    // then
    assertThat(afterFour).isFalse();
    assertThat(snapshots.requested()).isTrue();
  }

  @Test
  void shouldForgetARequestTheSnapshotAnswered() {
    // given: five commands asked for a snapshot, and five more came in before it copied the state
    EngineSnapshots snapshots = everyFiveCommands();
    commands(snapshots, 5);
    commands(snapshots, 5);
    // when
    EngineSnapshots.Taken taken = snapshots.take();
    // then: taken at position 10, and nothing pending until five more commands
    assertThat(taken.position()).isEqualTo(10);
    assertThat(snapshots.requested()).isFalse();
    commands(snapshots, 4);
    assertThat(snapshots.requested()).isFalse();
    commands(snapshots, 1);
    assertThat(snapshots.requested()).isTrue();
  }

  private EngineSnapshots everyFiveCommands() {
    return new EngineSnapshots(host, new DurableJournal(), store,
        new SnapshotSettings(5, Duration.ZERO, false, false, 2), List.of());
  }

  /** Commands processed by the engine, one journal entry each, reported as the pipeline does. */
  private void commands(EngineSnapshots snapshots, int count) {
    host.lock.lock();
    try {
      for (int i = 0; i < count; i++) {
        host.position++;
        snapshots.journalled(1);
      }
    } finally {
      host.lock.unlock();
    }
  }

  /** An engine with nothing deployed whose journal position the test sets. */
  private static final class Host implements SnapshotHost {
    final ReentrantLock lock = new ReentrantLock();
    long position;

    @Override
    public Lock lock() {
      return lock;
    }

    @Override
    public long journalPosition() {
      return position;
    }

    @Override
    public void flushDeliveries() {}

    @Override
    public EngineStateData captureState() {
      return new EngineStateData(1, position, new EngineStateData.ClockData(null, 0), List.of(), List.of(), List.of(),
          List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Override
    public Object parseDecisions(String resourceName, byte[] resource) {
      throw new UnsupportedOperationException("nothing is restored here");
    }

    @Override
    public void installState(EngineState restored, EngineStateData data) {
      throw new UnsupportedOperationException("nothing is restored here");
    }
  }

  /** A journal whose every entry is durable (the snapshot waits for its position to be). */
  private static final class DurableJournal implements Journal {
    @Override
    public long replay(long position, Consumer<JournalEntry> consumer) {
      return position;
    }

    @Override
    public long firstPosition() {
      return 1;
    }

    @Override
    public long append(List<JournalEntry> entries) {
      throw new UnsupportedOperationException("the test moves the position itself");
    }

    @Override
    public void awaitDurable(long position) {}

    @Override
    public void close() {}
  }
}
