package cn.computeloan.engine.query.search;

import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One search while it runs (on one thread): its deadline, its compiled {@code $like} patterns, what
 * custom filters prepared for it, and the sliced scans of the in-memory indexes.
 */
public final class SearchContext {

  /** Visits the documents of an in-memory index under the read model's lock, a slice at a time. */
  @FunctionalInterface
  public interface Scanner {
    void scan(DocumentIndex index, SearchContext context, Consumer<Document> visitor);
  }

  private final Duration budget;
  private final long deadline;
  private final Scanner scanner;
  private final Map<String, LikePattern> patterns = new HashMap<>();
  // keyed by the filter condition itself (identity): one entry per condition that prepared something
  private final Map<Object, Object> prepared = new IdentityHashMap<>();

  public SearchContext(Duration budget, Scanner scanner) {
    this.budget = budget;
    this.deadline = System.nanoTime() + budget.toNanos();
    this.scanner = scanner;
  }

  /** A context for work that runs outside any scan (the archive's half, unit tests). */
  static SearchContext unscanned(Duration budget) {
    return new SearchContext(budget, (index, context, visitor) -> {
      throw new IllegalStateException("no in-memory scan in this context");
    });
  }

  /** Stops the search (it throws) once the budget is spent: the work ends, not just the answer. */
  public void checkBudget() {
    if (expired()) {
      throw new SearchTimeoutException(budget);
    }
  }

  public boolean expired() {
    return System.nanoTime() - deadline > 0;
  }

  /** What is left of the budget, at least one second (the unit of a JDBC query timeout). */
  public int remainingSeconds() {
    long nanos = deadline - System.nanoTime();
    return (int) Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  LikePattern pattern(String pattern) {
    return patterns.computeIfAbsent(pattern, LikePattern::compile);
  }

  public void scan(DocumentIndex index, Consumer<Document> visitor) {
    scanner.scan(index, this, visitor);
  }

  @SuppressWarnings("unchecked")
  public <T> T prepared(Object key) {
    return (T) prepared.get(key);
  }

  public void prepared(Object key, Object value) {
    prepared.put(key, value);
  }
}
