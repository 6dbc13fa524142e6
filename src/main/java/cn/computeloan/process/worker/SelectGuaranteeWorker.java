package cn.computeloan.process.worker;

import cn.computeloan.credit.guarantee.GuaranteeResult;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Task_SelectGuarantee: the required cover and the least-cost selection of the offers, including
 * those the account manager added in Task_NegotiateGuarantee.
 */
@Component
public class SelectGuaranteeWorker {

  static final String TYPE = "select-guarantee";
  private final CaseAssessment assessment;
  private final CaseFile caseFile;

  public SelectGuaranteeWorker(CaseAssessment assessment, CaseFile caseFile) {
    this.assessment = assessment;
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = {"applicationId", "additionalGuaranteeOffers"})
  public Map<String, Object> select(ActivatedJob job, @Variable String applicationId,
      @Variable(optional = true) List<Map<String, Object>> additionalGuaranteeOffers) {
    GuaranteeResult g = assessment.guarantee(assessment.application(applicationId, additionalGuaranteeOffers));
    caseFile.recordStep(applicationId, "GUARANTEE", g, CaseAssessment.versions(g.policyVersions()), TYPE,
        CaseAssessment.ref(job));
    List<Map<String, Object>> selected = g.selectedOffers().stream()
        .map(o -> Variables.map("type", o.type().name(), "provider", o.provider(), "appraisedValue",
            o.appraisedValue(), "haircut", o.haircut(), "coverValue", o.coverValue())).toList();
    List<Map<String, Object>> options = g.shortfallOptions().stream()
        .map(o -> Variables.map("type", o.type().name(), "appraisedValueNeeded", o.appraisedValueNeeded(),
            "haircut", o.haircut())).toList();
    return Variables.map("guaranteeRequirementMet", g.requirementMet(), "requiredCover", g.requiredCover(),
        "requiredCoverRatio", g.requiredCoverRatio(), "selectedCover", g.selectedCover(),
        "achievedCoverRatio", g.achievedCoverRatio(), "coverShortfall", g.shortfall(),
        "selectedGuarantees", selected, "shortfallOptions", options);
  }
}
