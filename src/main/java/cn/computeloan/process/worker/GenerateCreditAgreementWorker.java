package cn.computeloan.process.worker;

import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import cn.computeloan.process.RecordedTerms;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Task_GenerateCreditAgreement: the agreement's figures come from the case file, never from process
 * variables ({@link RecordedTerms}): the amount is the lowest an approver of the deciding vote agreed
 * to (never above the recorded limit), the term from the credit-limit step, the rate from pricing,
 * the guarantees from guarantee selection. The agreement number is derived from the process
 * instance, so a retried job produces the same agreement.
 */
@Component
public class GenerateCreditAgreementWorker {

  static final String TYPE = "generate-credit-agreement";
  private final CaseFile caseFile;

  public GenerateCreditAgreementWorker(CaseFile caseFile) {
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = "applicationId")
  public Map<String, Object> generate(ActivatedJob job, @Variable String applicationId) {
    RecordedTerms.Agreement terms = RecordedTerms.agreement(caseFile, applicationId);
    String agreementNumber = "CL-" + applicationId + "-" + job.getProcessInstanceKey();
    Map<String, Object> agreement = Variables.map("agreementNumber", agreementNumber, "approvedAmount", terms.amount(),
        "proposedLimit", terms.proposedLimit(), "termMonths", terms.termMonths(), "rateBp", terms.rateBp(),
        "guarantees", terms.guarantees(), "round", terms.round(), "decidedAt", terms.decidingElement(),
        "votes", terms.votes(), "policyVersions", terms.policyVersions());
    caseFile.recordStep(applicationId, "AGREEMENT", agreement, null, TYPE, CaseAssessment.ref(job));
    caseFile.changeStatus(applicationId, ApplicationStatus.APPROVED, TYPE, CaseAssessment.ref(job));
    // shown in the signing form; the disbursement reads the recorded agreement, not these
    return Variables.map("approvedAmount", terms.amount(), "agreementNumber", agreementNumber,
        "approvedTermMonths", terms.termMonths(), "finalRateBp", terms.rateBp());
  }
}
