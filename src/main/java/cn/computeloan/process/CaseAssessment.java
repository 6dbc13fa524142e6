package cn.computeloan.process;

import cn.computeloan.credit.authority.AuthorityResult;
import cn.computeloan.credit.evaluation.CreditPolicy;
import cn.computeloan.credit.guarantee.GuaranteeResult;
import cn.computeloan.credit.limit.LimitResult;
import cn.computeloan.credit.model.GuaranteeOffer;
import cn.computeloan.credit.model.GuaranteeType;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.pricing.PricingResult;
import cn.computeloan.credit.repayment.PlanProposal;
import cn.computeloan.credit.repayment.RepaymentPlanner;
import cn.computeloan.credit.review.ReviewResult;
import cn.computeloan.credit.score.ScoreResult;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The credit policy applied to a case as the workers need it. The process carries only ids and key
 * figures, so each step re-derives the steps before it from the stored application: the policy is
 * deterministic, and a retried job therefore computes the same result.
 *
 * <p>Review and score are the expensive part (most DMN evaluations) and every later step needs
 * them, so they are kept per application for a short while: one evaluation per application instead
 * of one per step. An entry lives {@link #REUSE_FOR} at most, so a redeployed table reaches running
 * cases within that time; a supplemented or extended application is a different key.
 */
@Component
public class CaseAssessment {

  static final java.time.Duration REUSE_FOR = java.time.Duration.ofMinutes(5);
  private static final int CACHED_CASES = 2_048;

  private record Derived(ReviewResult review, ScoreResult score, long at) {}

  private final CaseFile caseFile;
  private final CreditPolicy policy;
  private final RepaymentPlanner planner;
  private final Map<LoanApplication, Derived> derived = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LoanApplication, Derived> eldest) {
          return size() > CACHED_CASES;
        }
      });

  public CaseAssessment(CaseFile caseFile, CreditPolicy policy, RepaymentPlanner planner) {
    this.caseFile = caseFile;
    this.policy = policy;
    this.planner = planner;
  }

  /** The planner, for schedules of signed and disbursed loans. */
  public RepaymentPlanner planner() {
    return planner;
  }

  /**
   * The repayment plans of the case: its limit and term at the priced rate, with its interest
   * subsidy, from {@code valueDate} (the planned disbursement).
   */
  public PlanProposal repaymentPlan(LoanApplication app, LocalDate valueDate) {
    Derived d = derive(app);
    LimitResult limit = policy.limit(app, d.review(), d.score());
    PricingResult pricing = policy.price(app, d.score(), limit, policy.guarantee(app, d.score(), limit));
    return planner.propose(app, d.review(), d.score().tier(), limit.approvedAmount(), limit.approvedTermMonths(),
        pricing.finalRateBp(), pricing.subsidy(), valueDate);
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
    return app.withGuaranteeOffers(offers);
  }

  private Derived derive(LoanApplication app) {
    long now = System.nanoTime();
    Derived d = derived.get(app);
    if (d == null || now - d.at() > REUSE_FOR.toNanos()) {
      ReviewResult review = policy.review(app);
      d = new Derived(review, policy.score(app, review), now);
      derived.put(app, d);
    }
    return d;
  }

  public ReviewResult review(LoanApplication app) {
    return derive(app).review();
  }

  public ScoreResult score(LoanApplication app) {
    return derive(app).score();
  }

  public LimitResult limit(LoanApplication app) {
    Derived d = derive(app);
    return policy.limit(app, d.review(), d.score());
  }

  public GuaranteeResult guarantee(LoanApplication app) {
    Derived d = derive(app);
    return policy.guarantee(app, d.score(), policy.limit(app, d.review(), d.score()));
  }

  public PricingResult pricing(LoanApplication app) {
    Derived d = derive(app);
    LimitResult limit = policy.limit(app, d.review(), d.score());
    return policy.price(app, d.score(), limit, policy.guarantee(app, d.score(), limit));
  }

  /** The approval authority of the case (who approves, and the version of the table that said so). */
  public AuthorityResult authority(LoanApplication app) {
    Derived d = derive(app);
    return policy.authority(app, d.score(), policy.limit(app, d.review(), d.score()));
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
