package cn.computeloan.workspace.memo;

import cn.computeloan.workspace.memo.Charts.Trend;
import cn.computeloan.workspace.web.CasePanel;
import cn.computeloan.workspace.web.Formats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The credit memo as an A4 PDF with the page's sections in the same order: text as text (selectable,
 * searchable), Chinese in the embedded font, charts drawn with lines, page numbers in the footer.
 */
@Component
public class MemoPdf {

  private final MemoFonts fonts;
  private final MessageSource messages;
  private final Formats fmt;
  private final Clock clock;

  public MemoPdf(MemoFonts fonts, MessageSource messages, Formats fmt, ObjectProvider<Clock> clock) {
    this.fonts = fonts;
    this.messages = messages;
    this.fmt = fmt;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  public byte[] render(CreditMemo memo, Locale locale, String reader) {
    MemoText t = new MemoText(messages, locale);
    CasePanel c = memo.panel();
    String name = String.valueOf(c.applicant().get("name"));
    try (PdfLayout pdf = new PdfLayout(fonts)) {
      PDDocumentInformation info = pdf.document().getDocumentInformation();
      info.setTitle(t.text("memo.title") + " · " + name);
      info.setSubject(memo.applicationId());
      info.setCreator("Compute Loan");
      info.setCreationDate(Calendar.getInstance());
      String generated = fmt.time(clock.instant());
      pdf.title(t.text("memo.title") + " · " + name, t.text("memo.subtitle", memo.applicationId(), generated, reader));
      borrower(pdf, t, c);
      statements(pdf, t, memo);
      ratios(pdf, t, memo);
      review(pdf, t, memo);
      score(pdf, t, memo);
      limit(pdf, t, c);
      guarantee(pdf, t, memo);
      pricing(pdf, t, c);
      repayment(pdf, t, memo);
      authority(pdf, t, memo);
      votes(pdf, t, c);
      policy(pdf, t, memo);
      return pdf.finish(t.text("memo.footer", name, memo.applicationId()));
    }
  }

  private void borrower(PdfLayout pdf, MemoText t, CasePanel c) {
    pdf.heading(t.text("memo.section.borrower"), 60);
    pdf.pairs(t.borrower(c, fmt));
  }

  private void statements(PdfLayout pdf, MemoText t, CreditMemo memo) {
    pdf.heading(t.text("memo.section.statements"), 80);
    List<Map<String, Object>> years = memo.statementYears();
    List<String[]> rows = new ArrayList<>();
    for (String line : memo.statementLines()) {
      String[] row = new String[years.size() + 1];
      row[0] = t.text("memo.line." + line);
      for (int i = 0; i < years.size(); i++) {
        row[i + 1] = fmt.money(memo.line(years.get(i), line));
      }
      rows.add(row);
    }
    String[] header = new String[years.size() + 1];
    header[0] = t.text("memo.item") + " (" + t.text("memo.unitMillion") + ")";
    for (int i = 0; i < years.size(); i++) {
      header[i + 1] = String.valueOf(years.get(i).get("fiscalYear"));
    }
    pdf.table(shares(years.size(), 0.31f), numeric(years.size()), header, rows);
  }

  private void ratios(PdfLayout pdf, MemoText t, CreditMemo memo) {
    CasePanel c = memo.panel();
    pdf.heading(t.text("memo.section.ratios"), 80);
    List<Map<String, Object>> years = c.years();
    if (years.isEmpty()) {
      pdf.paragraph(t.text("memo.notRecorded"), PdfLayout.BODY, PdfLayout.MUTED);
    } else {
      List<String[]> rows = new ArrayList<>();
      for (String r : c.ratioNames()) {
        String[] row = new String[years.size() + 1];
        row[0] = t.text("ratio." + r);
        for (int i = 0; i < years.size(); i++) {
          row[i + 1] = fmt.ratio(r, years.get(i).get(r));
        }
        rows.add(row);
      }
      String[] header = new String[years.size() + 1];
      header[0] = t.text("case.ratio");
      for (int i = 0; i < years.size(); i++) {
        header[i + 1] = String.valueOf(years.get(i).get("fiscalYear"));
      }
      pdf.table(shares(years.size(), 0.31f), numeric(years.size()), header, rows);
    }
    // the trends, three charts a row
    List<Trend> trends = memo.trends();
    float w = pdf.width() / 3;
    float h = 118;
    for (int i = 0; i < trends.size(); i += 3) {
      pdf.keep(h + 6);
      float top = pdf.y();
      for (int k = 0; k < 3 && i + k < trends.size(); k++) {
        PdfCharts.trend(pdf, trends.get(i + k), t::text, pdf.left() + k * w, top, w - 8, h);
      }
      pdf.space(h + 6);
    }
  }

  private void review(PdfLayout pdf, MemoText t, CreditMemo memo) {
    Map<String, Object> review = memo.panel().result("REVIEW");
    if (!section(pdf, t, "memo.section.review", 40, review)) {
      return;
    }
    pdf.paragraph(t.text("memo.outcome") + ": " + t.or("outcome." + review.get("outcome"), review.get("outcome")),
        PdfLayout.BODY + 0.5f, PdfLayout.INK);
    List<String[]> rows = new ArrayList<>();
    for (Map<String, Object> f : memo.findings()) {
      rows.add(new String[] {String.valueOf(f.get("code")), t.localized(f), String.valueOf(f.get("decisionId"))});
    }
    for (Map<String, Object> v : memo.reviewViolations()) {
      rows.add(new String[] {String.valueOf(v.get("code")), v.get("field") + ": " + v.get("message"), ""});
    }
    if (rows.isEmpty()) {
      pdf.paragraph(t.text("case.noFindings"), PdfLayout.BODY, PdfLayout.MUTED);
    } else {
      pdf.table(new float[] {0.22f, 0.53f, 0.25f}, new boolean[3],
          new String[] {"Code", t.text("case.reason"), t.text("memo.decisions")}, rows);
    }
  }

  private void score(PdfLayout pdf, MemoText t, CreditMemo memo) {
    Map<String, Object> score = memo.panel().result("SCORE");
    if (!section(pdf, t, "memo.section.score", 80, score)) {
      return;
    }
    pdf.paragraph(t.text("memo.scoreLine", fmt.number(score.get("score")), score.get("tier")), 11, PdfLayout.INK);
    List<String[]> rows = new ArrayList<>();
    for (Map<String, Object> f : memo.panel().factors()) {
      rows.add(new String[] {t.or("factor." + f.get("factor"), f.get("factor")), fmt.number(f.get("points")),
          fmt.number(f.get("maxPoints")), fmt.percent(f.get("share")), t.localized(f)});
    }
    pdf.table(new float[] {0.2f, 0.08f, 0.08f, 0.1f, 0.54f}, new boolean[] {false, true, true, true, false},
        new String[] {t.text("case.factor"), t.text("case.points"), t.text("case.maxPoints"),
            t.text("case.contribution"), t.text("case.reason")}, rows);
    var bars = memo.factorChart(f -> t.or("factor." + f, f));
    pdf.keep(bars.bars().size() * 13 + 24);
    pdf.draw(t.text("memo.chart.factors"), pdf.left(), pdf.y() - 10, 8.5f, true, PdfLayout.INK);
    pdf.space(14);
    pdf.space(PdfCharts.bars(pdf, bars, pdf.y()));
  }

  private void limit(PdfLayout pdf, MemoText t, CasePanel c) {
    Map<String, Object> limit = c.result("LIMIT");
    if (!section(pdf, t, "memo.section.limit", 60, limit)) {
      return;
    }
    pdf.paragraph(t.text("memo.requestedVsProposed", fmt.money(limit.get("requestedAmount")),
        fmt.money(limit.get("approvedAmount")), limit.get("approvedTermMonths")), PdfLayout.BODY + 0.5f, PdfLayout.INK);
    List<String[]> rows = new ArrayList<>();
    for (Map<String, Object> cap : CasePanel.list(limit.get("caps"))) {
      rows.add(new String[] {t.or("cap." + cap.get("code"), cap.get("code")), fmt.money(cap.get("amount")),
          Boolean.TRUE.equals(cap.get("binding")) ? t.text("case.bindingYes") : "", t.localized(cap)});
    }
    pdf.table(new float[] {0.2f, 0.2f, 0.12f, 0.48f}, new boolean[] {false, true, false, false},
        new String[] {t.text("case.cap"), t.text("case.amount"), t.text("case.binding"), t.text("case.reason")}, rows);
  }

  private void guarantee(PdfLayout pdf, MemoText t, CreditMemo memo) {
    Map<String, Object> g = memo.panel().result("GUARANTEE");
    if (!section(pdf, t, "memo.section.guarantee", 60, g)) {
      return;
    }
    pdf.pairs(t.cover(g, fmt));
    List<String[]> rows = new ArrayList<>();
    for (Map<String, Object> o : CasePanel.list(g.get("offers"))) {
      rows.add(new String[] {t.or("guarantee." + o.get("type"), o.get("type")),
          o.get("provider") == null ? "—" : o.get("provider").toString(), fmt.money(o.get("appraisedValue")),
          fmt.percent(o.get("haircut")), fmt.money(o.get("coverValue")),
          Boolean.TRUE.equals(o.get("selected")) ? t.text("case.yes") : t.text("case.no")});
    }
    pdf.table(new float[] {0.16f, 0.24f, 0.18f, 0.1f, 0.18f, 0.14f},
        new boolean[] {false, false, true, true, true, false},
        new String[] {t.text("case.guaranteeType"), t.text("case.provider"), t.text("case.appraised"),
            t.text("case.haircut"), t.text("case.cover"), t.text("memo.selected")}, rows);
  }

  private void pricing(PdfLayout pdf, MemoText t, CasePanel c) {
    Map<String, Object> p = c.result("PRICING");
    if (!section(pdf, t, "memo.section.pricing", 60, p)) {
      return;
    }
    List<String[]> rows = new ArrayList<>();
    for (MemoText.Pair pair : t.pricing(p, fmt)) {
      rows.add(new String[] {pair.label(), pair.value()});
    }
    pdf.table(new float[] {0.5f, 0.5f}, new boolean[] {false, true},
        new String[] {t.text("memo.components"), "bp (%)"}, rows);
  }

  private void repayment(PdfLayout pdf, MemoText t, CreditMemo memo) {
    Map<String, Object> plan = memo.repayment();
    if (!section(pdf, t, "memo.section.repayment", 60, plan)) {
      return;
    }
    pdf.pairs(t.repayment(plan, fmt));
    List<String[]> rows = new ArrayList<>();
    for (Map<String, Object> y : memo.repaymentYears()) {
      rows.add(new String[] {String.valueOf(y.get("year")), fmt.money(y.get("cashAvailable")),
          fmt.money(y.get("debtService")), fmt.times(y.get("dscr"))});
    }
    if (!rows.isEmpty()) {
      pdf.table(new float[] {0.16f, 0.32f, 0.32f, 0.2f}, new boolean[] {false, true, true, true},
          new String[] {t.text("memo.year"), t.text("memo.cashAvailable"), t.text("memo.debtService"),
              t.text("memo.dscr")}, rows);
    }
  }

  private void authority(PdfLayout pdf, MemoText t, CreditMemo memo) {
    Map<String, Object> a = memo.authority();
    if (!section(pdf, t, "memo.section.authority", 30, a)) {
      return;
    }
    pdf.pairs(t.authority(a));
  }

  private void votes(PdfLayout pdf, MemoText t, CasePanel c) {
    pdf.heading(t.text("memo.section.votes"), 40);
    List<Map<String, Object>> history = c.history();
    if (history.isEmpty()) {
      pdf.paragraph(t.text("case.noHistory"), PdfLayout.BODY, PdfLayout.MUTED);
      return;
    }
    List<String[]> rows = new ArrayList<>();
    for (Map<String, Object> h : history) {
      rows.add(t.historyRow(h, fmt));
    }
    pdf.table(new float[] {0.1f, 0.14f, 0.12f, 0.12f, 0.18f, 0.34f}, new boolean[6],
        new String[] {t.text("memo.round"), t.text("case.seat"), t.text("case.decision"), t.text("memo.who"),
            t.text("memo.when"), t.text("case.comment")}, rows);
  }

  private void policy(PdfLayout pdf, MemoText t, CreditMemo memo) {
    pdf.heading(t.text("memo.section.policy"), 40);
    List<String[]> rows = new ArrayList<>();
    for (CreditMemo.PolicyRow r : memo.policies()) {
      rows.add(new String[] {t.step(r.step()), r.versions(), r.decisions(), r.actor(), fmt.time(r.recordedAt())});
    }
    pdf.table(new float[] {0.12f, 0.37f, 0.2f, 0.15f, 0.16f}, new boolean[5],
        new String[] {t.text("memo.step"), t.text("memo.versions"), t.text("memo.decisions"),
            t.text("memo.recordedBy"), t.text("memo.recordedAt")}, rows);
  }

  /** A section's heading; false (and says so) when the case has not recorded what it shows yet. */
  private static boolean section(PdfLayout pdf, MemoText t, String key, float following, Map<String, Object> recorded) {
    pdf.heading(t.text(key), following);
    if (recorded.isEmpty()) {
      pdf.paragraph(t.text("memo.notRecorded"), PdfLayout.BODY, PdfLayout.MUTED);
      return false;
    }
    return true;
  }

  private static float[] shares(int years, float first) {
    float[] w = new float[years + 1];
    w[0] = first;
    for (int i = 1; i <= years; i++) {
      w[i] = (1 - first) / Math.max(1, years);
    }
    return w;
  }

  private static boolean[] numeric(int years) {
    boolean[] n = new boolean[years + 1];
    for (int i = 1; i <= years; i++) {
      n[i] = true;
    }
    return n;
  }
}
