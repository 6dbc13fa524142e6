package cn.computeloan.process.worker;

import cn.computeloan.credit.guarantee.CollateralCheck;
import cn.computeloan.credit.model.WarningLevel;
import cn.computeloan.credit.repayment.RepaymentStatus;
import cn.computeloan.credit.warning.EarlyWarningResult;
import cn.computeloan.credit.warning.EarlyWarningService;
import cn.computeloan.credit.warning.LoanStanding;
import cn.computeloan.credit.warning.MonitoringSnapshot;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import cn.computeloan.process.LoanDates;
import cn.computeloan.process.LoanServicing;
import cn.computeloan.process.MonitoringDates;
import cn.computeloan.process.MonitoringIndicators;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Task_AssessEarlyWarning: each quarter, the borrower's refreshed indicators against the data the
 * loan was approved on, with the loan's own standing: repayments against the schedule and the
 * selected guarantees re-valued (GPU equipment along its depreciation curve at today's rental
 * market) against the cover the outstanding principal needs; a shortfall is a WARNING (demand more
 * collateral). No report since the last review is itself a WATCH signal: monitoring must not go
 * blind silently. The assessment's day is the timer's ({@code nextAssessmentAt}), and the next one
 * is a monitoring interval after it.
 */
@Component
public class AssessEarlyWarningWorker {

  static final String TYPE = "assess-early-warning";
  private final CaseAssessment assessment;
  private final CaseFile caseFile;
  private final MonitoringIndicators indicators;
  private final LoanServicing servicing;
  private final Clock clock;

  public AssessEarlyWarningWorker(CaseAssessment assessment, CaseFile caseFile, MonitoringIndicators indicators,
      LoanServicing servicing, ObjectProvider<Clock> clock) {
    this.assessment = assessment;
    this.caseFile = caseFile;
    this.indicators = indicators;
    this.servicing = servicing;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @JobWorker(type = TYPE, fetchVariables = {"applicationId", "nextAssessmentAt", "monitoringInterval"})
  public Map<String, Object> assess(ActivatedJob job, @Variable String applicationId,
      @Variable(optional = true) String nextAssessmentAt, @Variable(optional = true) String monitoringInterval) {
    var approved = assessment.application(applicationId);
    var latest = indicators.latest(applicationId);
    LocalDate asOf = nextAssessmentAt == null ? LoanDates.today(clock) : LoanDates.dayOf(nextAssessmentAt);
    Optional<RepaymentStatus> repayments = servicing.repayments(applicationId, asOf);
    BigDecimal rentalPrice = latest.map(s -> s.computeProfile() == null ? null
        : s.computeProfile().rentalPricePerGpuHour()).orElse(null);
    Optional<CollateralCheck> collateral = servicing.collateral(applicationId, approved, asOf, rentalPrice);
    LoanStanding standing = new LoanStanding(repayments.map(RepaymentStatus::daysOverdue).orElse(null),
        repayments.map(RepaymentStatus::arrears).orElse(null),
        collateral.map(CollateralCheck::coverRatio).orElse(null));

    List<Map<String, Object>> signals = new ArrayList<>();
    WarningLevel level;
    String indicatorsAsOf = null;
    EarlyWarningResult result;
    if (latest.isEmpty()) {
      signals.add(Variables.map("signal", "INDICATORS_MISSING", "severity", "WATCH",
          "reasonZh", "本期未收到借款人更新的经营与算力数据", "reasonEn", "No refreshed indicators reported this period"));
      result = assessment.policy().earlyWarning(standing);
      level = result.level().ordinal() > WarningLevel.WATCH.ordinal() ? result.level() : WarningLevel.WATCH;
    } else {
      MonitoringSnapshot current = latest.get();
      MonitoringSnapshot baseline = EarlyWarningService.baseline(approved, asOf);
      result = assessment.policy().earlyWarning(baseline, current, standing);
      level = result.level();
      indicatorsAsOf = current.asOf() == null ? null : current.asOf().toString();
    }
    result.signals().forEach(s -> signals.add(Variables.map("signal", s.signal(), "severity", s.severity().name(),
        "reasonZh", s.reasonZh(), "reasonEn", s.reasonEn())));
    List<Map<String, Object>> arrears = repayments.map(LoanServicing::arrears).orElse(List.of());
    caseFile.recordStep(applicationId, "EARLY_WARNING", Variables.map("asOf", asOf.toString(), "level", level.name(),
        "signals", signals, "indicators", latest.isEmpty() ? null : result, "repaymentArrears", arrears,
        "collateral", collateral.orElse(null)), CaseAssessment.versions(result.policyVersions()), TYPE,
        CaseAssessment.ref(job));
    Map<String, Object> out = Variables.map("warningLevel", level.name(), "warningSignals", signals,
        "indicatorsAsOf", indicatorsAsOf, "repaymentArrears", arrears,
        "arrearsAmount", repayments.map(RepaymentStatus::arrears).orElse(null),
        "collateralCover", collateral.map(CollateralCheck::cover).orElse(null),
        "collateralRequiredCover", collateral.map(CollateralCheck::requiredCover).orElse(null),
        "collateralCoverRatio", collateral.map(CollateralCheck::coverRatio).orElse(null));
    if (nextAssessmentAt != null && monitoringInterval != null) {
      // the next quarter counts from this one's date, so repayment checks in between never postpone it
      out.put("nextAssessmentAt", MonitoringDates.after(Instant.parse(nextAssessmentAt), monitoringInterval).toString());
    }
    return out;
  }
}
