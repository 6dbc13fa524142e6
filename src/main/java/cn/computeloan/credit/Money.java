package cn.computeloan.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Arithmetic helpers: CNY at scale 2 HALF_UP, ratios at scale 4 HALF_UP, null-safe. */
public final class Money {

  /** Scale of ratios reported by the policy. */
  public static final int RATIO_SCALE = 4;

  private Money() {}

  /** CNY amount rounded to fen. */
  public static BigDecimal cny(BigDecimal amount) {
    return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
  }

  /** a / b at ratio scale, or null when either is null or b is zero. */
  public static BigDecimal ratio(BigDecimal a, BigDecimal b) {
    if (a == null || b == null || b.signum() == 0) {
      return null;
    }
    return a.divide(b, RATIO_SCALE, RoundingMode.HALF_UP);
  }

  /** Null treated as zero, for optional statement lines. */
  public static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }

  /** Sum of values, nulls as zero. */
  public static BigDecimal sum(BigDecimal... values) {
    BigDecimal total = BigDecimal.ZERO;
    for (BigDecimal v : values) {
      total = total.add(orZero(v));
    }
    return total;
  }

  /** Relative change current / base - 1, or null if base is not positive. */
  public static BigDecimal change(BigDecimal current, BigDecimal base) {
    if (current == null || base == null || base.signum() <= 0) {
      return null;
    }
    return current.subtract(base).divide(base, RATIO_SCALE, RoundingMode.HALF_UP);
  }
}
