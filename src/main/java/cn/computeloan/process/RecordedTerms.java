package cn.computeloan.process;

import cn.computeloan.process.CaseFile.RecordedStep;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The terms the bank signs, read from what the case file recorded: the limit and term from the
 * credit-limit step, the rate from pricing, the guarantees from guarantee selection, the amount from
 * the votes of the deciding round. Never from process variables, which a person with access to the
 * engine (or a completion without output mappings) could have set.
 */
public final class RecordedTerms {

  /** Where the vote of each approver of a round is recorded. */
  public static String approvalStep(int round) {
    return "APPROVAL-" + round;
  }

  /**
   * What is signed.
   *
   * @param amount the lowest amount an approver of the deciding vote agreed to, never above the limit
   * @param decidingElement the approval task whose seats decided (the last level that voted)
   * @param votes the deciding votes as recorded (approver added)
   * @param repaymentPlan the plan the preparer of the deciding round chose, as the plan proposal
   *     recorded it (method, terms, coverage)
   * @param policyVersions the policy versions of the limit, pricing, guarantee and plan steps
   */
  public record Agreement(BigDecimal amount, BigDecimal proposedLimit, int termMonths, int rateBp,
      List<Map<String, Object>> guarantees, int round, String decidingElement, List<Map<String, Object>> votes,
      Map<String, Object> repaymentPlan, Map<String, String> policyVersions) {}

  private RecordedTerms() {}

  /** The latest limit the credit-limit step recorded. */
  public static BigDecimal proposedLimit(CaseFile caseFile, String applicationId) {
    return money(latest(caseFile, applicationId, "LIMIT").result(), "approvedAmount", "LIMIT");
  }

  /**
   * The agreement the case file supports; a case file that does not show an approval by every seat
   * of the deciding vote is a technical failure (the job fails and becomes an incident), because
   * nothing may be signed that the recorded votes do not carry.
   */
  public static Agreement agreement(CaseFile caseFile, String applicationId) {
    RecordedStep limit = latest(caseFile, applicationId, "LIMIT");
    RecordedStep pricing = latest(caseFile, applicationId, "PRICING");
    RecordedStep guarantee = latest(caseFile, applicationId, "GUARANTEE");
    int round = caseFile.recorded(applicationId, "PREPARATION").stream()
        .map(p -> p.result().get("round")).filter(Number.class::isInstance).mapToInt(r -> ((Number) r).intValue())
        .max().orElseThrow(() -> new IllegalStateException(applicationId + ": no credit proposal recorded"));
    List<RecordedStep> roundVotes = caseFile.recorded(applicationId, approvalStep(round));
    if (roundVotes.isEmpty()) {
      throw new IllegalStateException(applicationId + ": no vote recorded in approval round " + round);
    }
    // the deciding vote: the last votes of the round cast in the same task by the same group for the
    // same number of seats (a vote that was moved up and cast anew leaves its earlier seats before it)
    RecordedStep last = roundVotes.get(roundVotes.size() - 1);
    String deciding = last.elementId();
    List<Map<String, Object>> votes = new ArrayList<>();
    for (int i = roundVotes.size() - 1; i >= 0 && sameVote(roundVotes.get(i), last); i--) {
      Map<String, Object> v = new LinkedHashMap<>(roundVotes.get(i).result());
      v.put("approver", roundVotes.get(i).actor());
      votes.add(0, v);
    }
    // every seat of the deciding vote approved, each a different person (the four-eyes listener saw to that)
    int seats = votes.stream().map(v -> v.get("seats") instanceof Number ? v.get("seats") : v.get("requiredApprovals"))
        .filter(Number.class::isInstance).mapToInt(r -> ((Number) r).intValue()).max().orElse(1);
    long approvers = votes.stream().map(v -> v.get("approver")).distinct().count();
    if (votes.stream().anyMatch(v -> !"APPROVE".equals(v.get("decision"))) || approvers < seats) {
      throw new IllegalStateException(applicationId + ": the recorded votes of round " + round + " at " + deciding
          + " do not approve the loan: " + votes);
    }
    BigDecimal proposed = money(limit.result(), "approvedAmount", "LIMIT");
    BigDecimal amount = votes.stream().map(v -> v.get("approvedAmount")).filter(Objects::nonNull)
        .map(a -> new BigDecimal(a.toString())).reduce(proposed, BigDecimal::min);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> offers = (List<Map<String, Object>>) guarantee.result().getOrDefault("offers", List.of());
    List<Map<String, Object>> selected = offers.stream().filter(o -> Boolean.TRUE.equals(o.get("selected"))).toList();
    Map<String, Object> plan = repaymentPlan(caseFile, applicationId, round);
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("LIMIT", limit.policyVersion());
    versions.put("PRICING", pricing.policyVersion());
    versions.put("GUARANTEE", guarantee.policyVersion());
    versions.put(RecordedPlans.PROPOSAL, latest(caseFile, applicationId, RecordedPlans.PROPOSAL).policyVersion());
    return new Agreement(amount, proposed, integer(limit.result(), "approvedTermMonths", "LIMIT"),
        integer(pricing.result(), "finalRateBp", "PRICING"), selected, round, deciding, votes, plan, versions);
  }

  /**
   * The plan the credit proposal of {@code round} chose, as the plan proposal recorded it. A loan is
   * never signed without its repayment plan: no choice, or a choice the proposal does not offer, is a
   * technical failure (an incident).
   */
  static Map<String, Object> repaymentPlan(CaseFile caseFile, String applicationId, int round) {
    Object method = caseFile.recorded(applicationId, "PREPARATION").stream()
        .filter(p -> p.result().get("round") instanceof Number n && n.intValue() == round)
        .reduce((first, second) -> second).map(p -> p.result().get("repaymentMethod")).orElse(null);
    Map<String, Object> option = method == null ? null
        : RecordedPlans.availableOptions(caseFile, applicationId).get(method.toString());
    if (option == null) {
      throw new IllegalStateException(applicationId + ": the credit proposal of round " + round
          + " chose no repayment plan the recorded plan proposal offers (" + method + "): nothing is signed without one");
    }
    return option;
  }

  private static boolean sameVote(RecordedStep a, RecordedStep b) {
    return Objects.equals(a.elementId(), b.elementId()) && Objects.equals(a.result().get("group"), b.result().get("group"))
        && Objects.equals(a.result().get("seats"), b.result().get("seats"));
  }

  private static RecordedStep latest(CaseFile caseFile, String applicationId, String step) {
    List<RecordedStep> recorded = caseFile.recorded(applicationId, step);
    if (recorded.isEmpty()) {
      throw new IllegalStateException(applicationId + ": no " + step + " step recorded in the case file");
    }
    return recorded.get(recorded.size() - 1);
  }

  private static BigDecimal money(Map<String, Object> result, String field, String step) {
    Object value = result.get(field);
    if (!(value instanceof Number)) {
      throw new IllegalStateException(step + " step has no amount '" + field + "'");
    }
    return new BigDecimal(value.toString());
  }

  private static int integer(Map<String, Object> result, String field, String step) {
    Object value = result.get(field);
    if (!(value instanceof Number n)) {
      throw new IllegalStateException(step + " step has no number '" + field + "'");
    }
    return n.intValue();
  }
}
