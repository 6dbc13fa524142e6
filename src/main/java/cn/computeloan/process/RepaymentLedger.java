package cn.computeloan.process;

import cn.computeloan.credit.repayment.ReceivedPayment;
import java.util.List;

/**
 * The repayments the core banking system reported for a loan. Implemented by the application (its
 * payments API stores them); the process package has an in-memory fallback.
 */
public interface RepaymentLedger {

  /** Every payment reported for the loan of {@code applicationId}, by value date. */
  List<ReceivedPayment> payments(String applicationId);
}
