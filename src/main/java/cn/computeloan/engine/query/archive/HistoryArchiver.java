package cn.computeloan.engine.query.archive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves finished process-instance trees from the read model's memory into the {@link
 * HistoryArchive}, on a thread of its own so the engine never waits for it.
 *
 * <p>Every step runs on that one thread, in order: archiving (wait until the journal holds the
 * command that finished the trees, copy their documents, skip trees already archived — replay
 * finishes them again —, write, drop them from memory), clearing on purge and {@link #flush}.
 * So a flush returns only when everything queued before it is done. Archiving starts {@link
 * #DELAY_MILLIS} after the first tree of a batch finished, so that a transaction carries many trees.
 */
public final class HistoryArchiver implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryArchiver.class);

  /** What the read model provides: copies of finished trees, and dropping them. */
  public interface Trees {
    /** Copies of the documents of these finished trees (those still in memory and finished). */
    List<HistoryArchive.Tree> copy(Collection<Long> roots);

    void drop(Collection<Long> roots);
  }

  /** Trees per archive transaction. */
  private static final int BATCH = 128;

  /**
   * How long finished trees wait before the archiver writes them, so that one transaction carries
   * many trees: on H2 every commit writes the pages it changed, whatever their number of rows, and
   * trees finished one by one under load made nearly one commit each. The trees stay searchable in
   * memory meanwhile; {@link #flush} does not wait.
   */
  private static final long DELAY_MILLIS = 200;

  private final HistoryArchive archive;
  private final Trees trees;
  private final ConcurrentLinkedQueue<Long> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "engine-history-archiver");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Runnable durabilityBarrier = () -> {};

  public HistoryArchiver(HistoryArchive archive, Trees trees) {
    this.archive = archive;
    this.trees = trees;
  }

  public void durabilityBarrier(Runnable barrier) {
    this.durabilityBarrier = barrier;
  }

  /** Queues finished roots; called on the engine thread after their records were applied. */
  public void finished(Collection<Long> roots) {
    if (roots.isEmpty()) {
      return;
    }
    pending.addAll(roots);
    if (scheduled.compareAndSet(false, true)) {
      executor.schedule(() -> {
        scheduled.set(false);
        try {
          archivePending();
        } catch (RuntimeException e) {
          LOG.warn("Archiving finished process instances failed; they stay in memory and are retried", e);
        }
      }, DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Blocks until every tree queued so far is archived and dropped from memory. */
  public void flush() {
    await(executor.submit(() -> {
      archivePending();
      return null;
    }));
  }

  /**
   * Empties the archive (the engine was purged) and forgets the trees waiting to be archived: the
   * caller drops them from memory next, and a write still waiting for its delay must not bring
   * them back into the emptied archive.
   */
  public void clear() {
    inOrder(history -> {
      pending.clear();
      history.clear();
      return null;
    });
  }

  /** Runs a change of the archive after everything queued before it, and waits for it. */
  public <T> T inOrder(Function<HistoryArchive, T> change) {
    return await(executor.submit(() -> change.apply(archive)));
  }

  /** Archives what is queued, at most {@link #BATCH} trees per transaction so that copies stay small. */
  private void archivePending() {
    while (true) {
      List<Long> roots = new ArrayList<>();
      for (Long root = pending.poll(); root != null; root = roots.size() < BATCH ? pending.poll() : null) {
        roots.add(root);
      }
      if (roots.isEmpty()) {
        return;
      }
      archive(roots);
    }
  }

  private void archive(List<Long> roots) {
    try {
      // archive only what the journal holds: a command is acknowledged only after its commit
      durabilityBarrier.run();
      List<HistoryArchive.Tree> copies = trees.copy(roots);
      var archived = archive.archivedRoots(roots);
      archive.write(copies.stream().filter(tree -> !archived.contains(tree.rootKey())).toList(), System.currentTimeMillis());
      trees.drop(copies.stream().map(HistoryArchive.Tree::rootKey).toList());
    } catch (RuntimeException e) {
      pending.addAll(roots);
      throw e;
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the history archive", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime
          : new IllegalStateException("History archive failed", e.getCause());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
