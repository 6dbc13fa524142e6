package cn.computeloan.process;

import cn.computeloan.credit.CreditPolicy;
import cn.computeloan.credit.guarantee.GuaranteeResult;
import cn.computeloan.credit.limit.LimitResult;
import cn.computeloan.credit.model.GuaranteeOffer;
import cn.computeloan.credit.model.GuaranteeType;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.pricing.PricingResult;
import cn.computeloan.credit.review.ReviewResult;
import cn.computeloan.credit.score.ScoreResult;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The credit policy applied to a case as the workers need it. The process carries only ids and key
 * figures, so each step re-derives the steps before it from the stored application: the policy is
 * deterministic, and a retried job therefore computes the same result.
 */
@Component
public class CaseAssessment {

  private final CaseFile caseFile;
  private final CreditPolicy policy;

  public CaseAssessment(CaseFile caseFile, CreditPolicy policy) {
    this.caseFile = caseFile;
    this.policy = policy;
  }

  /** The policy, for steps that need no case (early warning). */
  public CreditPolicy policy() {
    return policy;
  }

  /** The stored application; a missing one is a technical failure (the job is retried). */
  public LoanApplication application(String applicationId) {
    return caseFile.application(applicationId)
        .orElseThrow(() -> new IllegalStateException("no application " + applicationId + " in the case file"));
  }

  /**
   * The stored application with the guarantees the account manager negotiated during the process
   * ({@code additionalGuaranteeOffers}: maps of type, provider, appraisedValue) added to its offers.
   */
  public LoanApplication application(String applicationId, List<Map<String, Object>> additionalOffers) {
    LoanApplication app = application(applicationId);
    if (additionalOffers == null || additionalOffers.isEmpty()) {
      return app;
    }
    List<GuaranteeOffer> offers = new ArrayList<>(app.guaranteeOffers());
    for (Map<String, Object> offer : additionalOffers) {
      offers.add(new GuaranteeOffer(GuaranteeType.valueOf(String.valueOf(offer.get("type"))),
          (String) offer.get("provider"), new BigDecimal(String.valueOf(offer.get("appraisedValue")))));
    }
    return new LoanApplication(app.applicationId(), app.applicant(), app.product(), app.requestedAmount(),
        app.termMonths(), app.projectTotalInvestment(), app.orderContract(), app.statements(),
        app.computeProfile(), offers, app.esgRating(), app.previousEsgRating());
  }

  public ReviewResult review(LoanApplication app) {
    return policy.review(app);
  }

  public ScoreResult score(LoanApplication app) {
    return policy.score(app, review(app));
  }

  public LimitResult limit(LoanApplication app) {
    ReviewResult review = review(app);
    return policy.limit(app, review, policy.score(app, review));
  }

  public GuaranteeResult guarantee(LoanApplication app) {
    ReviewResult review = review(app);
    ScoreResult score = policy.score(app, review);
    return policy.guarantee(app, score, policy.limit(app, review, score));
  }

  public PricingResult pricing(LoanApplication app) {
    ReviewResult review = review(app);
    ScoreResult score = policy.score(app, review);
    LimitResult limit = policy.limit(app, review, score);
    return policy.price(app, score, limit, policy.guarantee(app, score, limit));
  }

  /** Where in the process a job writes from (its key makes the write idempotent). */
  public static CaseFile.ProcessRef ref(ActivatedJob job) {
    return new CaseFile.ProcessRef(job.getProcessInstanceKey(), job.getElementId(), job.getElementInstanceKey(),
        job.getKey());
  }

  /** The policy versions of a result, as one string for the audit trail. */
  public static String versions(List<String> policyVersions) {
    return String.join(", ", policyVersions);
  }
}
