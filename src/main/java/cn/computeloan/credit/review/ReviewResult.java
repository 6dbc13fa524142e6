package cn.computeloan.credit.review;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.Violation;
import cn.computeloan.credit.model.ReviewOutcome;
import java.util.List;
import java.util.Map;

/**
 * Result of the traditional three-statement review (三张表).
 *
 * @param outcome PASS, REFER or FAIL: the worst severity of the findings that fired
 * @param violations every data problem, field by field (application and statements)
 * @param ratios ratios of the years that passed validation, oldest first
 * @param crossChecks cross-statement checks on the latest valid year
 * @param inputs the inputs given to the threshold table
 * @param firedRules the findings, with reasons in Chinese and English
 * @param policyVersions the DMN decisions (with version and hash) that produced the result: {@code
 *     PolicyParameters} (balance tolerances) and {@code ReviewThresholds}
 */
public record ReviewResult(
    ReviewOutcome outcome,
    List<Violation> violations,
    List<YearRatios> ratios,
    CrossStatementChecks crossChecks,
    Map<String, Object> inputs,
    List<FiredRule> firedRules,
    List<String> policyVersions) {

  /** Ratios of the latest valid year, or null if no year was valid. */
  public YearRatios latestRatios() {
    return ratios.isEmpty() ? null : ratios.get(ratios.size() - 1);
  }
}
