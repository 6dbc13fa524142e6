package cn.computeloan.process.worker;

import cn.computeloan.credit.score.ScoreResult;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Task_ScoreComputeCapability: the compute scorecard and the tier A/B/C. */
@Component
public class ScoreComputeCapabilityWorker {

  static final String TYPE = "score-compute-capability";
  private final CaseAssessment assessment;
  private final CaseFile caseFile;

  public ScoreComputeCapabilityWorker(CaseAssessment assessment, CaseFile caseFile) {
    this.assessment = assessment;
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = "applicationId")
  public Map<String, Object> score(ActivatedJob job, @Variable String applicationId) {
    ScoreResult score = assessment.score(assessment.application(applicationId));
    caseFile.recordStep(applicationId, "SCORE", score, CaseAssessment.versions(score.policyVersions()), TYPE,
        CaseAssessment.ref(job));
    List<Map<String, Object>> factors = score.factors().stream()
        .map(f -> Variables.map("factor", f.factor(), "points", f.points(), "maxPoints", f.maxPoints(),
            "reasonZh", f.reasonZh(), "reasonEn", f.reasonEn())).toList();
    return Variables.map("score", score.score(), "tier", score.tier().name(), "scoreFactors", factors);
  }
}
