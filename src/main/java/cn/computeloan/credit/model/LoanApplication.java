package cn.computeloan.credit.model;

import java.math.BigDecimal;
import java.time.LocalDate;
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
 * @param projectOperationDate when the financed facility is expected to operate (PROJECT, optional):
 *     a grace period runs until then
 * @param projectCashFlows the project's projected operating cash flow by calendar year (PROJECT,
 *     optional)
 * @param interestSubsidyProgramme the interest subsidy programme (贴息) the loan applies under,
 *     by its code in the {@code InterestSubsidy} table (optional)
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
    EsgRating previousEsgRating,
    LocalDate projectOperationDate,
    List<ProjectCashFlow> projectCashFlows,
    String interestSubsidyProgramme) {

  /** Defensive copies; null lists become empty so the policy never meets a null list. */
  public LoanApplication {
    statements = copy(statements);
    guaranteeOffers = copy(guaranteeOffers);
    projectCashFlows = copy(projectCashFlows);
  }

  /** An application without project plan and subsidy (the fields before repayment plans). */
  public LoanApplication(String applicationId, Applicant applicant, Product product, BigDecimal requestedAmount,
      int termMonths, BigDecimal projectTotalInvestment, OrderContract orderContract,
      List<FiscalYearStatements> statements, ComputeProfile computeProfile, List<GuaranteeOffer> guaranteeOffers,
      EsgRating esgRating, EsgRating previousEsgRating) {
    this(applicationId, applicant, product, requestedAmount, termMonths, projectTotalInvestment, orderContract,
        statements, computeProfile, guaranteeOffers, esgRating, previousEsgRating, null, null, null);
  }

  /** The same application with other guarantee offers (negotiated during the process). */
  public LoanApplication withGuaranteeOffers(List<GuaranteeOffer> offers) {
    return new LoanApplication(applicationId, applicant, product, requestedAmount, termMonths,
        projectTotalInvestment, orderContract, statements, computeProfile, offers, esgRating, previousEsgRating,
        projectOperationDate, projectCashFlows, interestSubsidyProgramme);
  }

  // Null elements are kept (not rejected) so that validation can report them field by field.
  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
