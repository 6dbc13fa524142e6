package cn.computeloan.engine.processing;

import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.RecordListener;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link RecordListener}s (the read model) outside the engine lock. A command queues its
 * records (and a purge its notice) under the engine lock, so the queue is in processing order; after
 * unlocking, and before answering its caller, it {@link #flush()}es the queue under a lock of its
 * own. Listeners so see every batch once, in order, one at a time, and a caller finds its command's
 * effects delivered once answered, while the next command already runs.
 */
final class RecordDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(RecordDelivery.class);

  private final List<RecordListener> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock lock = new ReentrantLock();

  void add(RecordListener listener) {
    listeners.add(listener);
  }

  /** The listeners themselves (live view), e.g. for the snapshot participants among them. */
  List<RecordListener> listeners() {
    return listeners;
  }

  /** Under the engine lock: queues a command's records. */
  void records(List<Record> records) {
    if (!records.isEmpty()) {
      queue.add(() -> listeners.forEach(l -> l.onRecords(records)));
    }
  }

  /** Under the engine lock: the engine forgot everything; listeners learn it after the records before. */
  void purged() {
    queue.add(() -> listeners.forEach(RecordListener::onPurged));
  }

  /**
   * Feeds everything queued so far, in order. A batch this thread queued is either still queued (and
   * fed here) or was taken by a thread that holds the lock until it has fed it.
   */
  void flush() {
    lock.lock();
    try {
      for (Runnable delivery = queue.poll(); delivery != null; delivery = queue.poll()) {
        try {
          delivery.run();
        } catch (RuntimeException e) {
          LOG.error("A record listener failed; it missed one batch of records", e);
        }
      }
    } finally {
      lock.unlock();
    }
  }
}
