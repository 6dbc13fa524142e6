package cn.computeloan.credit.repayment;

/**
 * How a loan is repaid. Which methods a product and tier may have, and how flexible each counts, is
 * policy (the {@code RepaymentMethods} table).
 */
public enum RepaymentMethod {
  /** 等额本金: the same principal every period, interest on what is outstanding. */
  EQUAL_PRINCIPAL,
  /** 等额本息: the same instalment (principal + interest) every period (annuity). */
  EQUAL_INSTALMENT,
  /** Interest only during a grace period (e.g. until the facility operates), then equal principal. */
  INTEREST_ONLY_GRACE,
  /**
   * Equal principal on part of the loan and the rest (the balloon) at maturity; a balloon of the
   * whole loan is a bullet (order financing repaid from the order's receipt).
   */
  BALLOON
}
