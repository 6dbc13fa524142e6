package cn.computeloan.process;

import cn.computeloan.credit.guarantee.CollateralCheck;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.repayment.RepaymentPeriod;
import cn.computeloan.credit.repayment.RepaymentSchedule;
import cn.computeloan.credit.repayment.RepaymentStatus;
import cn.computeloan.process.CaseFile.RecordedStep;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A disbursed loan against what it promised, as post-loan monitoring checks it: the repayments the
 * core banking system reported against the schedule fixed at disbursement, and the selected
 * guarantees re-valued against the cover the outstanding principal needs. Read from the case file
 * and the repayment ledger, never from process variables.
 */
@Component
public class LoanServicing {

  /** The step subsidy claims are recorded under. */
  public static final String SUBSIDY_CLAIMS = "SUBSIDY_CLAIMS";

  private final CaseFile caseFile;
  private final CaseAssessment assessment;
  private final RepaymentLedger ledger;

  public LoanServicing(CaseFile caseFile, CaseAssessment assessment, RepaymentLedger ledger) {
    this.caseFile = caseFile;
    this.assessment = assessment;
    this.ledger = ledger;
  }

  /** The loan's repayments on {@code asOf}, if it has a schedule. */
  public Optional<RepaymentStatus> repayments(String applicationId, LocalDate asOf) {
    List<RecordedStep> schedules = caseFile.recorded(applicationId, RecordedPlans.SCHEDULE);
    if (schedules.isEmpty()) {
      return Optional.empty();
    }
    Object grace = schedules.get(schedules.size() - 1).result().get("graceDays");
    int graceDays = grace instanceof Number n ? n.intValue() : assessment.policy().parameters().repaymentGraceDays();
    RepaymentSchedule schedule = RecordedPlans.schedule(caseFile, applicationId).orElseThrow();
    return Optional.of(RepaymentStatus.of(schedule, ledger.payments(applicationId), asOf, graceDays));
  }

  /**
   * The selected guarantees re-valued on {@code asOf} against the cover the principal then outstanding
   * requires, if the loan was disbursed.
   *
   * @param rentalPrice the rental price the borrower earns now (null: the one it applied with)
   */
  @SuppressWarnings("unchecked")
  public Optional<CollateralCheck> collateral(String applicationId, LoanApplication app, LocalDate asOf,
      BigDecimal rentalPrice) {
    List<RecordedStep> disbursements = caseFile.recorded(applicationId, "DISBURSEMENT");
    List<RecordedStep> guarantees = caseFile.recorded(applicationId, "GUARANTEE");
    if (disbursements.isEmpty() || guarantees.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> disbursed = disbursements.get(disbursements.size() - 1).result();
    Map<String, Object> guarantee = guarantees.get(guarantees.size() - 1).result();
    List<CollateralCheck.Selected> selected = new ArrayList<>();
    for (Object o : (List<Object>) guarantee.getOrDefault("offers", List.of())) {
      Map<String, Object> offer = (Map<String, Object>) o;
      if (Boolean.TRUE.equals(offer.get("selected"))) {
        selected.add(new CollateralCheck.Selected(((Number) offer.get("offerIndex")).intValue(),
            new BigDecimal(String.valueOf(offer.get("coverValue")))));
      }
    }
    LocalDate since = LoanDates.dayOf(java.time.Instant.parse(String.valueOf(disbursed.get("disbursedAt"))));
    BigDecimal outstanding = RecordedPlans.schedule(caseFile, applicationId).map(s -> s.outstandingAfter(asOf))
        .orElse(new BigDecimal(String.valueOf(disbursed.get("amount"))));
    BigDecimal ratio = new BigDecimal(String.valueOf(guarantee.get("requiredCoverRatio")));
    BigDecimal price = rentalPrice != null ? rentalPrice
        : app.computeProfile() == null ? null : app.computeProfile().rentalPricePerGpuHour();
    int months = (int) Math.max(0, ChronoUnit.MONTHS.between(since, asOf));
    return Optional.of(assessment.policy().revalueCollateral(app, selected, ratio, outstanding, months, price));
  }

  /** The overdue instalments as the risk manager's form lists them. */
  public static List<Map<String, Object>> arrears(RepaymentStatus status) {
    return status.overdue().stream().map(o -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("period", o.number());
      m.put("dueDate", o.dueDate().toString());
      m.put("payment", o.payment());
      m.put("unpaid", o.unpaid());
      m.put("daysPastDue", o.daysPastDue());
      return m;
    }).toList();
  }

  /**
   * Subsidy the bank may now claim from the issuer: each instalment the borrower paid in full, due by
   * {@code status.asOf()}, whose interest the subsidy shares and which was not claimed before.
   */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> newSubsidyClaims(String applicationId, RepaymentStatus status) {
    Optional<RepaymentSchedule> schedule = RecordedPlans.schedule(caseFile, applicationId);
    if (schedule.isEmpty() || schedule.get().terms().subsidy() == null) {
      return List.of();
    }
    Set<Integer> claimed = new HashSet<>();
    for (RecordedStep step : caseFile.recorded(applicationId, SUBSIDY_CLAIMS)) {
      for (Object c : (List<Object>) step.result().getOrDefault("claims", List.of())) {
        claimed.add(((Number) ((Map<String, Object>) c).get("period")).intValue());
      }
    }
    var subsidy = schedule.get().terms().subsidy();
    List<Map<String, Object>> claims = new ArrayList<>();
    for (RepaymentPeriod p : schedule.get().periods()) {
      if (p.subsidy().signum() > 0 && !p.dueDate().isAfter(status.asOf())
          && status.paidPeriods().contains(p.number()) && !claimed.contains(p.number())) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("period", p.number());
        claim.put("dueDate", p.dueDate().toString());
        claim.put("interest", p.interest());
        claim.put("subsidy", p.subsidy());
        claim.put("programme", subsidy.programme());
        claim.put("issuer", subsidy.issuer());
        claims.add(claim);
      }
    }
    return claims;
  }
}
