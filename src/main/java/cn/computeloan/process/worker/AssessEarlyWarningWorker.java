package cn.computeloan.process.worker;

import cn.computeloan.credit.warning.EarlyWarningResult;
import cn.computeloan.credit.warning.EarlyWarningService;
import cn.computeloan.credit.warning.MonitoringSnapshot;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import cn.computeloan.process.MonitoringIndicators;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Task_AssessEarlyWarning: collects the borrower's refreshed indicators and evaluates the
 * early-warning policy against the data the loan was approved on. No report since the last review
 * is itself a WATCH signal: monitoring must not go blind silently.
 */
@Component
public class AssessEarlyWarningWorker {

  static final String TYPE = "assess-early-warning";
  private final CaseAssessment assessment;
  private final CaseFile caseFile;
  private final MonitoringIndicators indicators;

  public AssessEarlyWarningWorker(CaseAssessment assessment, CaseFile caseFile, MonitoringIndicators indicators) {
    this.assessment = assessment;
    this.caseFile = caseFile;
    this.indicators = indicators;
  }

  @JobWorker(type = TYPE, fetchVariables = "applicationId")
  public Map<String, Object> assess(ActivatedJob job, @Variable String applicationId) {
    var approved = assessment.application(applicationId);
    var latest = indicators.latest(applicationId);
    if (latest.isEmpty()) {
      Map<String, Object> signal = Variables.map("signal", "INDICATORS_MISSING", "severity", "WATCH",
          "reasonZh", "本期未收到借款人更新的经营与算力数据", "reasonEn", "No refreshed indicators reported this period");
      caseFile.recordStep(applicationId, "EARLY_WARNING", signal, null, TYPE, CaseAssessment.ref(job));
      return Variables.map("warningLevel", "WATCH", "warningSignals", List.of(signal), "indicatorsAsOf", null);
    }
    MonitoringSnapshot current = latest.get();
    MonitoringSnapshot baseline = EarlyWarningService.baseline(approved, LocalDate.now(ZoneOffset.UTC));
    EarlyWarningResult result = assessment.policy().earlyWarning(baseline, current);
    caseFile.recordStep(applicationId, "EARLY_WARNING", result, CaseAssessment.versions(result.policyVersions()),
        TYPE, CaseAssessment.ref(job));
    List<Map<String, Object>> signals = result.signals().stream()
        .map(s -> Variables.map("signal", s.signal(), "severity", s.severity().name(), "reasonZh", s.reasonZh(),
            "reasonEn", s.reasonEn())).toList();
    return Variables.map("warningLevel", result.level().name(), "warningSignals", signals,
        "indicatorsAsOf", current.asOf() == null ? null : current.asOf().toString());
  }
}
