package cn.computeloan.process.worker;

import cn.computeloan.credit.limit.LimitResult;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Task_CalculateCreditLimit: the proposed limit and term, with the caps that bound them. */
@Component
public class CalculateCreditLimitWorker {

  static final String TYPE = "calculate-credit-limit";
  private final CaseAssessment assessment;
  private final CaseFile caseFile;

  public CalculateCreditLimitWorker(CaseAssessment assessment, CaseFile caseFile) {
    this.assessment = assessment;
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = "applicationId")
  public Map<String, Object> calculate(ActivatedJob job, @Variable String applicationId) {
    LimitResult limit = assessment.limit(assessment.application(applicationId));
    caseFile.recordStep(applicationId, "LIMIT", limit, CaseAssessment.versions(limit.policyVersions()), TYPE,
        CaseAssessment.ref(job));
    List<Map<String, Object>> caps = limit.caps().stream()
        .map(c -> Variables.map("code", c.code(), "amount", c.amount(), "binding", c.binding(),
            "reasonZh", c.reasonZh(), "reasonEn", c.reasonEn())).toList();
    return Variables.map("proposedLimit", limit.approvedAmount(), "requestedTermMonths", limit.requestedTermMonths(),
        "approvedTermMonths", limit.approvedTermMonths(), "limitCaps", caps, "bindingCaps", limit.bindingCaps());
  }
}
