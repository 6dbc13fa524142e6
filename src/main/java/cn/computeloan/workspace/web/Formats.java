package cn.computeloan.workspace.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How the pages show numbers and times ({@code ${@fmt.money(x)}} in the templates): money in CNY
 * with thousands separators and 元, basis points also as a percentage, ratios as percentages or
 * multiples, times in Asia/Shanghai with the zone named.
 */
@Component("fmt")
public class Formats {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private static DecimalFormat pattern(String p) {
    return new DecimalFormat(p, DecimalFormatSymbols.getInstance(Locale.ROOT));
  }

  /** 55,600,000.00 元 */
  public String money(Object amount) {
    BigDecimal v = decimal(amount);
    return v == null ? "—" : pattern("#,##0.00").format(v.setScale(2, RoundingMode.HALF_UP)) + " 元";
  }

  /** 385 bp (3.85%) */
  public String bp(Object basisPoints) {
    BigDecimal v = decimal(basisPoints);
    return v == null ? "—" : v.stripTrailingZeros().toPlainString() + " bp ("
        + pattern("0.00").format(v.movePointLeft(2)) + "%)";
  }

  /** 0.4038 → 40.38% */
  public String percent(Object share) {
    BigDecimal v = decimal(share);
    return v == null ? "—" : pattern("0.00").format(v.movePointRight(2)) + "%";
  }

  /** 1.375 → 1.38× */
  public String times(Object ratio) {
    BigDecimal v = decimal(ratio);
    return v == null ? "—" : pattern("#,##0.00").format(v) + "×";
  }

  public String number(Object value) {
    BigDecimal v = decimal(value);
    return v == null ? "—" : pattern("#,##0.##").format(v);
  }

  /** A ratio by its kind: shares as %, the rest as multiples or plain numbers. */
  public String ratio(String name, Object value) {
    return switch (name) {
      case "debtToAsset", "netMargin", "grossMargin", "revenueGrowth", "rdIntensity" -> percent(value);
      case "cashRunwayMonths" -> number(value);
      default -> times(value);
    };
  }

  /** 2026-12-06 10:22 (Asia/Shanghai) */
  public String time(Object instant) {
    Instant t;
    try {
      t = instant instanceof Instant i ? i : instant == null ? null : Instant.parse(instant.toString());
    } catch (java.time.format.DateTimeParseException e) {
      return instant.toString();
    }
    return t == null ? "—" : TIME.format(t.atZone(SHANGHAI)) + " (Asia/Shanghai)";
  }

  /** The same time as ISO-8601, for a {@code <time datetime>} attribute. */
  public String iso(Object instant) {
    return instant == null ? "" : instant.toString();
  }

  public static BigDecimal decimal(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d;
    }
    try {
      return new BigDecimal(value.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
