package cn.computeloan.engine.query.search;

import java.util.ArrayList;
import java.util.List;

/**
 * What is left of a filter condition after the cheap part was decided: either decided ({@link
 * #TRUE}, {@link #FALSE}) or {@code $like} checks on text captured from the document, combined with
 * and/or. Searches evaluate a filter under the read model's lock only up to this point and resolve
 * the rest outside it (see {@link ReadModelStore#scan}), so no pattern match ever runs under the lock
 * that record application needs. Immutable; resolving it reads nothing of the live model.
 */
public abstract sealed class Residual {

  public static final Residual TRUE = new Decided(true);
  public static final Residual FALSE = new Decided(false);

  static Residual of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** {@code text} matches the {@code $like} pattern. */
  static Residual like(String pattern, String text) {
    return new Like(pattern, text);
  }

  public static Residual and(Residual left, Residual right) {
    if (left == FALSE || right == FALSE) {
      return FALSE;
    }
    if (left == TRUE) {
      return right;
    }
    return right == TRUE ? left : new Combined(List.of(left, right), true);
  }

  static Residual or(Residual left, Residual right) {
    if (left == TRUE || right == TRUE) {
      return TRUE;
    }
    if (left == FALSE) {
      return right;
    }
    return right == FALSE ? left : new Combined(List.of(left, right), false);
  }

  /** All must hold; flat, so that long lists do not nest deeply. */
  static Residual allOf(List<Residual> parts) {
    List<Residual> open = new ArrayList<>();
    for (Residual part : parts) {
      if (part == FALSE) {
        return FALSE;
      }
      if (part != TRUE) {
        open.add(part);
      }
    }
    return open.isEmpty() ? TRUE : open.size() == 1 ? open.get(0) : new Combined(open, true);
  }

  /** One must hold; flat, so that long lists do not nest deeply. */
  public static Residual anyOf(List<Residual> parts) {
    List<Residual> open = new ArrayList<>();
    for (Residual part : parts) {
      if (part == TRUE) {
        return TRUE;
      }
      if (part != FALSE) {
        open.add(part);
      }
    }
    return open.isEmpty() ? FALSE : open.size() == 1 ? open.get(0) : new Combined(open, false);
  }

  /** Decides what is left: runs the pattern matches (budget permitting). */
  public abstract boolean resolve(SearchContext context);

  private static final class Decided extends Residual {
    private final boolean value;

    Decided(boolean value) {
      this.value = value;
    }

    @Override
    public boolean resolve(SearchContext context) {
      return value;
    }
  }

  private static final class Like extends Residual {
    private final String pattern;
    private final String text;

    Like(String pattern, String text) {
      this.pattern = pattern;
      this.text = text;
    }

    @Override
    public boolean resolve(SearchContext context) {
      context.checkBudget();
      return context.pattern(pattern).matches(text);
    }
  }

  private static final class Combined extends Residual {
    private final List<Residual> parts;
    private final boolean all;

    Combined(List<Residual> parts, boolean all) {
      this.parts = parts;
      this.all = all;
    }

    @Override
    public boolean resolve(SearchContext context) {
      for (Residual part : parts) {
        if (part.resolve(context) != all) {
          return !all;
        }
      }
      return all;
    }
  }
}
