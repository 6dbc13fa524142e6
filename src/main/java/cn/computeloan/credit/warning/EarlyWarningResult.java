package cn.computeloan.credit.warning;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.Violation;
import cn.computeloan.credit.model.WarningLevel;
import java.util.List;
import java.util.Map;

/**
 * Post-loan early-warning outcome.
 *
 * @param level NORMAL, WATCH or WARNING: the worst signal
 * @param signals the signals raised
 * @param violations data problems in the snapshots (statement lines are then not compared)
 * @param inputs the changes and ratios given to the table
 * @param firedRules the rules that fired
 * @param policyVersions versions of {@code PolicyParameters} (statement tolerances) and {@code
 *     EarlyWarning}
 */
public record EarlyWarningResult(
    WarningLevel level,
    List<WarningSignal> signals,
    List<Violation> violations,
    Map<String, Object> inputs,
    List<FiredRule> firedRules,
    List<String> policyVersions) {}
