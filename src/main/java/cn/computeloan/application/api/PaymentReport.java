package cn.computeloan.application.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A repayment as the core banking system reports it.
 *
 * @param paymentId the core banking system's id of the payment: the same id is the same payment
 * @param valueDate the day the money was received
 * @param amount CNY, positive, at most two decimals (fen)
 */
public record PaymentReport(String paymentId, LocalDate valueDate, BigDecimal amount) {}
