package cn.computeloan.workspace;

import cn.computeloan.credit.Violation;
import java.util.List;
import java.util.Map;

/** Reading the pages' list parameters; each bad one becomes a {@link Violation} naming it. */
public final class QueryParams {

  private QueryParams() {
  }

  public static int number(Map<String, String> params, String name, int fallback, List<Violation> problems) {
    String given = params.get(name);
    if (given == null || given.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(given.strip());
    } catch (NumberFormatException e) {
      problems.add(new Violation(name, "INVALID_VALUE", "must be a whole number"));
      return fallback;
    }
  }

  /** {@code page} and {@code size} within bounds: no page larger than {@code maxSize}, no list deeper than {@code maxDepth}. */
  public static void paging(int page, int size, int maxSize, int maxDepth, String rows, List<Violation> problems) {
    if (page < 0) {
      problems.add(new Violation("page", "OUT_OF_RANGE", "must not be negative"));
    }
    if (size < 1 || size > maxSize) {
      problems.add(new Violation("size", "OUT_OF_RANGE", "must be between 1 and " + maxSize));
    } else if ((long) page * size + size > maxDepth) {
      problems.add(new Violation("page", "OUT_OF_RANGE", "lists end after " + maxDepth + " " + rows + ": filter instead"));
    }
  }
}
