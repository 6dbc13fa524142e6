package cn.computeloan.credit.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A compute-loan application: the complete input of the credit policy.
 *
 * @param applicationId caller's reference (may be null)
 * @param applicant the applicant enterprise
 * @param product product applied for
 * @param requestedAmount requested amount, CNY
 * @param termMonths requested term in months
 * @param projectTotalInvestment total investment of the project (PROJECT only), CNY
 * @param orderContract the order (ORDER_FINANCING only)
 * @param statements one to three fiscal years of statements, any order
 * @param computeProfile compute-specific profile
 * @param guaranteeOffers guarantees offered
 * @param esgRating current ESG rating (optional)
 * @param previousEsgRating previous ESG rating (optional)
 */
public record LoanApplication(
    String applicationId,
    Applicant applicant,
    Product product,
    BigDecimal requestedAmount,
    int termMonths,
    BigDecimal projectTotalInvestment,
    OrderContract orderContract,
    List<FiscalYearStatements> statements,
    ComputeProfile computeProfile,
    List<GuaranteeOffer> guaranteeOffers,
    EsgRating esgRating,
    EsgRating previousEsgRating) {

  /** Defensive copies; null lists become empty so the policy never meets a null list. */
  public LoanApplication {
    statements = copy(statements);
    guaranteeOffers = copy(guaranteeOffers);
  }

  // Null elements are kept (not rejected) so that validation can report them field by field.
  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
