package cn.computeloan.workspace.memo;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * A small flowing layout on A4 pages for the memo PDF: headings, paragraphs, tables that break
 * across pages (header repeated), blocks kept together, and page numbers in the footer. Text is
 * drawn as text (selectable), each character in the font that has it ({@link MemoFonts}).
 */
final class PdfLayout implements AutoCloseable {

  static final float MARGIN = 48;
  static final float FOOTER = 28;
  static final float BODY = 9.5f;
  static final Color RULE = new Color(0xcc, 0xd3, 0xdc);
  static final Color SHADE = new Color(0xee, 0xf2, 0xf7);
  static final Color INK = new Color(0x1d, 0x25, 0x30);
  static final Color MUTED = new Color(0x5a, 0x66, 0x75);

  private final PDDocument doc = new PDDocument();
  private final MemoFonts fontChoice;
  private final MemoFonts.Set fonts;
  private PDPageContentStream out;
  private float y;

  PdfLayout(MemoFonts fonts) {
    this.fontChoice = fonts;
    this.fonts = fonts.load(doc);
  }

  PDDocument document() {
    return doc;
  }

  float left() {
    return MARGIN;
  }

  float width() {
    return PDRectangle.A4.getWidth() - 2 * MARGIN;
  }

  float y() {
    return y;
  }

  PDPageContentStream out() {
    return out;
  }

  void newPage() {
    try {
      if (out != null) {
        out.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      out = new PDPageContentStream(doc, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a new page unless {@code height} still fits on this one. */
  void keep(float height) {
    if (out == null || y - height < MARGIN + FOOTER) {
      newPage();
    }
  }

  void space(float height) {
    y -= height;
  }

  void title(String text, String subtitle) {
    keep(60);
    draw(text, MARGIN, y - 20, 18, true, INK);
    y -= 30;
    if (subtitle != null) {
      draw(subtitle, MARGIN, y - 10, BODY, false, MUTED);
      y -= 18;
    }
    rule(y, INK, 1.2f);
    y -= 8;
  }

  /** A section heading; it keeps {@code following} points of what comes after on the same page. */
  void heading(String text, float following) {
    keep(28 + following);
    y -= 10;
    draw(text, MARGIN, y - 12, 12.5f, true, INK);
    y -= 17;
    rule(y, RULE, 0.6f);
    y -= 6;
  }

  void paragraph(String text, float size, Color colour) {
    for (String line : wrap(text, size, false, width())) {
      keep(size * 1.5f);
      draw(line, MARGIN, y - size, size, false, colour);
      y -= size * 1.5f;
    }
  }

  /** Label–value pairs in two columns of pairs. */
  void pairs(List<MemoText.Pair> pairs) {
    float colW = width() / 2;
    float labelW = 92;
    for (int i = 0; i < pairs.size(); i += 2) {
      float rowH = 0;
      for (int k = 0; k < 2 && i + k < pairs.size(); k++) {
        rowH = Math.max(rowH, wrap(pairs.get(i + k).value(), BODY, false, colW - labelW - 8).size() * BODY * 1.45f);
      }
      keep(rowH + 4);
      for (int k = 0; k < 2 && i + k < pairs.size(); k++) {
        float x = MARGIN + k * colW;
        draw(pairs.get(i + k).label(), x, y - BODY, BODY, false, MUTED);
        float ly = y;
        for (String line : wrap(pairs.get(i + k).value(), BODY, false, colW - labelW - 8)) {
          draw(line, x + labelW, ly - BODY, BODY, false, INK);
          ly -= BODY * 1.45f;
        }
      }
      y -= rowH + 3;
    }
  }

  /**
   * A table: {@code widths} are shares of the text width; {@code numeric} columns are right-aligned.
   * A row that does not fit goes to the next page, under the header again.
   */
  void table(float[] widths, boolean[] numeric, String[] header, List<String[]> rows) {
    float[] w = new float[widths.length];
    for (int i = 0; i < widths.length; i++) {
      w[i] = widths[i] * width();
    }
    float size = BODY - 0.5f;
    keep(rowHeight(w, header, size) + rowHeight(w, rows.isEmpty() ? header : rows.get(0), size));
    row(w, numeric, header, size, true);
    for (String[] cells : rows) {
      float h = rowHeight(w, cells, size);
      if (y - h < MARGIN + FOOTER) {
        newPage();
        row(w, numeric, header, size, true);
      }
      row(w, numeric, cells, size, false);
    }
    y -= 4;
  }

  private float rowHeight(float[] w, String[] cells, float size) {
    int lines = 1;
    for (int i = 0; i < cells.length; i++) {
      lines = Math.max(lines, wrap(cells[i], size, false, w[i] - 6).size());
    }
    return lines * size * 1.4f + 5;
  }

  private void row(float[] w, boolean[] numeric, String[] cells, float size, boolean header) {
    float h = rowHeight(w, cells, size);
    try {
      if (header) {
        out.setNonStrokingColor(SHADE);
        out.addRect(MARGIN, y - h, width(), h);
        out.fill();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    float x = MARGIN;
    for (int i = 0; i < cells.length; i++) {
      float ly = y - 3;
      for (String line : wrap(cells[i], size, header, w[i] - 6)) {
        float tx = numeric[i] ? x + w[i] - 3 - textWidth(line, size, header) : x + 3;
        draw(line, tx, ly - size, size, header, header ? MUTED : INK);
        ly -= size * 1.4f;
      }
      x += w[i];
    }
    y -= h;
    rule(y, RULE, 0.4f);
  }

  void rule(float at, Color colour, float lineWidth) {
    try {
      out.setStrokingColor(colour);
      out.setLineWidth(lineWidth);
      out.moveTo(MARGIN, at);
      out.lineTo(MARGIN + width(), at);
      out.stroke();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Draws one line of text at a baseline, switching fonts where the script changes. */
  void draw(String text, float x, float baseline, float size, boolean bold, Color colour) {
    if (text == null || text.isEmpty()) {
      return;
    }
    try {
      out.beginText();
      out.setNonStrokingColor(colour);
      out.newLineAtOffset(x, baseline);
      for (Run run : runs(text, bold)) {
        out.setFont(run.font(), size);
        out.showText(run.text());
      }
      out.endText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  float textWidth(String text, float size, boolean bold) {
    float w = 0;
    try {
      for (Run run : runs(text, bold)) {
        w += run.font().getStringWidth(run.text()) / 1000 * size;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w;
  }

  /** Lines no wider than {@code max}: Chinese breaks anywhere, Latin words at spaces where possible. */
  List<String> wrap(String text, float size, boolean bold, float max) {
    List<String> lines = new ArrayList<>();
    if (text == null) {
      lines.add("");
      return lines;
    }
    for (String paragraph : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < paragraph.length(); i++) {
        line.append(paragraph.charAt(i));
        if (line.length() > 1 && textWidth(line.toString(), size, bold) > max) {
          int space = line.lastIndexOf(" ");
          boolean latin = paragraph.charAt(i) < 0x2e80;
          int cut = latin && space > 0 ? space + 1 : line.length() - 1;
          lines.add(line.substring(0, cut).stripTrailing());
          line.delete(0, cut);
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private record Run(PDFont font, String text) {
  }

  private List<Run> runs(String text, boolean bold) {
    List<Run> runs = new ArrayList<>();
    PDFont latin = bold ? fonts.latinBold() : fonts.latin();
    StringBuilder current = new StringBuilder();
    PDFont font = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      PDFont f;
      String drawn;
      if (fontChoice.latinOr(c) != 0) {
        f = latin;
        drawn = String.valueOf(c);
      } else if (fontChoice.cjk(c)) {
        f = fonts.cjk();
        drawn = String.valueOf(c);
      } else {
        f = latin;
        drawn = MemoFonts.standIn(c);
      }
      if (f != font && current.length() > 0) {
        runs.add(new Run(font, current.toString()));
        current.setLength(0);
      }
      font = f;
      current.append(drawn);
    }
    if (current.length() > 0) {
      runs.add(new Run(font, current.toString()));
    }
    return runs;
  }

  /** Closes the last page, numbers every page ("{@code footer} · n / total") and writes the file. */
  byte[] finish(String footer) {
    try {
      out.close();
      out = null;
      int total = doc.getNumberOfPages();
      for (int i = 0; i < total; i++) {
        try (PDPageContentStream foot = new PDPageContentStream(doc, doc.getPage(i),
            PDPageContentStream.AppendMode.APPEND, true, true)) {
          out = foot;
          rule(MARGIN + 12, RULE, 0.4f);
          draw(footer, MARGIN, MARGIN, 7.5f, false, MUTED);
          String number = (i + 1) + " / " + total;
          draw(number, MARGIN + width() - textWidth(number, 7.5f, false), MARGIN, 7.5f, false, MUTED);
        }
      }
      out = null;
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      doc.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
