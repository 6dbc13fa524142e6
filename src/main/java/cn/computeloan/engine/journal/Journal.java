package cn.computeloan.engine.journal;

import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's durable command log. The engine appends the commands of each processed command
 * under its lock (so the journal order is the processing order) and acknowledges the command only
 * once {@link #awaitDurable} returned; appends are written in batches (group commit).
 */
public interface Journal extends AutoCloseable {

  /** Feeds every stored entry, in position order, to the consumer; returns the last position (0 if none). */
  default long replay(Consumer<JournalEntry> consumer) {
    return replay(0, consumer);
  }

  /**
   * Feeds the stored entries after {@code position}, in order, to the consumer; returns the last
   * position ({@code position} itself if none follows).
   *
   * @throws JournalException when an entry is missing (the entries must follow {@code position}
   *     without a gap)
   */
  long replay(long position, Consumer<JournalEntry> consumer);

  /** The first stored position: 1 for a journal never compacted, 0 when it holds nothing. */
  long firstPosition();

  /** Queues entries for writing, in order; returns the position to await. */
  long append(List<JournalEntry> entries);

  /**
   * Blocks until every entry up to {@code position} is committed.
   *
   * @throws JournalException when the journal could not write, in which case nothing after the
   *     last durable position may be acknowledged
   */
  void awaitDurable(long position);

  @Override
  void close();

  /** What the journal has written since it was created: entries, commits (batches) and payload characters. */
  record Statistics(long entries, long commits, long payloadChars) {}

  default Statistics statistics() {
    return new Statistics(0, 0, 0);
  }

  /** A journal that keeps nothing: the engine starts empty and loses everything at shutdown (tests). */
  static Journal none() {
    return new Journal() {
      @Override
      public long replay(long position, Consumer<JournalEntry> consumer) {
        return position;
      }

      @Override
      public long firstPosition() {
        return 0;
      }

      @Override
      public long append(List<JournalEntry> entries) {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).position();
      }

      @Override
      public void awaitDurable(long position) {}

      @Override
      public void close() {}
    };
  }
}
