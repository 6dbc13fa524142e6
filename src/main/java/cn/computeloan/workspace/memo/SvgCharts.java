package cn.computeloan.workspace.memo;

import cn.computeloan.workspace.memo.Charts.Bar;
import cn.computeloan.workspace.memo.Charts.Bars;
import cn.computeloan.workspace.memo.Charts.Scale;
import cn.computeloan.workspace.memo.Charts.Series;
import cn.computeloan.workspace.memo.Charts.Trend;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Function;

/**
 * The memo's charts as inline SVG, drawn on the server (no script in the browser, printable).
 * Every point carries its year ({@code data-year}); every text is escaped.
 */
public final class SvgCharts {

  static final String[] COLOURS = {"#1f5fa8", "#c0392b", "#2e8b57"};
  private static final int W = 320;
  private static final int H = 180;
  private static final int LEFT = 48;
  private static final int RIGHT = 12;
  private static final int TOP = 28;
  private static final int BOTTOM = 36;

  private SvgCharts() {
  }

  public static String trend(Trend t, Function<String, String> text) {
    Scale scale = t.scale();
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart trend\" id=\"chart-").append(esc(t.id()))
        .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\" aria-label=\"")
        .append(esc(text.apply(t.titleKey()))).append("\">");
    s.append("<text class=\"title\" x=\"").append(LEFT).append("\" y=\"16\">").append(esc(text.apply(t.titleKey())))
        .append("</text>");
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - BOTTOM;
    for (double tick : scale.ticks()) {
      double y = TOP + plotH * (1 - scale.position(tick));
      s.append("<line class=\"grid").append(tick == 0 ? " zero" : "").append("\" x1=\"").append(LEFT)
          .append("\" x2=\"").append(W - RIGHT).append("\" y1=\"").append(n(y)).append("\" y2=\"").append(n(y))
          .append("\"/>");
      s.append("<text class=\"axis\" text-anchor=\"end\" x=\"").append(LEFT - 4).append("\" y=\"").append(n(y + 3))
          .append("\">").append(esc(scale.label(tick, t.unit()))).append("</text>");
    }
    int years = t.years().size();
    for (int i = 0; i < years; i++) {
      s.append("<text class=\"axis\" text-anchor=\"middle\" x=\"").append(n(x(i, years, plotW))).append("\" y=\"")
          .append(H - BOTTOM + 14).append("\">").append(t.years().get(i)).append("</text>");
    }
    for (int k = 0; k < t.series().size(); k++) {
      Series series = t.series().get(k);
      String colour = COLOURS[k % COLOURS.length];
      StringBuilder path = new StringBuilder();
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < years; i++) {
        BigDecimal v = series.values().get(i);
        if (v == null) {
          continue;
        }
        double x = x(i, years, plotW);
        double y = TOP + plotH * (1 - scale.position(v.doubleValue()));
        path.append(path.length() == 0 ? "M" : " L").append(n(x)).append(' ').append(n(y));
        points.append("<circle class=\"point\" data-year=\"").append(t.years().get(i)).append("\" cx=\"").append(n(x))
            .append("\" cy=\"").append(n(y)).append("\" r=\"3\" fill=\"").append(colour).append("\"><title>")
            .append(t.years().get(i)).append(": ").append(esc(scale.label(v.doubleValue(), t.unit())))
            .append("</title></circle>");
      }
      s.append("<g class=\"series\" data-series=\"").append(esc(series.nameKey())).append("\">");
      s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
          .append("\" stroke-width=\"2\"/>").append(points).append("</g>");
      if (t.series().size() > 1) {
        double lx = LEFT + k * (plotW / t.series().size());
        s.append("<rect x=\"").append(n(lx)).append("\" y=\"").append(H - 14).append("\" width=\"10\" height=\"4\" fill=\"")
            .append(colour).append("\"/><text class=\"legend\" x=\"").append(n(lx + 14)).append("\" y=\"")
            .append(H - 9).append("\">").append(esc(text.apply(series.nameKey()))).append("</text>");
      }
    }
    return s.append("</svg>").toString();
  }

  public static String bars(Bars b, Function<String, String> text) {
    int rowH = 22;
    int labelW = 150;
    int width = 640;
    int height = 30 + rowH * b.bars().size();
    double plotW = width - labelW - 70;
    double max = b.largestMax();
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" id=\"chart-").append(esc(b.id()))
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
        .append(esc(text.apply(b.titleKey()))).append("\">");
    s.append("<text class=\"title\" x=\"0\" y=\"16\">").append(esc(text.apply(b.titleKey()))).append("</text>");
    for (int i = 0; i < b.bars().size(); i++) {
      Bar bar = b.bars().get(i);
      double y = 26 + i * rowH;
      s.append("<g class=\"bar\"><text class=\"axis\" x=\"0\" y=\"").append(n(y + 12)).append("\">")
          .append(esc(bar.label())).append("</text>");
      s.append("<rect class=\"max\" x=\"").append(labelW).append("\" y=\"").append(n(y + 2)).append("\" width=\"")
          .append(n(plotW * bar.max() / max)).append("\" height=\"14\"/>");
      s.append("<rect class=\"value\" x=\"").append(labelW).append("\" y=\"").append(n(y + 2)).append("\" width=\"")
          .append(n(plotW * Math.max(0, bar.value()) / max)).append("\" height=\"14\" fill=\"").append(COLOURS[0])
          .append("\"/>");
      s.append("<text class=\"axis\" x=\"").append(n(labelW + plotW + 6)).append("\" y=\"").append(n(y + 12))
          .append("\">").append(num(bar.value())).append(" / ").append(num(bar.max())).append("</text></g>");
    }
    return s.append("</svg>").toString();
  }

  static double x(int i, int count, double plotW) {
    return LEFT + plotW * (i + 0.5) / count;
  }

  static String num(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
