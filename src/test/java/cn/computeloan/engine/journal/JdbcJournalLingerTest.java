package cn.computeloan.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.api.EngineCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group commit that waits for more entries before it commits (commit-linger) still commits every
 * entry once, in position order, and answers every waiting caller.
 */
class JdbcJournalLingerTest {

  private static final int THREADS = 4;
  private static final int PER_THREAD = 150;

  @TempDir Path folder;

  @Test
  void shouldCommitEveryEntryInOrderWhenTheGroupCommitLingers() throws Exception {
    try (JournalDatabase database = JournalDatabase.h2(folder)) {
      JdbcJournal journal = new JdbcJournal(database.open(), Duration.ofMillis(5));
      Object engineLock = new Object();
      long[] position = {0};
      ExecutorService callers = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        running.add(callers.submit(() -> {
          for (int i = 0; i < PER_THREAD; i++) {
            long ticket;
            // as the engine does: positions are taken and queued under one lock, awaited outside it
            synchronized (engineLock) {
              position[0]++;
              ticket = journal.append(List.of(new JournalEntry(position[0], position[0], new EngineCommand.ResetClock())));
            }
            journal.awaitDurable(ticket);
          }
          return null;
        }));
      }
      for (Future<?> caller : running) {
        caller.get(60, TimeUnit.SECONDS);
      }
      callers.shutdown();
      journal.close();

      List<Long> replayed = new ArrayList<>();
      JdbcJournal reopened = new JdbcJournal(database.open());
      long last = reopened.replay(entry -> replayed.add(entry.position()));
      reopened.close();

      assertThat(last).isEqualTo(THREADS * PER_THREAD);
      assertThat(replayed).containsExactlyElementsOf(LongStream.rangeClosed(1, THREADS * PER_THREAD).boxed().toList());
      assertThat(journal.statistics().entries()).isEqualTo(THREADS * PER_THREAD);
    }
  }
}
