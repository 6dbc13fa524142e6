package cn.computeloan.credit.repayment;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A repayment the core banking system reported.
 *
 * @param paymentId the core banking system's id of the payment (unique per loan)
 * @param valueDate the day the money was received
 * @param amount CNY, positive
 */
public record ReceivedPayment(String paymentId, LocalDate valueDate, BigDecimal amount) {}
