package cn.computeloan.process.worker;

import cn.computeloan.credit.review.ReviewResult;
import cn.computeloan.credit.review.YearRatios;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Task_ReviewStatements: the traditional three-statement review (PASS, REFER or FAIL). */
@Component
public class ReviewStatementsWorker {

  static final String TYPE = "review-three-statements";
  private final CaseAssessment assessment;
  private final CaseFile caseFile;

  public ReviewStatementsWorker(CaseAssessment assessment, CaseFile caseFile) {
    this.assessment = assessment;
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = "applicationId")
  public Map<String, Object> review(ActivatedJob job, @Variable String applicationId) {
    ReviewResult review = assessment.review(assessment.application(applicationId));
    caseFile.recordStep(applicationId, "REVIEW", review, CaseAssessment.versions(review.policyVersions()), TYPE,
        CaseAssessment.ref(job));
    List<Map<String, Object>> findings = review.firedRules().stream()
        .map(r -> Variables.map("code", r.code(), "reasonZh", r.reasonZh(), "reasonEn", r.reasonEn())).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("reviewOutcome", review.outcome().name());
    out.put("reviewFindings", findings);
    out.put("keyRatios", ratios(review.latestRatios()));
    return out;
  }

  private static Map<String, Object> ratios(YearRatios r) {
    if (r == null) {
      return Map.of();
    }
    return Variables.map("fiscalYear", r.fiscalYear(), "debtToAsset", r.debtToAsset(), "currentRatio",
        r.currentRatio(), "interestCoverage", r.interestCoverage(), "netMargin", r.netMargin(), "revenueGrowth",
        r.revenueGrowth(), "rdIntensity", r.rdIntensity(), "cashRunwayMonths", r.cashRunwayMonths());
  }
}
