package cn.computeloan.engine.query.search;



/**
 * Paging of a search: offset pagination ({@code from}) or cursor pagination ({@code after} /
 * {@code before}, the opaque cursors of an earlier answer).
 */
public record PageRequest(int from, int limit, String after, String before) {

  /** Camunda's default page size. */
  public static final int DEFAULT_LIMIT = 100;

  public static PageRequest firstPage() {
    return new PageRequest(0, DEFAULT_LIMIT, null, null);
  }
}
