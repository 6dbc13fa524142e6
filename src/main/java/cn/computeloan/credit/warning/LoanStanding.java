package cn.computeloan.credit.warning;

import java.math.BigDecimal;

/**
 * How the loan itself stands, beside the borrower's figures: repayments and collateral.
 *
 * @param daysOverdue days the oldest unpaid instalment is overdue beyond the grace (0: none; null:
 *     not checked)
 * @param arrears amount overdue, CNY
 * @param collateralCoverRatio the re-valued cover of the selected guarantees over the cover required
 *     for the principal outstanding (null: nothing to compare)
 */
public record LoanStanding(Integer daysOverdue, BigDecimal arrears, BigDecimal collateralCoverRatio) {

  /** Nothing known about the loan's standing. */
  public static final LoanStanding UNKNOWN = new LoanStanding(null, null, null);
}
