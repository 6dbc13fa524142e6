package cn.computeloan.process.worker;

import cn.computeloan.credit.pricing.PricingResult;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Task_PriceLoan: base rate + risk premium - ESG discount, in basis points; with an interest subsidy,
 * what the issuer pays and the borrower's effective rate.
 */
@Component
public class PriceLoanWorker {

  static final String TYPE = "price-loan";
  private final CaseAssessment assessment;
  private final CaseFile caseFile;

  public PriceLoanWorker(CaseAssessment assessment, CaseFile caseFile) {
    this.assessment = assessment;
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = {"applicationId", "additionalGuaranteeOffers"})
  public Map<String, Object> price(ActivatedJob job, @Variable String applicationId,
      @Variable(optional = true) List<Map<String, Object>> additionalGuaranteeOffers) {
    PricingResult p = assessment.pricing(assessment.application(applicationId, additionalGuaranteeOffers));
    caseFile.recordStep(applicationId, "PRICING", p, CaseAssessment.versions(p.policyVersions()), TYPE,
        CaseAssessment.ref(job));
    var s = p.subsidy();
    return Variables.map("baseRateName", p.baseRateName(), "baseRateBp", p.baseRateBp(), "riskPremiumBp",
        p.riskPremiumBp(), "esgDiscountBp", p.esgDiscountBp(), "finalRateBp", p.finalRateBp(),
        "subsidyProgramme", s == null ? null : s.programme(), "subsidyEligible", s != null && s.eligible(),
        "subsidyIssuer", s == null ? null : s.issuer(), "subsidyBp", s == null ? 0 : s.subsidyBp(),
        "subsidyReasonZh", s == null ? null : s.reasonZh(), "effectiveRateBp", p.effectiveRateBp());
  }
}
