package cn.computeloan.workspace.memo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The memo's charts as data, drawn the same way as SVG in the page ({@link SvgCharts}) and with
 * lines and rectangles in the PDF ({@link PdfCharts}). Titles and series names are message keys.
 */
public final class Charts {

  private Charts() {
  }

  /**
   * A trend over fiscal years: one value per year per series (null where the year has none).
   *
   * @param unit appended to axis labels ({@code %}, {@code ×}, or empty)
   */
  public record Trend(String id, String titleKey, String unit, List<Integer> years, List<Series> series) {
    public Trend {
      years = List.copyOf(years);
      series = List.copyOf(series);
    }

    /** The scale covering every value, and zero. */
    public Scale scale() {
      return Scale.of(series.stream().flatMap(s -> s.values().stream()).filter(Objects::nonNull).toList());
    }
  }

  /** A line of a trend; {@code values} has one entry per year of its trend. */
  public record Series(String nameKey, List<BigDecimal> values) {
    public Series {
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
  }

  /** Horizontal bars of points out of a maximum (the scorecard's factors). */
  public record Bars(String id, String titleKey, List<Bar> bars) {
    public Bars {
      bars = List.copyOf(bars);
    }

    public double largestMax() {
      return bars.stream().mapToDouble(b -> Math.max(b.max(), b.value())).max().orElse(1);
    }
  }

  /** One bar: its label (already in the reader's language), the points and the maximum. */
  public record Bar(String label, double value, double max) {
  }

  /** A value axis from {@code min} to {@code max} with a tick every {@code step}. */
  public record Scale(double min, double max, double step) {

    static Scale of(List<BigDecimal> values) {
      double lo = 0;
      double hi = 0;
      for (BigDecimal v : values) {
        lo = Math.min(lo, v.doubleValue());
        hi = Math.max(hi, v.doubleValue());
      }
      if (hi == lo) {
        hi = lo + 1;
      }
      double step = niceStep((hi - lo) / 4);
      return new Scale(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
    }

    /** 1, 2 or 5 times a power of ten. */
    private static double niceStep(double raw) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double r = raw / magnitude;
      return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude;
    }

    /** Where {@code v} sits between min (0) and max (1). */
    public double position(double v) {
      return (v - min) / (max - min);
    }

    public List<Double> ticks() {
      java.util.List<Double> ticks = new java.util.ArrayList<>();
      for (double t = min; t <= max + step / 2; t += step) {
        ticks.add(Math.abs(t) < step / 1e6 ? 0 : t);
      }
      return ticks;
    }

    /** A tick's label: no more decimals than the step needs. */
    public String label(double v, String unit) {
      int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step));
      return new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString() + unit;
    }
  }
}
