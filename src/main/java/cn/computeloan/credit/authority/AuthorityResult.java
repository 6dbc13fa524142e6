package cn.computeloan.credit.authority;

import cn.computeloan.credit.FiredRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Who must approve. Four-eyes: the preparer never counts as an approver, so {@code
 * requiredApprovals} distinct people other than the preparer must agree.
 *
 * @param level approval level, e.g. {@code BRANCH_CREDIT_COMMITTEE}
 * @param candidateGroups user groups that may approve (Camunda candidate groups)
 * @param requiredApprovals distinct approvers required, at least 1
 * @param preparerMayApprove always false
 * @param amount the amount the level was chosen for, CNY
 * @param inputs inputs used
 * @param firedRules the authority rule that fired
 * @param policyVersions version of {@code ApprovalAuthority}
 */
public record AuthorityResult(
    String level,
    List<String> candidateGroups,
    int requiredApprovals,
    boolean preparerMayApprove,
    BigDecimal amount,
    Map<String, Object> inputs,
    List<FiredRule> firedRules,
    List<String> policyVersions) {}
