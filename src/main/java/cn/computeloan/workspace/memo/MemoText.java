package cn.computeloan.workspace.memo;

import cn.computeloan.workspace.web.CasePanel;
import cn.computeloan.workspace.web.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;

/**
 * The memo's texts in the reader's language, and the label–value lists that the page and the PDF
 * both show (so the two say the same thing).
 */
public final class MemoText {

  private final MessageSource messages;
  private final Locale locale;

  public MemoText(MessageSource messages, Locale locale) {
    this.messages = messages;
    this.locale = locale;
  }

  /** A label and its value, both ready to show. */
  public record Pair(String label, String value) {
  }

  public String text(String key, Object... args) {
    return messages.getMessage(key, args, key, locale);
  }

  /** The message for {@code key}, or the value itself when there is none (a code the texts do not know). */
  public String or(String key, Object fallback) {
    return messages.getMessage(key, null, String.valueOf(fallback), locale);
  }

  /** The reason of a fired rule, a cap or a factor, in the reader's language. */
  public String localized(Map<String, Object> reasoned) {
    Object v = "en".equals(locale.getLanguage()) ? reasoned.get("reasonEn") : reasoned.get("reasonZh");
    return v == null ? "" : v.toString();
  }

  /** A step's name: {@code APPROVAL-2} is the second round's votes. */
  public String step(String step) {
    if (step.startsWith("APPROVAL-")) {
      return text("memo.step.APPROVAL") + " · " + text("case.round", step.substring("APPROVAL-".length()));
    }
    return or("memo.step." + step, step);
  }

  public List<Pair> borrower(CasePanel c, Formats fmt) {
    Map<String, Object> app = c.application();
    Map<String, Object> who = c.applicant();
    List<Pair> pairs = new ArrayList<>();
    pairs.add(new Pair(text("case.name"), str(who.get("name"))));
    pairs.add(new Pair(text("case.code"), str(who.get("unifiedSocialCreditCode"))));
    pairs.add(new Pair(text("case.segment"), or("segment." + who.get("segment"), who.get("segment"))));
    pairs.add(new Pair(text("case.fundingStage"), or("stage." + who.get("fundingStage"), who.get("fundingStage"))));
    pairs.add(new Pair(text("case.founded"), str(who.get("foundingDate"))));
    pairs.add(new Pair(text("case.product"), or("product." + app.get("product"), app.get("product"))));
    pairs.add(new Pair(text("case.requested"), fmt.money(app.get("requestedAmount"))));
    pairs.add(new Pair(text("case.term"), text("case.months", app.get("termMonths"))));
    if (app.get("projectTotalInvestment") != null) {
      pairs.add(new Pair(text("case.projectInvestment"), fmt.money(app.get("projectTotalInvestment"))));
    }
    if (app.get("esgRating") != null) {
      pairs.add(new Pair(text("case.esg"), str(app.get("esgRating"))));
    }
    pairs.add(new Pair(text("case.status"), or("status." + c.get("status"), c.get("status"))));
    pairs.add(new Pair(text("case.submitted"), c.get("submittedBy") + " · " + fmt.time(c.get("submittedAt"))));
    return pairs;
  }

  public List<Pair> cover(Map<String, Object> g, Formats fmt) {
    return List.of(
        new Pair(text("case.requiredCover"), fmt.money(g.get("requiredCover")) + " (" + fmt.percent(
            g.get("requiredCoverRatio")) + ")"),
        new Pair(text("case.selectedCover"), fmt.money(g.get("selectedCover"))),
        new Pair(text("case.coverRatio"), fmt.percent(g.get("achievedCoverRatio"))),
        new Pair(text("case.requirementMet"), Boolean.TRUE.equals(g.get("requirementMet")) ? text("case.yes")
            : text("case.no") + " · " + text("case.shortfall") + " " + fmt.money(g.get("shortfall"))));
  }

  /** Base + premium − ESG = final; the subsidy and the effective rate when a subsidy applies. */
  public List<Pair> pricing(Map<String, Object> p, Formats fmt) {
    List<Pair> pairs = new ArrayList<>();
    pairs.add(new Pair(text("case.baseRate") + " (" + str(p.get("baseRateName")) + ")", fmt.bp(p.get("baseRateBp"))));
    pairs.add(new Pair("+ " + text("case.riskPremium"), fmt.bp(p.get("riskPremiumBp"))));
    pairs.add(new Pair("− " + text("case.esgDiscount"), fmt.bp(p.get("esgDiscountBp"))));
    pairs.add(new Pair("= " + text("case.finalRate"), fmt.bp(p.get("finalRateBp"))));
    Map<String, Object> subsidy = CasePanel.map(p.get("subsidy"));
    if (Boolean.TRUE.equals(subsidy.get("eligible"))) {
      pairs.add(new Pair(text("memo.subsidyProgramme"), str(subsidy.get("programme")) + " · " + str(
          subsidy.get("issuer"))));
      pairs.add(new Pair("− " + text("memo.subsidyBp"), fmt.bp(subsidy.get("subsidyBp"))));
      pairs.add(new Pair("= " + text("memo.effectiveRate"), fmt.bp(p.get("effectiveRateBp"))));
    }
    return pairs;
  }

  public List<Pair> repayment(Map<String, Object> plan, Formats fmt) {
    return List.of(
        new Pair(text("memo.method"), or("memo.method." + plan.get("method"), plan.get("method"))),
        new Pair(text("memo.periods"), str(plan.get("periods"))),
        new Pair(text("memo.firstPayment"), fmt.money(plan.get("firstPayment"))),
        new Pair(text("memo.largestPayment"), fmt.money(plan.get("largestPayment"))),
        new Pair(text("memo.totalInterest"), fmt.money(plan.get("totalInterest"))),
        new Pair(text("memo.totalSubsidy"), fmt.money(plan.get("totalSubsidy"))),
        new Pair(text("memo.maturity"), str(plan.get("maturity"))),
        new Pair(text("memo.lowestDscr") + " / " + text("memo.minimumDscr"),
            fmt.times(plan.get("lowestDscr")) + " / " + fmt.times(plan.get("minimumDscr"))));
  }

  /** The authority the votes were cast under: level, approvals required, voting group. */
  public List<Pair> authority(Map<String, Object> a) {
    return List.of(new Pair(text("memo.level"), or("memo.level." + a.get("authorityLevel"), a.get("authorityLevel"))),
        new Pair(text("memo.requiredApprovals"), str(a.get("requiredApprovals"))),
        new Pair(text("memo.votingGroup"), or("group." + a.get("group"), a.get("group"))));
  }

  /** A proposal or a vote: round, seat, decision, who, when, comment (and the amount agreed). */
  public String[] historyRow(Map<String, Object> h, Formats fmt) {
    boolean preparation = "PREPARATION".equals(h.get("kind"));
    String decision = or((preparation ? "recommendation." : "decision.") + h.get("decision"), h.get("decision"));
    String comment = str(h.get("comment"));
    if (h.get("approvedAmount") != null) {
      comment = text("case.approvedAmount") + " " + fmt.money(h.get("approvedAmount"))
          + (comment.isEmpty() ? "" : " · " + comment);
    }
    return new String[] {str(h.get("round")), preparation ? text("case.preparation")
        : text("case.seat") + " " + str(h.get("seat")), decision, str(h.get("actor")), fmt.time(h.get("at")), comment};
  }

  private static String str(Object v) {
    return v == null ? "" : v.toString();
  }
}
