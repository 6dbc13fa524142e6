package cn.computeloan.credit.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The order an ORDER_FINANCING loan is based on.
 *
 * @param buyer buyer's name
 * @param amount contract amount in CNY
 * @param buyerLargeEnterprise whether the buyer is a large enterprise (大厂订单)
 * @param paymentDate when the buyer is due to pay under the contract (optional): a bullet
 *     repayment falls due a policy-set number of days after it
 */
public record OrderContract(String buyer, BigDecimal amount, boolean buyerLargeEnterprise, LocalDate paymentDate) {

  /** A contract without a payment date. */
  public OrderContract(String buyer, BigDecimal amount, boolean buyerLargeEnterprise) {
    this(buyer, amount, buyerLargeEnterprise, null);
  }
}
