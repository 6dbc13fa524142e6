package cn.computeloan.workspace.memo;

import cn.computeloan.workspace.memo.Charts.Bar;
import cn.computeloan.workspace.memo.Charts.Bars;
import cn.computeloan.workspace.memo.Charts.Scale;
import cn.computeloan.workspace.memo.Charts.Series;
import cn.computeloan.workspace.memo.Charts.Trend;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.function.Function;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/** The memo's charts drawn into the PDF with lines and rectangles, as {@link SvgCharts} draws them in the page. */
final class PdfCharts {

  private static final Color[] COLOURS = {new Color(0x1f, 0x5f, 0xa8), new Color(0xc0, 0x39, 0x2b),
      new Color(0x2e, 0x8b, 0x57)};

  private PdfCharts() {
  }

  /** A trend chart in the box whose top left corner is ({@code x}, {@code top}). */
  static void trend(PdfLayout pdf, Trend t, Function<String, String> text, float x, float top, float w, float h) {
    PDPageContentStream out = pdf.out();
    float left = x + 34;
    float plotW = w - 40;
    float plotTop = top - 16;
    float plotH = h - 16 - 26;
    Scale scale = t.scale();
    pdf.draw(text.apply(t.titleKey()), x, top - 9, 8.5f, true, PdfLayout.INK);
    try {
      for (double tick : scale.ticks()) {
        float y = (float) (plotTop - plotH * (1 - scale.position(tick)));
        out.setStrokingColor(tick == 0 ? PdfLayout.MUTED : PdfLayout.RULE);
        out.setLineWidth(tick == 0 ? 0.6f : 0.3f);
        out.moveTo(left, y);
        out.lineTo(left + plotW, y);
        out.stroke();
        String label = scale.label(tick, t.unit());
        pdf.draw(label, left - 3 - pdf.textWidth(label, 6.5f, false), y - 2, 6.5f, false, PdfLayout.MUTED);
      }
      int years = t.years().size();
      for (int i = 0; i < years; i++) {
        String year = String.valueOf(t.years().get(i));
        float px = (float) (left + plotW * (i + 0.5) / years);
        pdf.draw(year, px - pdf.textWidth(year, 6.5f, false) / 2, plotTop - plotH - 9, 6.5f, false, PdfLayout.MUTED);
      }
      for (int k = 0; k < t.series().size(); k++) {
        Series s = t.series().get(k);
        out.setStrokingColor(COLOURS[k % COLOURS.length]);
        out.setNonStrokingColor(COLOURS[k % COLOURS.length]);
        out.setLineWidth(1.4f);
        boolean started = false;
        for (int i = 0; i < years; i++) {
          BigDecimal v = s.values().get(i);
          if (v == null) {
            continue;
          }
          float px = (float) (left + plotW * (i + 0.5) / years);
          float py = (float) (plotTop - plotH * (1 - scale.position(v.doubleValue())));
          if (started) {
            out.lineTo(px, py);
          } else {
            out.moveTo(px, py);
            started = true;
          }
        }
        out.stroke();
        for (int i = 0; i < years; i++) {
          BigDecimal v = s.values().get(i);
          if (v != null) {
            float px = (float) (left + plotW * (i + 0.5) / years);
            float py = (float) (plotTop - plotH * (1 - scale.position(v.doubleValue())));
            out.addRect(px - 1.8f, py - 1.8f, 3.6f, 3.6f);
            out.fill();
          }
        }
        if (t.series().size() > 1) {
          float lx = left + k * (plotW / t.series().size());
          out.addRect(lx, top - h + 4, 8, 3);
          out.fill();
          pdf.draw(text.apply(s.nameKey()), lx + 11, top - h + 3, 6.5f, false, PdfLayout.INK);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Horizontal bars, one row each, from the current position; returns the height used. */
  static float bars(PdfLayout pdf, Bars b, float top) {
    PDPageContentStream out = pdf.out();
    float rowH = 13;
    float labelW = 120;
    float plotW = pdf.width() - labelW - 60;
    double max = b.largestMax();
    try {
      for (int i = 0; i < b.bars().size(); i++) {
        Bar bar = b.bars().get(i);
        float y = top - (i + 1) * rowH;
        pdf.draw(bar.label(), pdf.left(), y + 3, 7.5f, false, PdfLayout.INK);
        out.setNonStrokingColor(PdfLayout.SHADE);
        out.addRect(pdf.left() + labelW, y + 1, (float) (plotW * bar.max() / max), 9);
        out.fill();
        out.setNonStrokingColor(COLOURS[0]);
        out.addRect(pdf.left() + labelW, y + 1, (float) (plotW * Math.max(0, bar.value()) / max), 9);
        out.fill();
        pdf.draw(SvgCharts.num(bar.value()) + " / " + SvgCharts.num(bar.max()), pdf.left() + labelW + plotW + 6, y + 3,
            7.5f, false, PdfLayout.MUTED);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.bars().size() * rowH + 4;
  }
}
