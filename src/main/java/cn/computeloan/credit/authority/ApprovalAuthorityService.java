package cn.computeloan.credit.authority;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.PolicyDecisionException;
import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.limit.LimitResult;
import cn.computeloan.credit.model.Product;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.score.ScoreResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Approval authority (审批权限) from amount, tier and product via {@code ApprovalAuthority}. */
public final class ApprovalAuthorityService {

  /** DMN decision id. */
  public static final String DECISION = "ApprovalAuthority";

  private final PolicyDecisions decisions;

  /** Creates the service on the given decisions. */
  public ApprovalAuthorityService(PolicyDecisions decisions) {
    this.decisions = decisions;
  }

  /**
   * Authority for a proposal. A proposal to decline (limit 0) goes to the level that could have
   * granted the requested amount, so a large request is not declined by a junior approver.
   */
  public AuthorityResult authority(Product product, ScoreResult score, LimitResult limit) {
    BigDecimal amount = limit.approvedAmount().signum() > 0
        ? limit.approvedAmount() : limit.requestedAmount();
    return authority(product, score.tier(), amount);
  }

  /** Authority for an amount, tier and product. */
  public AuthorityResult authority(Product product, Tier tier, BigDecimal amount) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("amount", amount);
    inputs.put("tier", tier.name());
    inputs.put("product", String.valueOf(product));
    DecisionOutcome outcome = decisions.evaluate(DECISION, inputs);
    if (outcome.single() == null) {
      throw new PolicyDecisionException(outcome.policyVersion() + " has no rule for " + inputs);
    }
    List<String> groups = Arrays.stream(outcome.text("candidateGroups").split(","))
        .map(String::trim).filter(g -> !g.isEmpty()).toList();
    List<FiredRule> fired = new ArrayList<>(FiredRule.from(outcome, "level"));
    int approvals = outcome.number("requiredApprovals").intValue();
    if (approvals < 1) {
      // Four-eyes is not tunable: someone other than the preparer always approves.
      approvals = 1;
      fired.add(FiredRule.java("FOUR_EYES_MINIMUM", "至少需要一名经办人以外的审批人",
          "At least one approver other than the preparer is required"));
    }
    return new AuthorityResult(outcome.text("level"), groups, approvals, false, amount, inputs,
        List.copyOf(fired), List.of(outcome.policyVersion()));
  }

  /**
   * Four-eyes check for the workers: whether {@code approvers} (user ids, in order of approval)
   * satisfy the result. The preparer and repeated approvers do not count.
   */
  public static boolean approvalsSufficient(AuthorityResult authority, String preparer,
      List<String> approvers) {
    long distinct = approvers.stream().filter(a -> a != null && !a.equals(preparer)).distinct()
        .count();
    return distinct >= authority.requiredApprovals();
  }
}
